// runnel_crc32c: CRC-32C (Castagnoli, reflected 0x82F63B78) as an N-API addon, for x86-64 with SSE4.2.
// Large inputs run three independent chains of the crc32 instruction side by side (its 3-cycle latency
// otherwise caps one chain at a third of the issue rate), then merge the lane CRCs by "appending zeros"
// with precomputed GF(2) tables; the tail runs one 8-byte chain, then bytes. Without SSE4.2 (cpuid),
// or on another architecture or compiler, the module exports available = false and JS falls back.
#define NAPI_VERSION 8
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define RUNNEL_X86 1
#include <cpuid.h>
#include <nmmintrin.h>
#endif

#define POLY 0x82f63b78u

#ifdef RUNNEL_X86

// Lane lengths (bytes, multiples of 8); a block is three lanes. Inputs fall through from the longest.
#define TIERS 3
static const size_t lane_bytes[TIERS] = {4096, 512, 64};

// shift[t][k][v]: the raw CRC state (v << 8k) advanced over lane_bytes[t] zero bytes. Advancing is
// linear over GF(2), so four lookups advance any state. Filled once, at load, from constants only.
static uint32_t shift[TIERS][4][256];
static int ready;

// a(x) * b(x) mod P(x) in the reflected representation: bit 31 holds x^0, bit 0 holds x^31.
static uint32_t gf2_mulmod(uint32_t a, uint32_t b) {
  uint32_t product = 0;
  for (int i = 31; i >= 0; i--) {
    if (a & (1u << i)) product ^= b;
    b = (b & 1) ? (b >> 1) ^ POLY : b >> 1;  // b *= x
  }
  return product;
}

static void init_tables(void) {
  for (int t = 0; t < TIERS; t++) {
    uint32_t xn = 1u << 31;  // x^0
    for (size_t i = 0; i < 8 * lane_bytes[t]; i++) xn = (xn & 1) ? (xn >> 1) ^ POLY : xn >> 1;
    for (int k = 0; k < 4; k++)
      for (uint32_t v = 0; v < 256; v++) shift[t][k][v] = gf2_mulmod(v << (8 * k), xn);
  }
}

static inline uint32_t advance(const uint32_t (*tab)[256], uint32_t c) {
  return tab[0][c & 0xff] ^ tab[1][(c >> 8) & 0xff] ^ tab[2][(c >> 16) & 0xff] ^ tab[3][c >> 24];
}

static inline uint64_t load64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

// Raw CRC state (no pre/post inversion) over p[0, n).
__attribute__((target("sse4.2"))) static uint32_t crc_raw(uint32_t crc, const uint8_t *p, size_t n) {
  uint64_t c0 = crc;
  for (int t = 0; t < TIERS; t++) {
    const size_t lane = lane_bytes[t];
    while (n >= 3 * lane) {
      const uint8_t *end = p + lane;
      uint64_t c1 = 0, c2 = 0;
      do {
        c0 = _mm_crc32_u64(c0, load64(p));
        c1 = _mm_crc32_u64(c1, load64(p + lane));
        c2 = _mm_crc32_u64(c2, load64(p + 2 * lane));
        c0 = _mm_crc32_u64(c0, load64(p + 8));
        c1 = _mm_crc32_u64(c1, load64(p + lane + 8));
        c2 = _mm_crc32_u64(c2, load64(p + 2 * lane + 8));
        p += 16;
      } while (p < end);
      // CRC(A B C) = A advanced over 2 lanes ^ B advanced over 1 lane ^ C.
      c0 = advance(shift[t], advance(shift[t], (uint32_t)c0) ^ (uint32_t)c1) ^ (uint32_t)c2;
      p += 2 * lane;
      n -= 3 * lane;
    }
  }
  for (; n >= 8; n -= 8, p += 8) c0 = _mm_crc32_u64(c0, load64(p));
  uint32_t c = (uint32_t)c0;
  for (; n > 0; n--, p++) c = _mm_crc32_u8(c, *p);
  return c;
}

// The same value from one chain only: the baseline the three lanes are measured against.
__attribute__((target("sse4.2"))) static uint32_t crc_raw_1lane(uint32_t crc, const uint8_t *p, size_t n) {
  uint64_t c0 = crc;
  for (; n >= 8; n -= 8, p += 8) c0 = _mm_crc32_u64(c0, load64(p));
  uint32_t c = (uint32_t)c0;
  for (; n > 0; n--, p++) c = _mm_crc32_u8(c, *p);
  return c;
}

static int cpu_has_sse42(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  return (c & bit_SSE4_2) != 0;
}

#endif  // RUNNEL_X86

// crc32c(data: Uint8Array, start: number, end: number, seed: number): number, continuing from `seed`
// (0 for a fresh checksum). Bounds are checked here too; JS callers have checked them already.
static napi_value call(napi_env env, napi_callback_info info, int lanes) {
  size_t argc = 4;
  napi_value argv[4];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "crc32c(data, start, end, seed)");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length;
  void *data;
  bool is_typed = false;
  napi_is_typedarray(env, argv[0], &is_typed);
  if (!is_typed || napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "data must be a Uint8Array");
    return NULL;
  }
  int64_t start, end;
  uint32_t seed;
  if (napi_get_value_int64(env, argv[1], &start) != napi_ok || napi_get_value_int64(env, argv[2], &end) != napi_ok ||
      napi_get_value_uint32(env, argv[3], &seed) != napi_ok) {
    napi_throw_type_error(env, NULL, "start, end and seed must be numbers");
    return NULL;
  }
  if (start < 0 || start > end || (uint64_t)end > length) {
    napi_throw_range_error(env, NULL, "crc32c range outside the buffer");
    return NULL;
  }
  uint32_t crc = 0;
#ifdef RUNNEL_X86
  const uint8_t *p = (const uint8_t *)data + start;
  size_t n = (size_t)(end - start);
  crc = ~(lanes == 3 ? crc_raw(~seed, p, n) : crc_raw_1lane(~seed, p, n));
#else
  (void)lanes;
  (void)seed;
  (void)data;
#endif
  napi_value out;
  napi_create_uint32(env, crc, &out);
  return out;
}

static napi_value crc32c_3(napi_env env, napi_callback_info info) { return call(env, info, 3); }
static napi_value crc32c_1(napi_env env, napi_callback_info info) { return call(env, info, 1); }

NAPI_MODULE_INIT() {
  bool usable = false;
#ifdef RUNNEL_X86
  // Static initialisation runs at dlopen, once per process, whichever thread loads the module first.
  usable = ready && cpu_has_sse42();
#endif
  napi_value flag;
  napi_get_boolean(env, usable, &flag);
  napi_set_named_property(env, exports, "available", flag);
  if (!usable) return exports;
  napi_value fn;
  napi_create_function(env, "crc32c", NAPI_AUTO_LENGTH, crc32c_3, NULL, &fn);
  napi_set_named_property(env, exports, "crc32c", fn);
  napi_create_function(env, "crc32c1", NAPI_AUTO_LENGTH, crc32c_1, NULL, &fn);
  napi_set_named_property(env, exports, "crc32c1", fn);
  return exports;
}

#ifdef RUNNEL_X86
__attribute__((constructor)) static void load(void) {
  init_tables();
  ready = 1;
}
#endif
