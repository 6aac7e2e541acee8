// Kafka UUIDs (topic ids, directory ids) travel as 16 raw bytes and are printed as 22 characters of
// unpadded base64url. Runnel keeps them as that string: cheap to compare and usable as a Map key.
import { Buffer } from 'node:buffer';
import { randomFillSync } from 'node:crypto';
import { ZERO_UUID } from './reader.js';

export { ZERO_UUID };

/** Uuid.METADATA_TOPIC_ID: the reserved id of the KRaft metadata topic. */
export const METADATA_TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';

// 16 bytes are 128 bits; the 22nd character carries only 2 of its 6 bits, so it is one of A, Q, g, w.
const UUID_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;

export function isUuid(id: string): boolean {
  return UUID_PATTERN.test(id);
}

/** The 16 bytes of a UUID, or null if `id` is not a well-formed base64url UUID. */
export function uuidToBytes(id: string): Buffer | null {
  return isUuid(id) ? Buffer.from(id, 'base64url') : null;
}

export function uuidFromBytes(bytes: Uint8Array, offset = 0): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + offset, 16).toString('base64url');
}

/** The 8-4-4-4-12 hex form, as java.util.UUID prints it (for logs and tools). */
export function uuidToCanonical(id: string): string | null {
  const b = uuidToBytes(id);
  if (b === null) return null;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A random (version 4) UUID, skipping the reserved ids and ids whose text starts with '-' (Kafka
 * avoids those so that topic ids can be passed on command lines).
 */
export function randomUuid(): string {
  const b = Buffer.allocUnsafe(16);
  for (;;) {
    randomFillSync(b);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const id = b.toString('base64url');
    if (id[0] !== '-' && id !== ZERO_UUID && id !== METADATA_TOPIC_ID) return id;
  }
}
