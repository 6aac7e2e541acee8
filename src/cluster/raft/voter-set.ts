// The metadata quorum's voter set as KIP-853 keeps it: in the log itself, as control records (VotersRecord,
// with a KRaftVersionRecord beside the first), and at the head of every snapshot. A replica's voters are
// those of the latest VotersRecord in its log or snapshot, committed or not; a log holding none has the
// bootstrap set (cluster-bootstrap.json), as logs written before voter changes existed do.
//
// Entries carry one record each (see log.ts), so a control record is marked in the entry's data: metadata
// record frames start with their frame version 1 (records.ts) and the LeaderChange entry is empty; a
// control entry starts with 0, then the control record type (Kafka's: 5 KRaftVersion, 6 KRaftVoters) and
// version as unsigned varints, then the record body from the generated codec.
//
// VoterSetHistory is the (offset -> voter set) list a replica needs to go back when its log is truncated
// below a VotersRecord, or forward when it installs a snapshot.
import { Buffer } from 'node:buffer';
import {
  decodeKRaftVersionRecord,
  encodeKRaftVersionRecord,
} from '../../protocol/generated/k-raft-version-record.js';
import {
  createVotersRecordVoter,
  decodeVotersRecord,
  encodeVotersRecord,
  type VotersRecord,
} from '../../protocol/generated/voters-record.js';
import { Reader } from '../../protocol/reader.js';
import { ZERO_UUID } from '../../protocol/uuid.js';
import { Writer } from '../../protocol/writer.js';

/** Kafka's ControlRecordType values for the records KIP-853 adds. */
export const ControlRecordType = { KRAFT_VERSION: 5, KRAFT_VOTERS: 6 } as const;

/** kraft.version 1: the voter set lives in the log and may change (KIP-853). */
export const KRAFT_VERSION_RECONFIG = 1;

export interface VoterEndpoint {
  name: string;
  host: string;
  port: number;
}

export interface Voter {
  id: number;
  /** The voter's metadata log directory id; ZERO_UUID when not known (bootstrap voters). */
  directoryId: string;
  endpoints: VoterEndpoint[];
}

export type ControlRecord =
  | { type: typeof ControlRecordType.KRAFT_VERSION; kraftVersion: number }
  | { type: typeof ControlRecordType.KRAFT_VOTERS; voters: Voter[] };

/** Voters with no directory id or endpoints, sorted by id, duplicates dropped. */
export function votersOf(ids: readonly number[]): Voter[] {
  return [...new Set(ids)].sort((a, b) => a - b).map((id) => ({ id, directoryId: ZERO_UUID, endpoints: [] }));
}

/** Whether an entry's data is a control record (LeaderChange included) rather than a metadata record. */
export function isControlEntry(data: Uint8Array): boolean {
  return data.length === 0 || data[0] === 0;
}

function frame(type: number, body: (w: Writer) => void): Buffer {
  const w = new Writer();
  w.uvarint(0);
  w.uvarint(type);
  w.uvarint(0);
  body(w);
  if (w.error !== null) throw new RangeError(`cannot encode control record ${type}: ${w.error}`);
  return w.finish();
}

export function encodeVotersEntry(voters: readonly Voter[]): Buffer {
  const record: VotersRecord = {
    version: 0,
    voters: [...voters]
      .sort((a, b) => a.id - b.id)
      .map((v) =>
        createVotersRecordVoter({
          voterId: v.id,
          voterDirectoryId: v.directoryId,
          endpoints: v.endpoints.map((e) => ({ ...e })),
          kRaftVersionFeature: { minSupportedVersion: 0, maxSupportedVersion: KRAFT_VERSION_RECONFIG },
        }),
      ),
  };
  return frame(ControlRecordType.KRAFT_VOTERS, (w) => encodeVotersRecord(w, record, 0));
}

export function encodeKRaftVersionEntry(kraftVersion: number): Buffer {
  return frame(ControlRecordType.KRAFT_VERSION, (w) =>
    encodeKRaftVersionRecord(w, { version: 0, kRaftVersion: kraftVersion }, 0),
  );
}

/**
 * The control record an entry holds: null for the LeaderChange entry, for a metadata record, and for a
 * control record this build does not know. Never throws: a damaged one is null too (the caller logs it).
 */
