// A replica as its broker left it on disk: the batch headers of every segment (read with the storage
// layer's own BatchReader, CRC-checked) and the leader-epoch-checkpoint. Read after the brokers stopped,
// so no file changes underneath. Also the "power loss" fault: cutting a random suffix off a stopped
// replica's active segment, as if the page cache holding it was lost with `--fsync never`.
import fs from 'node:fs';
import path from 'node:path';
import type { Random } from '../../../dist/random.js';
import { randomInt } from '../../../dist/random.js';
import { CRC, PARTITION_LEADER_EPOCH, readInt32 } from '../../../dist/storage/batch.js';
import { readCheckpointFile } from '../../../dist/storage/checkpoint-file.js';
import { BatchFile, BatchReader } from '../../../dist/storage/cleaner-reader.js';
import { LEADER_EPOCH_CHECKPOINT } from '../../../dist/storage/leader-epoch-cache.js';
import { LOG_FILE_SUFFIX, offsetFromFileName } from '../../../dist/storage/segment.js';
import type { ReplicaBatch, ReplicaLog } from './history.js';

/** Segment files of a partition dir, oldest first. */
function segments(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => offsetFromFileName(n, LOG_FILE_SUFFIX) >= 0)
    .sort()
    .map((n) => path.join(dir, n));
}

/** Batches of one segment; a damaged batch ends the list (and is reported as the reason). */
function readSegment(file: string, out: ReplicaBatch[]): string | null {
  const source = new BatchFile(file);
  try {
    const reader = new BatchReader(source);
    while (reader.next(true)) {
      out.push({
        baseOffset: reader.baseOffset,
        lastOffset: reader.lastOffset,
        leaderEpoch: readInt32(reader.buf, reader.start + PARTITION_LEADER_EPOCH),
        crc: readInt32(reader.buf, reader.start + CRC) >>> 0,
      });
    }
    return null;
  } catch (err) {
    return `${file}: ${(err as Error).message}`;
  } finally {
    source.close();
  }
}

/** The replica of `topic`-`partition` in a broker's data dir, or null when it has none. */
export function readReplica(
  dataDir: string,
  node: number,
  topic: string,
  partition: number,
): ReplicaLog | null {
  const dir = path.join(dataDir, `${topic}-${partition}`);
  if (!fs.existsSync(dir)) return null;
  const batches: ReplicaBatch[] = [];
  let damage: string | null = null;
  for (const file of segments(dir)) {
    damage = readSegment(file, batches);
    if (damage !== null) break;
  }
  const entries = readCheckpointFile(path.join(dir, LEADER_EPOCH_CHECKPOINT), 0, 2);
  const epochs =
    entries === null ? null : entries.map(([e, o]) => ({ epoch: Number(e), startOffset: Number(o) }));
  return damage === null
    ? { node, partition, batches, epochs }
    : { node, partition, batches, epochs, damage };
}

/** Largest suffix power loss cuts from one segment: about what a second of writes leaves in page cache. */
export const POWER_LOSS_MAX_BYTES = 64 * 1024;

/**
 * Cuts a random suffix (up to POWER_LOSS_MAX_BYTES, anywhere, mid-batch included) off the active segment of
 * each of the topic's partitions in `dataDir`. The broker must not be running. Returns bytes cut per partition.
 */
export function losePageCache(dataDir: string, topic: string, random: Random): Map<number, number> {
  const cut = new Map<number, number>();
  const prefix = `${topic}-`;
  for (const name of fs.readdirSync(dataDir).sort()) {
    if (!name.startsWith(prefix) || !/^[0-9]+$/.test(name.slice(prefix.length))) continue;
    const files = segments(path.join(dataDir, name));
    const active = files[files.length - 1];
    if (active === undefined) continue;
    const size = fs.statSync(active).size;
    const bytes = randomInt(random, Math.min(size, POWER_LOSS_MAX_BYTES) + 1);
    if (bytes > 0) fs.truncateSync(active, size - bytes);
    cut.set(Number(name.slice(prefix.length)), bytes);
  }
  return cut;
}
