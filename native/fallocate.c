// runnel_fs: fallocate(2) for Node, which has none. Index files are memory-mapped; a store into a hole of
// a sparse file needs a block at fault time, and on a full disk that fault is SIGBUS. Reserving the
// blocks first turns the failure into an errno the caller can answer with. Linux only; elsewhere the
// module exports available = false and JS writes zeros instead (which also allocates blocks).
#define NAPI_VERSION 8
#define _GNU_SOURCE
#include <node_api.h>
#include <errno.h>
#include <stdint.h>

#ifdef __linux__
#include <fcntl.h>
#endif

// fallocate(fd, offset, length) -> 0 or the errno. Mode 0: allocate, and grow the file if the range
// ends past it. Blocks the thread for the call, as fs.*Sync does.
static napi_value do_fallocate(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_value result;
  int32_t fd = -1;
  int64_t offset = -1;
  int64_t length = -1;
  int err = EINVAL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc == 3 &&
      napi_get_value_int32(env, argv[0], &fd) == napi_ok &&
      napi_get_value_int64(env, argv[1], &offset) == napi_ok &&
      napi_get_value_int64(env, argv[2], &length) == napi_ok && fd >= 0 && offset >= 0 && length > 0) {
#ifdef __linux__
    do {
      err = fallocate(fd, 0, (off_t)offset, (off_t)length) == 0 ? 0 : errno;
    } while (err == EINTR);
#else
    err = EOPNOTSUPP;
#endif
  }
  napi_create_int32(env, err, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_value flag;
#ifdef __linux__
  napi_get_boolean(env, 1, &flag);
#else
  napi_get_boolean(env, 0, &flag);
#endif
  napi_set_named_property(env, exports, "available", flag);
  napi_create_function(env, "fallocate", NAPI_AUTO_LENGTH, do_fallocate, NULL, &fn);
  napi_set_named_property(env, exports, "fallocate", fn);
  return exports;
}
