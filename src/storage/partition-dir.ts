// Partition directories under a data dir: their names, and deleting one so that a crash part way never
// leaves half a log under the partition's own name.
//
// Deletion is Kafka's two steps: rename `<topic>-<partition>` to `<topic>-<partition>.<uniqueid>-delete`
// (one atomic rename, made durable by syncing the data dir), then remove the renamed tree. A crash after the
// rename leaves only a `-delete` directory: opening a partition never looks at it (its name is not a
// partition's), and the next store over the data dir removes it (finishInterruptedDeletes). A crash before
// the rename leaves the partition whole.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { topicNameProblem } from '../protocol/topic-name.js';
import { fsyncDir } from './checkpoint-file.js';

export const DELETE_DIR_SUFFIX = '-delete';
/** Suffix of a partition directory no topic owns, set aside at startup and kept for an operator. */
export const STRAY_DIR_SUFFIX = '-stray';
const MAX_PARTITION = 0x7fffffff;

export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * Test hook: with this variable set to 1, a deletion blocks its thread for good between the rename and the
 * remove, so a test can kill the process exactly there (test/partition-delete.test.ts).
 */
export const PAUSE_AFTER_DELETE_RENAME_ENV = 'RUNNEL_TEST_PAUSE_AFTER_DELETE_RENAME';

export function partitionDirName(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

export function validateTopicPartition(tp: TopicPartition): void {
  if (typeof tp.topic !== 'string' || topicNameProblem(tp.topic) !== null) {
    throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, `bad topic name ${JSON.stringify(tp.topic)}`);
  }
  if (!Number.isInteger(tp.partition) || tp.partition < 0 || tp.partition > MAX_PARTITION) {
    throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `bad partition ${tp.partition}`);
  }
}

/** `<topic>-<partition>` back to its parts, or null for anything else. */
export function parsePartitionDirName(name: string): TopicPartition | null {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return null;
  const partitionText = name.slice(dash + 1);
  if (!/^[0-9]{1,10}$/.test(partitionText)) return null;
  const tp = { topic: name.slice(0, dash), partition: Number(partitionText) };
  try {
    validateTopicPartition(tp);
  } catch {
    return null;
  }
  return tp;
}

/** The partition a `<topic>-<partition>.<uniqueid>-delete` name was renamed from, or null. */
export function parseDeleteDirName(name: string): TopicPartition | null {
  const m = /^(.+)\.[0-9a-zA-Z]{1,64}-delete$/.exec(name);
  return m === null ? null : parsePartitionDirName(m[1]!);
}

export function deleteDirName(tp: TopicPartition): string {
  return `${partitionDirName(tp)}.${randomUUID().replaceAll('-', '')}${DELETE_DIR_SUFFIX}`;
}

/**
 * Deletes a partition directory (its files must be closed, or at least never written again): rename, sync
 * the data dir, remove. False when there was no such directory.
 */
export function deletePartitionDir(dataDir: string, tp: TopicPartition): boolean {
  const from = path.join(dataDir, partitionDirName(tp));
  const doomed = path.join(dataDir, deleteDirName(tp));
  try {
    fs.renameSync(from, doomed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  fsyncDir(dataDir);
  if (process.env[PAUSE_AFTER_DELETE_RENAME_ENV] === '1') pauseForever(from, doomed);
  fs.rmSync(doomed, { recursive: true, force: true });
  return true;
}

/**
 * Finishes deletions a crash interrupted: removes every `-delete` partition directory under dataDir. Run
 * once per data dir before any partition is opened. Returns the names removed; one that cannot be removed
 * is left for the next start (it is never read).
 */
export function finishInterruptedDeletes(dataDir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dataDir, { withFileTypes: true });
  } catch {
    return []; // no data dir yet
  }
  const removed: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || parseDeleteDirName(e.name) === null) continue;
    try {
      fs.rmSync(path.join(dataDir, e.name), { recursive: true, force: true });
      removed.push(e.name);
    } catch {
      // Left in place: harmless, retried at the next start.
    }
  }
  return removed;
}

/** Partitions with a directory under dataDir; other names (renamed, stray, files) are skipped. */
export function listPartitionDirs(dataDir: string): TopicPartition[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dataDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: TopicPartition[] = [];
  for (const e of entries) {
    const tp = e.isDirectory() ? parsePartitionDirName(e.name) : null;
    if (tp !== null) out.push(tp);
  }
  return out;
}

/**
 * Renames the directory of a partition no topic owns (say a deletion a crash cut short after the topic left
 * the registry) to `<topic>-<partition>.<uniqueid>-stray`, as Kafka does with stray logs: no open ever finds
 * it again, so a new topic of that name starts empty, and nothing is removed on a guess. The partition must
 * not be open. Returns the new name, or null when there was no such directory.
 */
export function setAsideStrayPartitionDir(dataDir: string, tp: TopicPartition): string | null {
  const name = `${partitionDirName(tp)}.${randomUUID().replaceAll('-', '')}${STRAY_DIR_SUFFIX}`;
  try {
    fs.renameSync(path.join(dataDir, partitionDirName(tp)), path.join(dataDir, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  fsyncDir(dataDir);
  return name;
}

function pauseForever(from: string, to: string): never {
  process.stderr.write(`test hook: paused after renaming ${from} to ${to}\n`);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(cell, 0, 0);
}
