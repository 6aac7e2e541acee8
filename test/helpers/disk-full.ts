// A real full disk for broker tests: a small tmpfs mounted on a temp directory (root only; the caller skips
// with the printed reason otherwise), a producer that writes until every partition answers
// KAFKA_STORAGE_ERROR, and a reader that returns what the log holds, to compare with what was acknowledged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '../../dist/client/index.js';

export const KAFKA_STORAGE_ERROR = 56;

export interface Tmpfs {
  dir: string;
  /** Bytes free, as statfs reports them. */
  freeBytes(): number;
  unmount(): void;
}

/** Mounts a tmpfs of `bytes` on a new temp directory; a string says why it could not. */
export function mountTmpfs(bytes: number): Tmpfs | string {
  if (process.getuid?.() !== 0) return 'needs root to mount a tmpfs';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    fs.rmdirSync(dir);
    return `mount -t tmpfs failed: ${(e as Error).message.split('\n')[0]}`;
  }
  return {
    dir,
    freeBytes() {
      const s = fs.statfsSync(dir);
      return s.bfree * s.bsize;
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      fs.rmdirSync(dir);
    },
  };
}

/** Takes every free byte left with a plain file (not the broker's), so the next block anyone asks for fails. */
export function topUp(dir: string): void {
  const fd = fs.openSync(path.join(dir, `filler-${process.hrtime.bigint()}`), 'w');
  const chunk = Buffer.alloc(4096, 0x5a);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

export function quietClient(address: string): Client {
  const quiet = () => {};
  return new Client({
    brokers: [address],
    clientId: 'disk-full',
    requestTimeoutMs: 10_000,
    retryBackoffMs: 20,
    logger: { error: quiet, warn: quiet, info: quiet, debug: quiet },
  });
}

/** Acknowledged records: "topic/partition" -> offset -> value. */
export type Acked = Map<string, Map<number, string>>;

export interface FillResult {
  acked: number;
  storageErrors: number;
  /** Errors other than KAFKA_STORAGE_ERROR, by message. */
  otherErrors: string[];
}

/**
 * Sends one record per partition per round, all partitions at once, until `fullRounds` rounds in a row
 * got KAFKA_STORAGE_ERROR on every partition (or maxRounds). No retries, so an error means not written.
 */
export async function fillUntilFull(
  client: Client,
  targets: { topic: string; partitions: number }[],
  acked: Acked,
  opts: { valueBytes?: number; fullRounds?: number; maxRounds?: number } = {},
): Promise<FillResult> {
  const producer = client.producer({
    acks: 1,
    idempotent: false,
    lingerMs: 0,
    retries: 0,
    deliveryTimeoutMs: 30_000,
  });
  const valueBytes = opts.valueBytes ?? 1000;
  const result: FillResult = { acked: 0, storageErrors: 0, otherErrors: [] };
  let fullInARow = 0;
  for (let round = 0; round < (opts.maxRounds ?? 100_000) && fullInARow < (opts.fullRounds ?? 3); round++) {
    const sends: Promise<boolean>[] = [];
    for (const { topic, partitions } of targets) {
      for (let partition = 0; partition < partitions; partition++) {
        const value = `${topic}/${partition}/${round}/`.padEnd(valueBytes, 'x');
        sends.push(
          producer.send(topic, { value, partition }).then(
            ([meta]) => {
              const key = `${topic}/${partition}`;
              let m = acked.get(key);
              if (m === undefined) acked.set(key, (m = new Map()));
              m.set(meta!.offset, value);
              result.acked++;
              return true;
            },
            (err: { code?: number; message: string }) => {
              if (err.code === KAFKA_STORAGE_ERROR) result.storageErrors++;
              else result.otherErrors.push(err.message);
              return false;
            },
          ),
        );
      }
    }
    const ok = await Promise.all(sends);
    fullInARow = ok.some((x) => x) ? 0 : fullInARow + 1;
    if (result.otherErrors.length > 0) break;
  }
  await producer.close();
  return result;
}

/** Every record of the partition from its log start to its high watermark: offset -> value. */
export async function readPartition(
  client: Client,
  topic: string,
  partition: number,
): Promise<Map<number, string>> {
  const admin = client.admin();
  const [latest] = await admin.listOffsets(topic, 'latest', [partition]);
  await admin.close();
  const end = Number(latest!.offset);
  const out = new Map<number, string>();
  const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 100 });
  consumer.assign([{ topic, partition }]);
  await consumer.seekToBeginning();
  try {
    while (out.size === 0 || Math.max(...out.keys()) + 1 < end) {
      if (end === 0) break;
      const batch = await consumer.nextBatch();
      if (batch === null) continue;
      for (const r of batch.records) out.set(Number(r.offset), r.value?.toString() ?? '');
    }
  } finally {
    await consumer.close();
  }
  return out;
}

/** Asserts each partition holds exactly the acknowledged records: none lost, none extra (an error wrote nothing). */
export async function checkAcked(client: Client, acked: Acked, skipTopics: string[] = []): Promise<void> {
  for (const [key, want] of acked) {
    const [topic, p] = key.split('/') as [string, string];
    if (skipTopics.includes(topic)) continue;
    const got = await readPartition(client, topic, Number(p));
    for (const [offset, value] of want) {
      if (got.get(offset) !== value)
        throw new Error(`${key} offset ${offset}: acknowledged record missing or changed`);
    }
    const extra = [...got.keys()].filter((o) => !want.has(o));
    if (extra.length > 0)
      throw new Error(`${key}: records no producer was told about at ${extra.slice(0, 5)}`);
  }
}
