# Built by `npm run build:native`. runnel_crc32c (crc32c.c): only x86-64 has a kernel, so other
# architectures build nothing and src/wasm/native.ts falls back to the other CRC backends. runnel_fs
# (fallocate.c): block reservation for mmap'd index files; src/storage/fallocate.ts falls back to zeros.
# runnel_lock (lock.c): flock for the data directory's .lock; not on Windows.
{
  "targets": [
    {
      "target_name": "runnel_crc32c",
      "conditions": [
        ["target_arch=='x64'", {
          "sources": ["crc32c.c"],
          "defines": ["NAPI_VERSION=8"],
          "cflags_c": ["-O3", "-std=gnu11"],
          "xcode_settings": {"OTHER_CFLAGS": ["-O3"]}
        }, {
          "type": "none"
        }]
      ]
    },
    {
      "target_name": "runnel_fs",
      "sources": ["fallocate.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags_c": ["-O2", "-std=gnu11"]
    },
    {
      "target_name": "runnel_lock",
      "conditions": [
        ["OS!='win'", {
          "sources": ["lock.c"],
          "defines": ["NAPI_VERSION=8"],
          "cflags_c": ["-O2", "-std=gnu11"]
        }, {
          "type": "none"
        }]
      ]
    }
  ]
}
