// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) by table slicing. WASM has no carry-less
// multiply, so folding with PCLMUL is out; slicing-by-16 over one 16 KiB table set is the best
// scalar form here (bench/kernels.ts).

const POLY: u32 = 0x82f63b78;
const SLICES: usize = 16;
// Table t holds the CRC of byte n followed by t zero bytes; table 0 is the classic byte table.
const TABLES: usize = memory.data(<i32>(SLICES * 256 * 4), 64);

function initTables(): void {
  for (let n: u32 = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    store<u32>(TABLES + ((<usize>n) << 2), c);
  }
  for (let n: usize = 0; n < 256; n++) {
    let c = load<u32>(TABLES + (n << 2));
    for (let t: usize = 1; t < SLICES; t++) {
      c = load<u32>(TABLES + ((<usize>(c & 0xff)) << 2)) ^ (c >>> 8);
      store<u32>(TABLES + ((t * 256 + n) << 2), c);
    }
  }
}
initTables();

function T(t: usize, b: u32): u32 {
  return load<u32>(TABLES + ((t << 10) | ((<usize>b) << 2)));
}

/** Slicing-by-8 over the first eight tables; kept to compare against slicing-by-16 in the bench. */
export function crc32c8(ptr: usize, len: usize, crc: u32): u32 {
  let c = ~crc;
  const end = ptr + len;
  const end8 = ptr + (len & ~(<usize>7));
  while (ptr < end8) {
    const a = load<u32>(ptr) ^ c;
    const b = load<u32>(ptr, 4);
    c =
      T(7, a & 0xff) ^
      T(6, (a >>> 8) & 0xff) ^
      T(5, (a >>> 16) & 0xff) ^
      T(4, a >>> 24) ^
      T(3, b & 0xff) ^
      T(2, (b >>> 8) & 0xff) ^
      T(1, (b >>> 16) & 0xff) ^
      T(0, b >>> 24);
    ptr += 8;
  }
  while (ptr < end) {
    c = T(0, (c ^ load<u8>(ptr)) & 0xff) ^ (c >>> 8);
    ptr++;
  }
  return ~c;
}

/**
 * CRC-32C of memory[ptr, ptr+len), continuing from `crc` (0 for a fresh checksum). Byte positions
 * and table offsets are load immediates, so each lookup is load8 + shift + load with no address math.
 */
export function crc32c(ptr: usize, len: usize, crc: u32): u32 {
  let c = ~crc;
  const end = ptr + len;
  const end16 = ptr + (len & ~(<usize>15));
  while (ptr < end16) {
    const a = load<u32>(ptr) ^ c;
    c =
      load<u32>((<usize>(a & 0xff)) << 2, TABLES + 15 * 1024) ^
      load<u32>((<usize>((a >>> 8) & 0xff)) << 2, TABLES + 14 * 1024) ^
      load<u32>((<usize>((a >>> 16) & 0xff)) << 2, TABLES + 13 * 1024) ^
      load<u32>((<usize>(a >>> 24)) << 2, TABLES + 12 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 4)) << 2, TABLES + 11 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 5)) << 2, TABLES + 10 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 6)) << 2, TABLES + 9 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 7)) << 2, TABLES + 8 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 8)) << 2, TABLES + 7 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 9)) << 2, TABLES + 6 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 10)) << 2, TABLES + 5 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 11)) << 2, TABLES + 4 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 12)) << 2, TABLES + 3 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 13)) << 2, TABLES + 2 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 14)) << 2, TABLES + 1 * 1024) ^
      load<u32>((<usize>load<u8>(ptr, 15)) << 2, TABLES + 0 * 1024);
    ptr += 16;
  }
  while (ptr < end) {
    c = T(0, (c ^ load<u8>(ptr)) & 0xff) ^ (c >>> 8);
    ptr++;
  }
  return ~c;
}
