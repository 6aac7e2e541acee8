// What a broker remembers across restarts about forming its cluster: its nonce and bootstrap-expect from
// the first start, its latest proposal and commitment (so a restart never proposes or commits against what
// it already published), and the decision, once made. Saved before anything it holds is published.
import { readFileSync } from 'node:fs';
import { writeFileDurably } from '../storage/checkpoint-file.js';
import { MAX_BOOTSTRAP_EXPECT, MAX_VOTERS } from './bootstrap-meta.js';

export interface BootstrapRecord {
  nodeId: number;
  nonce: string;
  /** Fixed at first start: a restart with other --peers does not change what this broker waits for. */
  expect: number;
  /** Sorted; null until it first sees bootstrap-expect brokers. */
  proposal: number[] | null;
  committed: number[] | null;
  clusterId: string | null;
  /** Set with clusterId. */
  voters: number[] | null;
}

export interface BootstrapStore {
  /** Null when nothing was saved yet (first start). */
  load(): BootstrapRecord | null;
  /** Durable when it returns; throws (ENOSPC, EIO) leaving the previous record in place. */
  save(record: BootstrapRecord): void;
}

export class MemoryBootstrapStore implements BootstrapStore {
  #record: BootstrapRecord | null = null;
  writes = 0;

  constructor(initial: BootstrapRecord | null = null) {
    this.#record = initial === null ? null : structuredClone(initial);
  }

  load(): BootstrapRecord | null {
    return this.#record === null ? null : structuredClone(this.#record);
  }

  save(record: BootstrapRecord): void {
    this.#record = structuredClone(record);
    this.writes++;
  }
}

export const BOOTSTRAP_FILE = 'cluster-bootstrap.json';

/**
 * The record as JSON in one file (`cluster-bootstrap.json` in the data directory), replaced durably (temp
 * file, fsync, rename, directory fsync). A missing file is a first start; one that does not parse or fit
 * is an error naming the file: a broker that forgot its commitment could help form a second cluster.
 */
export class FileBootstrapStore implements BootstrapStore {
  constructor(readonly file: string) {}

  load(): BootstrapRecord | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${this.file}: not a cluster bootstrap file (does not parse)`);
    }
    const record = checkRecord(parsed);
    if (record === null)
      throw new Error(`${this.file}: not a cluster bootstrap file (fields missing or invalid)`);
    return record;
  }

  save(record: BootstrapRecord): void {
    writeFileDurably(this.file, `${JSON.stringify({ version: 1, ...record })}\n`);
  }
}

function idSet(v: unknown): v is number[] {
  return (
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= MAX_VOTERS &&
    v.every((id, i) => Number.isInteger(id) && id >= 0 && (i === 0 || id > v[i - 1]))
  );
}

function checkRecord(p: unknown): BootstrapRecord | null {
  if (typeof p !== 'object' || p === null) return null;
  const r = p as Record<string, unknown>;
  const ok =
    r.version === 1 &&
    Number.isInteger(r.nodeId) &&
    (r.nodeId as number) >= 0 &&
    typeof r.nonce === 'string' &&
    r.nonce.length > 0 &&
    Number.isInteger(r.expect) &&
    (r.expect as number) >= 1 &&
    (r.expect as number) <= MAX_BOOTSTRAP_EXPECT &&
    (r.proposal === null || idSet(r.proposal)) &&
    (r.committed === null || idSet(r.committed)) &&
    ((r.clusterId === null && r.voters === null) ||
      (typeof r.clusterId === 'string' && r.clusterId.length > 0 && idSet(r.voters)));
  if (!ok) return null;
  return {
    nodeId: r.nodeId as number,
    nonce: r.nonce as string,
    expect: r.expect as number,
    proposal: r.proposal as number[] | null,
    committed: r.committed as number[] | null,
    clusterId: r.clusterId as string | null,
    voters: r.voters as number[] | null,
  };
}
