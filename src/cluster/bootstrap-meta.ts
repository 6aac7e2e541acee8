// What a broker publishes in its gossip meta while the cluster forms, and after: its nonce, the
// bootstrap-expect it runs with, and its phase with the voter set that phase is about. Encoded with the
// protocol layer's Writer behind a version byte; decoding never throws (anything else decodes to null, so a
// member publishing other meta simply has no bootstrap state).
import { Buffer } from 'node:buffer';
import { Reader } from '../protocol/reader.js';
import { Writer } from '../protocol/writer.js';

export const BOOTSTRAP_META_VERSION = 1;
/** Most voters a cluster bootstraps with (KRaft quorums rarely want more). */
export const MAX_VOTERS = 5;
/** Largest bootstrap-expect accepted. */
export const MAX_BOOTSTRAP_EXPECT = 1024;

/**
 * waiting: sees fewer than bootstrap-expect brokers and has never proposed. proposing: `set` is the lowest
 * node ids it has heard of. committed: every member of `set` proposed `set` (it stays until `set` can no
 * longer form). adopted: final; `set` is the voter set of cluster `clusterId`.
 */
export type BootstrapPhase = 'waiting' | 'proposing' | 'committed' | 'adopted';
const PHASES: readonly BootstrapPhase[] = ['waiting', 'proposing', 'committed', 'adopted'];

export interface BootstrapMeta {
  phase: BootstrapPhase;
  /** Random, chosen at first start and persisted: the cluster id is derived from the voters' nonces. */
  nonce: string;
  expect: number;
  /** Sorted ascending; empty while waiting. */
  set: number[];
  /** Only when adopted. */
  clusterId: string | null;
}

const MAX_STRING_BYTES = 64;

export function encodeBootstrapMeta(m: BootstrapMeta): Uint8Array {
  const w = new Writer();
  w.int8(BOOTSTRAP_META_VERSION);
  w.int8(PHASES.indexOf(m.phase));
  w.compactString(m.nonce);
  w.int16(m.expect);
  w.int8(m.set.length);
  for (const id of m.set) w.int32(id);
  w.compactNullableString(m.clusterId);
  if (w.error !== null) throw new RangeError(`cannot encode bootstrap meta: ${w.error}`);
  return w.finish();
}

/** Null unless the bytes are exactly one well-formed bootstrap meta of this version. */
export function decodeBootstrapMeta(bytes: Uint8Array): BootstrapMeta | null {
  if (bytes.length === 0) return null;
  const r = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (r.uint8() !== BOOTSTRAP_META_VERSION) return null;
  const phase = PHASES[r.uint8()];
  const nonce = r.compactString();
  const expect = r.int16();
  const n = r.uint8();
  if (phase === undefined || n > MAX_VOTERS || !r.ok) return null;
  const set: number[] = [];
  for (let i = 0; i < n; i++) set.push(r.int32());
  const clusterId = r.compactNullableString();
  if (!r.ok || r.remaining !== 0) return null;
  const sorted = set.every((id, i) => id >= 0 && (i === 0 || id > set[i - 1]!));
  const shaped =
    expect >= 1 &&
    expect <= MAX_BOOTSTRAP_EXPECT &&
    nonce.length > 0 &&
    nonce.length <= MAX_STRING_BYTES &&
    (phase === 'waiting') === (n === 0) &&
    (phase === 'adopted') === (clusterId !== null) &&
    (clusterId === null || (clusterId.length > 0 && clusterId.length <= MAX_STRING_BYTES));
  return sorted && shaped ? { phase, nonce, expect, set, clusterId } : null;
}
