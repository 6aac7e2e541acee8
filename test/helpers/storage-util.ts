// Shared by the storage tests: temp dirs, batches that name themselves, and a full read of a log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type DecodedBatch,
  decodeRecordBatches,
  encodeRecordBatch,
  type RecordInput,
} from '../../dist/protocol/record-batch.js';
import type { PartitionLog } from '../../dist/storage/log.js';

export const TP = { topic: 'events', partition: 0 };

export function tempDir(prefix = 'runnel-storage-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function partitionDir(dataDir: string, tp = TP): string {
  return path.join(dataDir, `${tp.topic}-${tp.partition}`);
}

export interface BatchSpec {
  count?: number;
  /** Timestamp of the first record; record i gets timestamp + i unless `timestamps` is given. */
  timestamp?: number;
  timestamps?: number[];
  valueBytes?: number;
  compression?: 0 | 1;
}

/** A batch whose record values start with `tag:i`, so a reader can tell which append it came from. */
export function makeBatch(tag: number, spec: BatchSpec = {}): Buffer {
  const count = spec.count ?? 1;
  const ts = spec.timestamp ?? 1_700_000_000_000;
  const records: RecordInput[] = [];
  for (let i = 0; i < count; i++) {
    const head = `${tag}:${i}:`;
    const value = head.padEnd(Math.max(spec.valueBytes ?? 0, head.length), 'x');
    records.push({ key: `k${tag}`, value, timestamp: spec.timestamps?.[i] ?? ts + i });
  }
  return encodeRecordBatch(records, { compression: spec.compression ?? 0, timestamp: ts });
}

export function tagOf(batch: DecodedBatch): number {
  return Number(batch.records[0]!.value!.toString().split(':')[0]);
}

/** Every batch from the log start to the log end, via read(). */
export function readAll(log: PartitionLog, maxBytes = 1 << 20): DecodedBatch[] {
  const out: DecodedBatch[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, maxBytes);
    const batches = decodeRecordBatches(records);
    if (batches.length === 0) throw new Error(`read(${offset}) returned nothing before the log end`);
    out.push(...batches);
    const last = batches[batches.length - 1]!;
    offset = last.baseOffset + last.lastOffsetDelta + 1;
  }
  return out;
}

/** Bytes of every file under dir, for "nothing changed" checks. */
export function snapshotFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) out.set(name, fs.readFileSync(full).toString('base64'));
  }
  return out;
}

/** Names of files in dir with a suffix, sorted. */
export function filesWithSuffix(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(suffix))
    .sort();
}

/** Big-endian entries of an offset index file: [relativeOffset, position][]. */
export function offsetIndexEntries(file: string): [number, number][] {
  const b = fs.readFileSync(file);
  const out: [number, number][] = [];
  for (let p = 0; p + 8 <= b.length; p += 8) out.push([b.readInt32BE(p), b.readInt32BE(p + 4)]);
  return out;
}

/** Big-endian entries of a time index file: [timestamp, relativeOffset][]. */
export function timeIndexEntries(file: string): [number, number][] {
  const b = fs.readFileSync(file);
  const out: [number, number][] = [];
  for (let p = 0; p + 12 <= b.length; p += 12) out.push([Number(b.readBigInt64BE(p)), b.readInt32BE(p + 8)]);
  return out;
}