export function decodeControlEntry(data: Uint8Array): ControlRecord | null {
  if (data.length === 0 || data[0] !== 0) return null;
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const r = new Reader(buf);
  r.uvarint();
  const type = r.uvarint();
  const version = r.uvarint();
  if (!r.ok || version !== 0) return null;
  if (type === ControlRecordType.KRAFT_VOTERS) {
    const rec = decodeVotersRecord(r, 0);
    if (!r.ok || r.remaining !== 0 || rec.voters.length === 0) return null;
    const voters = rec.voters
      .map((v) => ({
        id: v.voterId,
        directoryId: v.voterDirectoryId,
        endpoints: v.endpoints.map((e) => ({ name: e.name, host: e.host, port: e.port })),
      }))
      .sort((a, b) => a.id - b.id);
    if (voters.some((v, i) => v.id < 0 || (i > 0 && voters[i - 1]!.id === v.id))) return null;
    return { type: ControlRecordType.KRAFT_VOTERS, voters };
  }
  if (type === ControlRecordType.KRAFT_VERSION) {
    const rec = decodeKRaftVersionRecord(r, 0);
    if (!r.ok || r.remaining !== 0) return null;
    return { type: ControlRecordType.KRAFT_VERSION, kraftVersion: rec.kRaftVersion };
  }
  return null;
}

/** The voter set an entry's data sets, or null when it sets none. */
export function votersInEntry(data: Uint8Array): Voter[] | null {
  const c = decodeControlEntry(data);
  return c !== null && c.type === ControlRecordType.KRAFT_VOTERS ? c.voters : null;
}

interface HistoryEntry {
  /** Offset of the VotersRecord; -1 for the bootstrap set. */
  offset: number;
  voters: readonly Voter[];
}

/**
 * Voter sets by the offset that set them, newest last. The bootstrap set sits at offset -1 until a record
 * (or a snapshot holding one) replaces it. Bounded: compact() keeps one set at or below a snapshot's end.
 */
export class VoterSetHistory {
  readonly bootstrap: readonly Voter[];
  #entries: HistoryEntry[];

  constructor(bootstrap: readonly Voter[]) {
    if (bootstrap.length === 0) throw new RangeError('a quorum needs at least one voter');
    this.bootstrap = bootstrap;
    this.#entries = [{ offset: -1, voters: bootstrap }];
  }

  get current(): readonly Voter[] {
    return this.#entries[this.#entries.length - 1]!.voters;
  }

  /** Offset of the latest VotersRecord, or -1 when the set is still the bootstrap one. */
  get lastOffset(): number {
    return this.#entries[this.#entries.length - 1]!.offset;
  }

  /** Whether any VotersRecord (in the log or a snapshot) set the voters. */
  get fromLog(): boolean {
    return this.#entries.some((e) => e.offset >= 0);
  }

  /** The set in force at `offset`: that of the latest record at or below it. */
  at(offset: number): readonly Voter[] {
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      if (this.#entries[i]!.offset <= offset) return this.#entries[i]!.voters;
    }
    return this.#entries[0]!.voters;
  }

  /** A VotersRecord at `offset` (past every one held). */
  add(offset: number, voters: readonly Voter[]): void {
    if (offset <= this.lastOffset) throw new RangeError(`voters at ${offset} after ${this.lastOffset}`);
    this.#entries.push({ offset, voters });
  }

  /** The log was cut at `offset`: records at or past it are gone. */
  truncateTo(offset: number): void {
    while (this.#entries.length > 1 && this.#entries[this.#entries.length - 1]!.offset >= offset)
      this.#entries.pop();
  }

  /** A snapshot ending at endOffset replaced the log: its set (none: the bootstrap set) starts over. */
  resetAt(endOffset: number, voters: readonly Voter[] | null): void {
    this.#entries =
      voters === null ? [{ offset: -1, voters: this.bootstrap }] : [{ offset: endOffset - 1, voters }];
  }

  /** Sets older than the one in force at `offset` are no longer needed (the log starts past them). */
  compact(offset: number): void {
    let i = this.#entries.length - 1;
    while (i > 0 && this.#entries[i]!.offset > offset) i--;
    this.#entries = this.#entries.slice(i);
  }
}
