// Kafka's key hash (org.apache.kafka.common.utils.Utils.murmur2, seed 0x9747b28c), so a keyed record
// lands on the same partition as it would with the Java client's default partitioner.
import { Buffer } from 'node:buffer';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Signed 32-bit murmur2 of `data[start, end)`, identical to the Java client's. */
export function murmur2(data: Uint8Array, start = 0, end = data.length): number {
  const length = end - start;
  let h = SEED ^ length;
  const tail = start + (length & ~3);
  let i = start;
  for (; i < tail; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest !== 0) {
    // The last one to three bytes fold in from the highest down.
    if (rest === 3) h ^= data[tail + 2]! << 16;
    if (rest >= 2) h ^= data[tail + 1]! << 8;
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Utils.toPositive: clears the sign bit (not Math.abs, which differs for negative values). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition the Java client's default partitioner picks for a key (a string counts as its UTF-8 bytes). */
export function partitionForKey(key: Uint8Array | string, numPartitions: number): number {
  return toPositive(murmur2Key(key)) % numPartitions;
}

/** murmur2 of a key given as bytes or as a string (its UTF-8 bytes, without allocating for ASCII). */
export function murmur2Key(key: Uint8Array | string): number {
  if (typeof key !== 'string') return murmur2(key);
  const n = key.length;
  for (let i = 0; i < n; i++) {
    if (key.charCodeAt(i) >= 0x80) return murmur2(Buffer.from(key, 'utf8'));
  }
  let h = SEED ^ n;
  const tail = n & ~3;
  let i = 0;
  for (; i < tail; i += 4) {
    let k =
      key.charCodeAt(i) |
      (key.charCodeAt(i + 1) << 8) |
      (key.charCodeAt(i + 2) << 16) |
      (key.charCodeAt(i + 3) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = n & 3;
  if (rest !== 0) {
    if (rest === 3) h ^= key.charCodeAt(tail + 2) << 16;
    if (rest >= 2) h ^= key.charCodeAt(tail + 1) << 8;
    h ^= key.charCodeAt(tail);
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}
