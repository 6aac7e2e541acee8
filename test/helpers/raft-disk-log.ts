// The durable metadata log with a power cut a test can pull: it notes every segment file's size whenever the
// log says its data is on disk (flush, truncate), and crash() abandons the files, cuts each back to the noted
// size (a file created since stays, empty: a roll makes the new file durable before the old tail) and
// reopens, so recovery meets what a real crash could leave.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EpochEnd, RaftEntry, RaftLog, SnapshotChunk, SnapshotId } from '../../dist/cluster/raft/log.js';
import {
  PartitionRaftLog,
  type PartitionRaftLogOptions,
} from '../../dist/cluster/raft/partition-raft-log.js';

/** A temp dir on tmpfs when there is one: the simulation fsyncs often. */
export function raftTempDir(prefix = 'runnel-raftlog-'): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, prefix));
}

export class CrashableDiskLog implements RaftLog {
  log: PartitionRaftLog;
  crashes = 0;
  #durableSizes = new Map<string, number>();

  constructor(
    readonly dataDir: string,
    readonly options: PartitionRaftLogOptions = {},
  ) {
    this.log = PartitionRaftLog.open(dataDir, options);
    this.#noteDurable();
  }

  get endOffset(): number {
    return this.log.endOffset;
  }
  get logStartOffset(): number {
    return this.log.logStartOffset;
  }
  get lastEpoch(): number {
    return this.log.lastEpoch;
  }
  get flushedOffset(): number {
    return this.log.flushedOffset;
  }
  appendAsLeader(epoch: number, data: readonly Uint8Array[]): number[] {
    return this.log.appendAsLeader(epoch, data);
  }
  appendAsFollower(entries: readonly RaftEntry[]): void {
    this.log.appendAsFollower(entries);
  }
  truncateTo(offset: number): void {
    this.log.truncateTo(offset);
    this.#noteDurable();
  }
  read(from: number, maxEntries: number): RaftEntry[] {
    return this.log.read(from, maxEntries);
  }
  epochAt(offset: number): number {
    return this.log.epochAt(offset);
  }
  endOffsetForEpoch(epoch: number): EpochEnd {
    return this.log.endOffsetForEpoch(epoch);
  }
  flush(): void {
    this.log.flush();
    this.#noteDurable();
  }

  latestSnapshot(): SnapshotId | null {
    return this.log.latestSnapshot();
  }
  readSnapshot(id: SnapshotId, position: number, maxBytes: number): SnapshotChunk | null {
    return this.log.readSnapshot(id, position, maxBytes);
  }
  /** The snapshot file is durable when this returns; the log after it is as durable as it was. */
  writeSnapshot(id: SnapshotId, bytes: Uint8Array): void {
    this.log.writeSnapshot(id, bytes);
  }

  /** Segment files (`*.log`) of the log, by name. */
  segmentFiles(): string[] {
    return fs
      .readdirSync(this.log.dir)
      .filter((n) => n.endsWith('.log'))
      .sort();
  }

  /** The power cut: unflushed bytes are gone, then the log is opened again (recovery runs). */
  crash(): void {
    this.log.abandon();
    for (const name of this.segmentFiles()) {
      const file = path.join(this.log.dir, name);
      const keep = this.#durableSizes.get(name) ?? 0;
      if (fs.statSync(file).size > keep) fs.truncateSync(file, keep);
    }
    this.crashes++;
    this.log = PartitionRaftLog.open(this.dataDir, this.options);
    this.#noteDurable();
  }

  /** A clean shutdown and a restart. */
  restart(): void {
    this.log.close();
    this.log = PartitionRaftLog.open(this.dataDir, this.options);
    this.#noteDurable();
  }

  #noteDurable(): void {
    this.#durableSizes.clear();
    for (const name of this.segmentFiles()) {
      this.#durableSizes.set(name, fs.statSync(path.join(this.log.dir, name)).size);
    }
  }
}
