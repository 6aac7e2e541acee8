// runnel_lock: flock(2) for the data directory's `.lock` file. The lock belongs to the open file
// description, so the kernel drops it when the process dies however it dies (SIGKILL included), and a
// second open of the same file, even in the same process, cannot take it. Windows builds nothing; the JS
// loader then falls back to a pid file with a liveness check.
#define NAPI_VERSION 8
#include <errno.h>
#include <node_api.h>
#include <sys/file.h>

// lockExclusive(fd) -> 0 when this descriptor now holds the lock, else the errno (EWOULDBLOCK: held).
static napi_value lock_exclusive(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t fd = -1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_int32(env, argv[0], &fd) != napi_ok) {
    napi_throw_type_error(env, NULL, "lockExclusive(fd) needs a file descriptor");
    return NULL;
  }
  int rc;
  do {
    rc = flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  napi_value out;
  napi_create_int32(env, rc == 0 ? 0 : errno, &out);
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "lockExclusive", NAPI_AUTO_LENGTH, lock_exclusive, NULL, &fn);
  napi_set_named_property(env, exports, "lockExclusive", fn);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
