// One member of the metadata quorum, Kafka's KRaft shape (KIP-595, KIP-996) as a state machine over an
// injected clock, random, log, quorum-state store and transport, so a simulation runs several in one process
// under a seed.
//
// Roles: voters are unattached (no leader known), prospective (asking for pre-votes), candidate, leader,
// follower or resigned; observers (non-voters) only ever follow. Followers and observers pull: they Fetch
// from the leader with their log end and last epoch; a leader whose log differs answers with the diverging
// epoch and they truncate to its end. The leader commits (advances the high watermark) once a majority of
// voters have an offset durable and the entry below it is of the leader's own epoch (Raft's rule: a new
// leader commits older entries only through one of its own, the LeaderChange entry it appends on election).
// Pre-vote and check-quorum keep a voter that was cut off from disrupting a healthy leader when it returns,
// and make a leader that lost its majority step down.
//
// Snapshots (KIP-630): the state machine hands createSnapshot() its state as of a committed offset; the log
// keeps it and drops the entries below. A follower whose fetch offset is below the leader's log start (or
// whose last epoch predates the snapshot) is answered with the snapshot's id; it fetches the snapshot in
// chunks (FetchSnapshot), installs it, hands it to onLoadSnapshot and resumes fetching after it.
//
// The voter set (KIP-853, voter-set.ts) is the latest VotersRecord in the log or snapshot, committed or not;
// the bootstrap set until one is written (a new leader writes it when its log holds none). One change at a
// time, by the leader (addVoter/removeVoter): it appends the record and counts the new set at once, so an
// added voter's record commits under the new majority. A leader removed from the set goes on leading until
// the record commits (its followers keep fetching from it), then resigns and observes; a removed voter
// observes (fetches, never stands). Snapshots start with the voter set as of their end.
//
// Limits: maxFetchEntries per fetch response; maxUncommittedEntries proposed and not yet committed (propose
// refuses past it); snapshotChunkBytes per FetchSnapshot response; maxSnapshotBytes per snapshot taken.

import type { Clock, Timer } from '../../clock.js';
import { LogLimiter } from '../../log-limiter.js';
import { type LogSink, SILENT_LOG } from '../../logger.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/uuid.js';
import { type Random, randomBetween, randomInt } from '../../random.js';
import type { RaftConfig } from './config.js';
import type { RaftEntry, RaftLog, SnapshotId } from './log.js';
import type {
  BeginEpochRequest,
  EndEpochRequest,
  FetchRequest,
  FetchResponse,
  FetchSnapshotRequest,
  FetchSnapshotResponse,
  RaftMessage,
  RaftTransport,
  VoteRequest,
  VoteResponse,
} from './messages.js';
import type { QuorumState, QuorumStateStore } from './quorum-state.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot.js';
import {
  encodeKRaftVersionEntry,
  encodeVotersEntry,
  isControlEntry,
  KRAFT_VERSION_RECONFIG,
  type Voter,
  VoterSetHistory,
  votersInEntry,
  votersOf,
} from './voter-set.js';

export type RaftRole = 'unattached' | 'prospective' | 'candidate' | 'leader' | 'follower' | 'resigned';

export interface RaftNodeOptions {
  nodeId: number;
  /** The bootstrap voter set: the voters until the log or a snapshot holds a VotersRecord (KIP-853). */
  voters: readonly number[];
  config: RaftConfig;
  clock: Clock;
  random: Random;
  log: RaftLog;
  store: QuorumStateStore;
  transport: RaftTransport;
  logger?: LogSink;
  /**
   * Other replicas an observer may ask for the leader besides its voters (the cluster's live members): a
   * removed voter's stale set may name only voters that are gone. Any replica answers with the leader it
   * knows.
   */
  contactPoints?: () => readonly number[];
  /**
   * Committed entries in offset order, control entries included: LeaderChange (empty data) and the voter
   * set's (isControlEntry in voter-set.ts), which the state machine skips.
   */
  onCommit?: (entries: readonly RaftEntry[], highWatermark: number) => void;
  /** Called when this node learns a new leader or epoch. */
  onLeaderChange?: (leaderId: number, epoch: number) => void;
  /**
   * The state machine's state is replaced by a snapshot's records, the state as of snapshot.endOffset (at
   * start, and when a leader sent one); onCommit goes on from there. The snapshot's control records (the
   * voter set) are the quorum's and are not passed on.
   */
  onLoadSnapshot?: (snapshot: SnapshotId, records: readonly Uint8Array[]) => void;
}

export type ProposeResult = { errorCode: 0; offsets: number[] } | { errorCode: number; leaderId: number };

/** A voter change: the offset of its VotersRecord (answer once it commits), or why it was refused. */
export type VoterChangeResult = { errorCode: 0; offset: number } | { errorCode: number; message: string };

interface ReplicaProgress {
  endOffset: number;
  lastFetchAt: number;
  /** When its fetch last reached the log end the leader had at its previous fetch (Kafka's "caught up"). */
  lastCaughtUpAt: number;
  /** The leader's log end when it answered this replica's previous fetch. */
  leaderEndAtLastFetch: number;
}

/** A replica as the leader sees it (DescribeQuorum). */
export interface ReplicaDescription {
  replicaId: number;
  logEndOffset: number;
  lastFetchTimestamp: number;
  lastCaughtUpTimestamp: number;
}

/** A snapshot a follower is fetching, chunk by chunk, from its leader. */
interface PendingSnapshot {
  id: SnapshotId;
  position: number;
  chunks: Uint8Array[];
}

const EMPTY = new Uint8Array(0);

export class RaftNode {
  readonly nodeId: number;
  readonly config: RaftConfig;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #log: RaftLog;
  readonly #store: QuorumStateStore;
  readonly #transport: RaftTransport;
  readonly #logger: LogSink;
  /** A full disk fails every proposal (each controller poll): one line a second, then a count. */
  readonly #appendFailures: LogLimiter;
  readonly #onCommit: RaftNodeOptions['onCommit'];
  readonly #onLeaderChange: RaftNodeOptions['onLeaderChange'];
  readonly #onLoadSnapshot: RaftNodeOptions['onLoadSnapshot'];
  readonly #contactPoints: RaftNodeOptions['contactPoints'];

  readonly #voterHistory: VoterSetHistory;
  /** The current set's ids, sorted (recomputed on every change). */
  #voterIds: readonly number[] = [];
  #isVoter = false;
  #role: RaftRole = 'unattached';
  #epoch = 0;
  #votedFor = -1;
  #leaderId = -1;
  #highWatermark = 0;
  #applied = 0;
  #running = false;
  /** Election timer (unattached, prospective, candidate) or fetch timeout (follower). */
  #electionTimer: Timer | null = null;
  #fetchTimer: Timer | null = null;
  #leaderTimers: Timer[] = [];
  #flushTimer: Timer | null = null;
  #votes = new Set<number>();
  #fetchId = 0;
  #inflightFetch = -1;
  /** Last time a follower heard from its leader (a successful fetch). */
  #lastLeaderContact = -Infinity;
  // Leader state.
  #epochStartOffset = 0;
  #progress = new Map<number, ReplicaProgress>();
  #unacknowledgedBegin = new Set<number>();
  /** An epoch whose leader resigned (EndQuorumEpoch): hints that name a leader of it are not followed. */
  #resignedEpoch = -1;
  // Follower state.
  #pendingSnapshot: PendingSnapshot | null = null;

  constructor(options: RaftNodeOptions) {
    this.nodeId = options.nodeId;
    this.#voterHistory = new VoterSetHistory(votersOf(options.voters));
    this.#votersChanged();
    this.config = options.config;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#log = options.log;
    this.#store = options.store;
    this.#transport = options.transport;
    this.#logger = options.logger ?? SILENT_LOG;
    this.#appendFailures = new LogLimiter(this.#logger, 'failed metadata log appends', 1, 1000, () =>
      this.#clock.now(),
    );
    this.#onCommit = options.onCommit;
    this.#onLeaderChange = options.onLeaderChange;
    this.#onLoadSnapshot = options.onLoadSnapshot;
    this.#contactPoints = options.contactPoints;
  }

  get role(): RaftRole {
    return this.#role;
  }
  /** The current voter ids, sorted: the latest VotersRecord in the log or snapshot, else the bootstrap set. */
  get voters(): readonly number[] {
    return this.#voterIds;
  }
  get isVoter(): boolean {
    return this.#isVoter;
  }
  /** The current voters with their directory ids and endpoints. */
  get voterSet(): readonly Voter[] {
    return this.#voterHistory.current;
  }
  /** Offset of the latest VotersRecord (-1: the bootstrap set); a change is pending while it is uncommitted. */
  get votersOffset(): number {
    return this.#voterHistory.lastOffset;
  }
  get epoch(): number {
    return this.#epoch;
  }
  get leaderId(): number {
    return this.#leaderId;
  }
  get votedFor(): number {
    return this.#votedFor;
  }
  get highWatermark(): number {
    return this.#highWatermark;
  }
  /** Between start() and stop(): a stopped node answers nothing. */
  get running(): boolean {
    return this.#running;
  }

  /** Entries in the log not yet handed to onCommit (a new leader's will all commit through its own). */
  uncommittedEntries(): RaftEntry[] {
    return this.#log.read(this.#applied, Math.max(0, this.#log.endOffset - this.#applied));
  }

  /** Recovers the persisted state and starts its timers. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const s = this.#store.load();
    this.#epoch = s.epoch;
    this.#votedFor = s.votedFor;
    this.#loadLatestSnapshot();
    this.#readVotersFromLog();
    // A known leader is followed again; whether it still leads, its fetch answers will tell.
    if (s.leaderId >= 0 && s.leaderId !== this.nodeId) this.#becomeFollower(s.epoch, s.leaderId);
    else this.#becomeUnattached(s.epoch, s.votedFor, this.voters.length === 1 ? 0 : undefined);
  }

  /** Stops every timer (a crash, as the others see it). */
  stop(): void {
    this.#running = false;
    this.#clearTimers();
  }

  /** Graceful hand-over: a leader tells the voters to elect another one at once. */
  resign(): void {
    if (!this.#running || this.#role !== 'leader') return;
    const successors = [...this.#progress.entries()]
      .filter(([id]) => id !== this.nodeId && this.voters.includes(id))
      .sort((a, b) => b[1].endOffset - a[1].endOffset)
      .map(([id]) => id);
    const msg: EndEpochRequest = { kind: 'end-epoch', epoch: this.#epoch, leaderId: this.nodeId, successors };
    for (const v of this.voters) if (v !== this.nodeId) this.#transport.send(v, msg);
    this.#clearTimers();
    this.#role = 'resigned';
    // It leads no more: its answers must not point anyone back at it, or a voter that heard of a leader
    // of this epoch would follow the resigned one and the hand-over would stall until it stood again.
    this.#leaderId = -1;
    this.#resignedEpoch = this.#epoch;
    this.#logger.info(`resigned leadership of epoch ${this.#epoch}`);
    this.#onLeaderChange?.(-1, this.#epoch);
    // Removed from the voters: it observes from now on (fetches from whoever the voters elect).
    if (!this.#isVoter) {
      this.#becomeUnattached(this.#epoch, this.#votedFor);
      return;
    }
    this.#electionTimer = this.#clock.schedule(this.config.electionTimeoutMs, () =>
      this.#becomeProspective(),
    );
  }

  /**
   * Keeps `records`, the state machine's state as of `endOffset` (everything below it applied), as a
   * snapshot, and drops the log below it. endOffset must be committed and handed to onCommit already;
   * returns the snapshot's id, or null when the log starts at or past endOffset already.
   */
  createSnapshot(endOffset: number, records: readonly Uint8Array[]): SnapshotId | null {
    if (!Number.isSafeInteger(endOffset) || endOffset > this.#applied || endOffset > this.#highWatermark) {
      throw new RangeError(`snapshot at ${endOffset}: only offsets up to ${this.#applied} are applied`);
    }
    if (endOffset <= this.#log.logStartOffset) return null;
    const id: SnapshotId = { endOffset, epoch: this.#log.epochAt(endOffset - 1) };
    // The voter set as of the snapshot's end leads it (KIP-853): the log before it, which held the
    // VotersRecord, goes.
    const voters = this.#voterHistory.at(endOffset - 1);
    const control = [encodeKRaftVersionEntry(KRAFT_VERSION_RECONFIG), encodeVotersEntry(voters)];
    this.#log.writeSnapshot(id, encodeSnapshot(id.epoch, [...control, ...records]));
    this.#voterHistory.compact(endOffset - 1);
    this.#logger.debug(`snapshot at ${endOffset} (epoch ${id.epoch}); the log now starts there`);
    return id;
  }

  /** Appends entries as leader; they are committed once a majority holds them (see onCommit). */
  propose(data: readonly Uint8Array[]): ProposeResult {
    if (!this.#running || this.#role !== 'leader') {
      return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, leaderId: this.#leaderId };
    }
    if (data.some((d) => d.length === 0))
      return { errorCode: ErrorCode.INVALID_REQUEST, leaderId: this.nodeId };
    if (this.#log.endOffset - this.#highWatermark + data.length > this.config.maxUncommittedEntries) {
      return { errorCode: ErrorCode.REQUEST_TIMED_OUT, leaderId: this.nodeId };
    }
    let offsets: number[];
    try {
      offsets = this.#log.appendAsLeader(this.#epoch, data);
    } catch (err) {
      // A full disk (or a failing one): nothing is proposed; the caller answers the error.
      this.#appendFailures.warn(`cannot append to the metadata log: ${(err as Error).message}`);
      return { errorCode: ErrorCode.KAFKA_STORAGE_ERROR, leaderId: this.nodeId };
    }
    this.#scheduleFlush();
    return { errorCode: ErrorCode.NONE, offsets };
  }

  /**
   * AddRaftVoter on the leader (KIP-853): appends a VotersRecord with `voter` added, which commits under the
   * new set's majority. Refused: not the leader (NOT_LEADER_OR_FOLLOWER); a change still uncommitted, or
   * this epoch's LeaderChange not yet committed, or the replica not caught up (REQUEST_TIMED_OUT, retriable);
   * already a voter (DUPLICATE_VOTER).
   */
  addVoter(voter: Voter): VoterChangeResult {
    const refused = this.#checkVoterChange();
    if (refused !== null) return refused;
    if (this.#voterIds.includes(voter.id)) {
      return { errorCode: ErrorCode.DUPLICATE_VOTER, message: `node ${voter.id} is a voter already` };
    }
    const p = this.#progress.get(voter.id);
    const now = this.#clock.now();
    if (p === undefined || now - p.lastCaughtUpAt > this.config.fetchTimeoutMs) {
      const where =
        p === undefined
          ? 'has not fetched from the leader'
          : `is at ${p.endOffset} of ${this.#log.endOffset}`;
      return {
        errorCode: ErrorCode.REQUEST_TIMED_OUT,
        message: `node ${voter.id} is not a caught-up observer: it ${where}`,
      };
    }
    return this.#appendVoters([...this.#voterHistory.current, voter].sort((a, b) => a.id - b.id));
  }

  /**
   * RemoveRaftVoter on the leader (KIP-853). Refused as addVoter, and: not a voter, or a directory id that is
   * not the voter's (VOTER_NOT_FOUND); the last voter (INVALID_REQUEST). A leader removing itself leads on
   * until the record commits, then resigns.
   */
  removeVoter(voterId: number, directoryId: string | null): VoterChangeResult {
    const refused = this.#checkVoterChange();
    if (refused !== null) return refused;
    const current = this.#voterHistory.current;
    const voter = current.find((v) => v.id === voterId);
    if (voter === undefined) {
      return { errorCode: ErrorCode.VOTER_NOT_FOUND, message: `node ${voterId} is not a voter` };
    }
    if (directoryId !== null && voter.directoryId !== ZERO_UUID && directoryId !== voter.directoryId) {
      return {
        errorCode: ErrorCode.VOTER_NOT_FOUND,
        message: `voter ${voterId} has directory id ${voter.directoryId}, not ${directoryId}`,
      };
    }
    if (current.length === 1) {
      return { errorCode: ErrorCode.INVALID_REQUEST, message: `node ${voterId} is the only voter` };
    }
    return this.#appendVoters(current.filter((v) => v.id !== voterId));
  }

  #checkVoterChange(): { errorCode: number; message: string } | null {
    if (!this.#running || this.#role !== 'leader') {
      return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, message: 'not the leader of the quorum' };
    }
    if (this.#highWatermark <= this.#epochStartOffset) {
      return {
        errorCode: ErrorCode.REQUEST_TIMED_OUT,
        message: `the leader of epoch ${this.#epoch} has not committed an entry of its epoch yet`,
      };
    }
    if (this.#voterHistory.lastOffset >= this.#highWatermark) {
      return {
        errorCode: ErrorCode.REQUEST_TIMED_OUT,
        message: `the voter change at offset ${this.#voterHistory.lastOffset} is not committed yet`,
      };
    }
    return null;
  }

  #appendVoters(next: Voter[]): VoterChangeResult {
    let offset: number;
    try {
      offset = this.#log.appendAsLeader(this.#epoch, [encodeVotersEntry(next)])[0]!;
    } catch (err) {
      this.#logger.warn(`cannot append a voter change: ${(err as Error).message}`);
      return { errorCode: ErrorCode.KAFKA_STORAGE_ERROR, message: (err as Error).message };
    }
    // The new set counts from its append on, not its commit (KIP-853, Raft's single-server change).
    this.#voterHistory.add(offset, next);
    this.#votersChanged();
    const now = this.#clock.now();
    for (const v of next) if (!this.#progress.has(v.id)) this.#progress.set(v.id, newProgress(now));
    this.#scheduleFlush();
    return { errorCode: ErrorCode.NONE, offset };
  }

  /** The leader's view of every replica that fetched from it this epoch (DescribeQuorum); null elsewhere. */
  describeReplicas(): { voters: ReplicaDescription[]; observers: ReplicaDescription[] } | null {
    if (this.#role !== 'leader') return null;
    const describe = (id: number): ReplicaDescription => {
      if (id === this.nodeId) {
        const now = this.#clock.now();
        return {
          replicaId: id,
          logEndOffset: this.#log.endOffset,
          lastFetchTimestamp: now,
          lastCaughtUpTimestamp: now,
        };
      }
      const p = this.#progress.get(id);
      const t = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? -1 : ms);
      return {
        replicaId: id,
        logEndOffset: p?.endOffset ?? -1,
        lastFetchTimestamp: t(p?.lastFetchAt),
        lastCaughtUpTimestamp: t(p?.lastCaughtUpAt),
      };
    };
    const observers = [...this.#progress.keys()]
      .filter((id) => !this.#voterIds.includes(id) && id !== this.nodeId)
      .sort((a, b) => a - b);
    if (!this.#isVoter) observers.unshift(this.nodeId);
    return { voters: this.#voterIds.map(describe), observers: observers.map(describe) };
  }

  receive(from: number, m: RaftMessage): void {
    if (!this.#running) return;
    switch (m.kind) {
      case 'vote':
        this.#onVote(from, m);
        return;
      case 'vote-response':
        this.#onVoteResponse(from, m);
        return;
      case 'begin-epoch':
        this.#onBeginEpoch(from, m);
        return;
      case 'begin-epoch-response':
        if (this.#role === 'leader' && m.epoch === this.#epoch) this.#unacknowledgedBegin.delete(from);
        else if (m.epoch > this.#epoch) this.#becomeUnattached(m.epoch, -1);
        return;
      case 'end-epoch':
        this.#onEndEpoch(m);
        return;
      case 'fetch':
        this.#onFetch(from, m);
        return;
      case 'fetch-response':
        this.#onFetchResponse(from, m);
        return;
      case 'fetch-snapshot':
        this.#onFetchSnapshot(from, m);
        return;
      case 'fetch-snapshot-response':
        this.#onFetchSnapshotResponse(from, m);
        return;
    }
  }

  // ---- elections ----

  #upToDate(lastEpoch: number, lastOffset: number): boolean {
    const mine = this.#log.lastEpoch;
    return lastEpoch > mine || (lastEpoch === mine && lastOffset >= this.#log.endOffset);
  }

  /** A follower that heard from its leader within the fetch timeout, or a leader: it has a live leader. */
  #hasLiveLeader(): boolean {
    if (this.#role === 'leader') return true;
    return (
      this.#role === 'follower' && this.#clock.now() - this.#lastLeaderContact < this.config.fetchTimeoutMs
    );
  }

  #onVote(from: number, m: VoteRequest): void {
    const reply = (granted: boolean) =>
      this.#transport.send(from, {
        kind: 'vote-response',
        epoch: this.#epoch,
        requestEpoch: m.epoch,
        granted,
        preVote: m.preVote,
        leaderId: this.#leaderId,
      } satisfies VoteResponse);
    // Whatever this replica's own voter set says (KIP-853): the candidate's set decides whose votes count,
    // and a replica may not have seen the VotersRecord that made it (or the candidate) a voter yet; refusing
    // could leave no majority at all. The request was addressed to this replica (the wire checks the voter
    // key), and the up-to-date rule keeps a stale candidate out.
    if (m.preVote) {
      // Changes nothing here: would a real vote for that epoch be granted, and is our leader gone?
      const grant =
        m.epoch > this.#epoch && this.#upToDate(m.lastEpoch, m.lastOffset) && !this.#hasLiveLeader();
      reply(grant);
      return;
    }
    if (m.epoch < this.#epoch) {
      reply(false);
      return;
    }
    if (m.epoch > this.#epoch) this.#becomeUnattached(m.epoch, -1);
    if (this.#role === 'leader' || this.#leaderId >= 0) {
      reply(false);
      return;
    }
    if (this.#votedFor >= 0 && this.#votedFor !== m.candidateId) {
      reply(false);
      return;
    }
    if (!this.#upToDate(m.lastEpoch, m.lastOffset)) {
      reply(false);
      return;
    }
    if (this.#votedFor !== m.candidateId) {
      this.#votedFor = m.candidateId;
      this.#persist();
      this.#logger.debug(`voted for ${m.candidateId} in epoch ${m.epoch}`);
    }
    if (this.#role === 'unattached') this.#armElectionTimer();
    reply(true);
  }

  #onVoteResponse(from: number, m: VoteResponse): void {
    if (m.epoch > this.#epoch) {
      if (m.leaderId >= 0 && m.leaderId !== this.nodeId) this.#becomeFollower(m.epoch, m.leaderId);
      else this.#becomeUnattached(m.epoch, -1);
      return;
    }
    if (
      !m.granted &&
      m.epoch === this.#epoch &&
      m.epoch !== this.#resignedEpoch &&
      m.leaderId >= 0 &&
      m.leaderId !== this.nodeId &&
      this.#leaderId < 0
    ) {
      // Turned down because the voter still follows a leader of our epoch: follow it too. A granted pre-vote
      // naming a leader is not such a hint: that voter has not heard from it within the fetch timeout either
      // (following it again would have two voters bounce between a dead leader and pre-votes forever). Nor is
      // a leader of an epoch whose leader resigned.
      if (this.#role === 'unattached' || this.#role === 'prospective') {
        this.#becomeFollower(m.epoch, m.leaderId);
        return;
      }
    }
    if (!m.granted || !this.voters.includes(from)) return;
    if (m.preVote && this.#role === 'prospective' && m.requestEpoch === this.#epoch + 1) {
      this.#votes.add(from);
      if (this.#votes.size > this.voters.length / 2) this.#becomeCandidate();
    } else if (!m.preVote && this.#role === 'candidate' && m.requestEpoch === this.#epoch) {
      this.#votes.add(from);
      if (this.#votes.size > this.voters.length / 2) this.#becomeLeader();
    }
  }

  #onBeginEpoch(from: number, m: BeginEpochRequest): void {
    let errorCode: number = ErrorCode.NONE;
    if (
      m.epoch < this.#epoch ||
      (m.epoch === this.#epoch && this.#role === 'leader') ||
      m.epoch === this.#resignedEpoch
    ) {
      // Older, ours, or an epoch whose leader already resigned (its EndQuorumEpoch overtook this).
      errorCode = ErrorCode.FENCED_LEADER_EPOCH;
    } else if (m.epoch === this.#epoch && this.#leaderId >= 0 && this.#leaderId !== m.leaderId) {
      // Two leaders in one epoch cannot be: one of the claims is forged or corrupt.
      this.#logger.warn(`node ${m.leaderId} claims epoch ${m.epoch}, led by ${this.#leaderId}`);
      errorCode = ErrorCode.INVALID_REQUEST;
    } else if (!(this.#role === 'follower' && this.#epoch === m.epoch && this.#leaderId === m.leaderId)) {
      this.#becomeFollower(m.epoch, m.leaderId);
    }
    this.#transport.send(from, { kind: 'begin-epoch-response', epoch: this.#epoch, errorCode });
  }

  #onEndEpoch(m: EndEpochRequest): void {
    if (m.epoch !== this.#epoch || !this.isVoter) return;
    // From this epoch's leader, or from a leader whose BeginQuorumEpoch has not arrived yet.
    if (this.#leaderId >= 0 && this.#leaderId !== m.leaderId) return;
    // The most caught-up successors stand first; the rest wait a little longer each.
    this.#resignedEpoch = m.epoch;
    const rank = m.successors.indexOf(this.nodeId);
    const delay = rank < 0 ? this.config.electionBackoffMaxMs : rank * (this.config.electionBackoffMaxMs / 4);
    this.#becomeUnattached(this.#epoch, this.#votedFor, Math.floor(delay));
  }

  // ---- replication ----

  #onFetch(from: number, m: FetchRequest): void {
    const answer = (r: Partial<FetchResponse>) =>
      this.#transport.send(from, {
        kind: 'fetch-response',
        id: m.id,
        epoch: this.#epoch,
        leaderId: this.#leaderId,
        errorCode: ErrorCode.NONE,
        highWatermark: this.#highWatermark,
        divergingEpoch: null,
        entries: [],
        ...r,
      });
    if (this.#role !== 'leader') {
      answer({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
      return;
    }
    if (m.epoch < this.#epoch) {
      answer({ errorCode: ErrorCode.FENCED_LEADER_EPOCH });
      return;
    }
    if (m.epoch > this.#epoch) {
      answer({ errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH });
      return;
    }
    const snapshot = this.#log.latestSnapshot();
    if (
      snapshot !== null &&
      (m.fetchOffset < this.#log.logStartOffset ||
        (m.fetchOffset === snapshot.endOffset && m.lastFetchedEpoch !== snapshot.epoch) ||
        m.lastFetchedEpoch < snapshot.epoch)
    ) {
      // Kafka's validateOffsetAndEpoch: what it lacks, or may hold differently, is only in the snapshot.
      this.#touchProgress(from);
      answer({ snapshotId: snapshot });
      return;
    }
    if (m.fetchOffset < 0 || m.fetchOffset > this.#log.endOffset || m.lastFetchedEpoch > this.#epoch) {
      // Past our end, or from an epoch we never saw: its log has entries ours lacks, so it diverges.
      const end = this.#log.endOffsetForEpoch(Math.min(m.lastFetchedEpoch, this.#epoch));
      answer({ divergingEpoch: end });
      return;
    }
    if (m.fetchOffset > 0) {
      const end = this.#log.endOffsetForEpoch(m.lastFetchedEpoch);
      if (end.epoch !== m.lastFetchedEpoch || end.endOffset < m.fetchOffset) {
        answer({ divergingEpoch: end });
        return;
      }
    }
    const p = this.#touchProgress(from);
    if (m.fetchOffset >= p.leaderEndAtLastFetch) p.lastCaughtUpAt = p.lastFetchAt;
    p.endOffset = m.fetchOffset;
    p.leaderEndAtLastFetch = this.#log.endOffset;
    this.#maybeCommit();
    answer({ entries: this.#log.read(m.fetchOffset, this.config.maxFetchEntries) });
  }

  /** A replica asked this leader something: it is alive (check-quorum) and knows the epoch. */
  #touchProgress(from: number): ReplicaProgress {
    const p = this.#progress.get(from) ?? newProgress(-Infinity);
    p.lastFetchAt = this.#clock.now();
    this.#progress.set(from, p);
    this.#unacknowledgedBegin.delete(from);
    return p;
  }

  #onFetchSnapshot(from: number, m: FetchSnapshotRequest): void {
    const answer = (r: Partial<FetchSnapshotResponse>) =>
      this.#transport.send(from, {
        kind: 'fetch-snapshot-response',
        id: m.id,
        epoch: this.#epoch,
        leaderId: this.#leaderId,
        errorCode: ErrorCode.NONE,
        snapshotId: m.snapshotId,
        size: -1,
        position: m.position,
        bytes: EMPTY,
        ...r,
      });
    if (this.#role !== 'leader') answer({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER });
    else if (m.epoch < this.#epoch) answer({ errorCode: ErrorCode.FENCED_LEADER_EPOCH });
    else if (m.epoch > this.#epoch) answer({ errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH });
    else if (!Number.isSafeInteger(m.position) || m.position < 0) {
      answer({ errorCode: ErrorCode.POSITION_OUT_OF_RANGE });
    } else {
      const chunk = this.#log.readSnapshot(m.snapshotId, m.position, this.config.snapshotChunkBytes);
      if (chunk === null) answer({ errorCode: ErrorCode.SNAPSHOT_NOT_FOUND });
      else if (m.position > chunk.size) answer({ errorCode: ErrorCode.POSITION_OUT_OF_RANGE });
      else {
        this.#touchProgress(from);
        answer({ size: chunk.size, bytes: chunk.bytes });
      }
    }
  }

  #onFetchSnapshotResponse(from: number, m: FetchSnapshotResponse): void {
    if (m.id !== this.#inflightFetch) return;
    this.#inflightFetch = -1;
    if (m.epoch > this.#epoch) {
      if (m.leaderId >= 0 && m.leaderId !== this.nodeId) this.#becomeFollower(m.epoch, m.leaderId);
      else this.#becomeUnattached(m.epoch, -1);
      return;
    }
    const p = this.#pendingSnapshot;
    if (this.#role !== 'follower' || from !== this.#leaderId || p === null) return;
    const sameId = m.snapshotId.endOffset === p.id.endOffset && m.snapshotId.epoch === p.id.epoch;
    if (m.errorCode !== ErrorCode.NONE || !sameId || m.size > this.config.maxSnapshotBytes) {
      // Replaced by a newer one (SNAPSHOT_NOT_FOUND), or no longer the leader: fetch again to learn which.
      if (m.size > this.config.maxSnapshotBytes) {
        this.#logger.warn(`snapshot of ${m.size} bytes > maxSnapshotBytes ${this.config.maxSnapshotBytes}`);
      }
      this.#pendingSnapshot = null;
      this.#scheduleFetch(this.config.fetchIntervalMs);
      return;
    }
    this.#lastLeaderContact = this.#clock.now();
    this.#armFetchTimeout();
    if (m.position !== p.position) {
      this.#scheduleFetch(0); // a duplicate or late chunk: ask for the one we need
      return;
    }
    p.chunks.push(m.bytes);
    p.position += m.bytes.length;
    if (p.position < m.size) {
      // An empty chunk short of the end would ask for the same bytes forever: start over, after a pause.
      if (m.bytes.length === 0) this.#pendingSnapshot = null;
      this.#scheduleFetch(m.bytes.length === 0 ? this.config.fetchIntervalMs : 0);
      return;
    }
    this.#pendingSnapshot = null;
    const bytes = Buffer.concat(p.chunks);
    let records: Uint8Array[];
    try {
      if (bytes.length !== m.size) throw new RangeError(`${bytes.length} bytes, the leader said ${m.size}`);
      records = decodeSnapshot(bytes);
    } catch (e) {
      this.#logger.warn(
        `snapshot ${p.id.endOffset}-${p.id.epoch} from ${from} refused: ${(e as Error).message}`,
      );
      this.#scheduleFetch(this.config.fetchIntervalMs);
      return;
    }
    try {
      this.#log.writeSnapshot(p.id, bytes);
    } catch (e) {
      // The log is as it was (a full disk, say): fetch again later, which asks for the snapshot anew.
      this.#logger.warn(`cannot install snapshot ${p.id.endOffset}-${p.id.epoch}: ${(e as Error).message}`);
      this.#scheduleFetch(this.config.fetchIntervalMs);
      return;
    }
    this.#logger.info(
      `installed snapshot ${p.id.endOffset}-${p.id.epoch} (${bytes.length} bytes) from ${from}`,
    );
    this.#loadSnapshot(p.id, records);
    this.#scheduleFetch(0);
  }

  /** At start: the state machine begins from the latest snapshot, if any. A damaged one stops the node. */
  #loadLatestSnapshot(): void {
    const id = this.#log.latestSnapshot();
    if (id === null) return;
    const chunks: Uint8Array[] = [];
    let position = 0;
    for (;;) {
      const c = this.#log.readSnapshot(id, position, this.config.snapshotChunkBytes);
      if (c === null) throw new Error(`snapshot ${id.endOffset}-${id.epoch} vanished while it was read`);
      chunks.push(c.bytes);
      position += c.bytes.length;
      if (position >= c.size || c.bytes.length === 0) break;
    }
    this.#loadSnapshot(id, decodeSnapshot(Buffer.concat(chunks)));
  }

  #loadSnapshot(id: SnapshotId, records: readonly Uint8Array[]): void {
    // A snapshot holds only committed state: its end is committed, and the state machine restarts there.
    this.#highWatermark = Math.max(this.#highWatermark, id.endOffset);
    this.#applied = id.endOffset;
    // Its control records (the voter set) are the quorum's; the state machine gets the rest.
    let voters: Voter[] | null = null;
    const state: Uint8Array[] = [];
    for (const r of records) {
      if (!isControlEntry(r)) state.push(r);
      else voters = votersInEntry(r) ?? voters;
    }
    this.#voterHistory.resetAt(id.endOffset, voters);
    this.#votersChanged();
    this.#onLoadSnapshot?.(id, state);
    this.#deliverCommitted();
  }

  /** At start: VotersRecords in the log after the snapshot set the voters (the latest wins). */
  #readVotersFromLog(): void {
    let from = this.#log.logStartOffset;
    const end = this.#log.endOffset;
    while (from < end) {
      const batch = this.#log.read(from, 10_000);
      if (batch.length === 0) break;
      this.#noteVoters(batch);
      from = batch[batch.length - 1]!.offset + 1;
    }
  }

  /** Records the VotersRecords among entries just appended to the log. */
  #noteVoters(entries: readonly RaftEntry[]): void {
    let changed = false;
    for (const e of entries) {
      if (e.data.length === 0 || !isControlEntry(e.data)) continue;
      const voters = votersInEntry(e.data);
      if (voters === null) continue;
      this.#voterHistory.truncateTo(e.offset);
      this.#voterHistory.add(e.offset, voters);
      changed = true;
    }
    if (changed) this.#votersChanged();
  }

  #votersChanged(): void {
    const ids = this.#voterHistory.current.map((v) => v.id);
    const was = this.#voterIds;
    if (was.length === ids.length && was.every((id, i) => id === ids[i])) return;
    this.#voterIds = ids;
    this.#isVoter = ids.includes(this.nodeId);
    if (was.length > 0) this.#logger.info(`voters now ${ids.join(',')}`);
  }

  #onFetchResponse(from: number, m: FetchResponse): void {
    if (m.id !== this.#inflightFetch) return; // an answer to a fetch given up on (or a duplicate)
    this.#inflightFetch = -1;
    if (m.epoch > this.#epoch) {
      if (m.leaderId >= 0 && m.leaderId !== this.nodeId) this.#becomeFollower(m.epoch, m.leaderId);
      else this.#becomeUnattached(m.epoch, -1);
      return;
    }
    if (this.#role !== 'follower' && !(this.#role === 'unattached' && !this.isVoter)) return;
    if (m.errorCode !== ErrorCode.NONE) {
      // Not (or no longer) the leader: an observer asks elsewhere; a voter's fetch timeout decides.
      if (
        m.leaderId >= 0 &&
        m.leaderId !== this.nodeId &&
        m.epoch === this.#epoch &&
        m.epoch !== this.#resignedEpoch &&
        m.leaderId !== from
      ) {
        this.#becomeFollower(m.epoch, m.leaderId);
      } else {
        this.#scheduleFetch(this.config.fetchIntervalMs);
      }
      return;
    }
    if (this.#leaderId < 0 && m.leaderId === from) {
      // An observer asked a voter at random and found the leader itself.
      this.#becomeFollower(m.epoch, from);
      return;
    }
    if (from !== this.#leaderId) {
      this.#scheduleFetch(this.config.fetchIntervalMs);
      return;
    }
    this.#lastLeaderContact = this.#clock.now();
    this.#armFetchTimeout();
    if (m.snapshotId !== undefined && m.snapshotId !== null) {
      this.#logger.info(`fetching snapshot ${m.snapshotId.endOffset}-${m.snapshotId.epoch} from ${from}`);
      this.#pendingSnapshot = { id: { ...m.snapshotId }, position: 0, chunks: [] };
      this.#scheduleFetch(0);
      return;
    }
    if (m.divergingEpoch !== null) {
      const mine = this.#log.endOffsetForEpoch(m.divergingEpoch.epoch);
      const to = Math.min(m.divergingEpoch.endOffset, mine.endOffset);
      if (to < this.#highWatermark) {
        // Committed entries never differ between replicas; a leader asking for this is broken.
        this.#logger.warn(`leader ${from} asks to truncate to ${to}, below the high watermark; refusing`);
        this.#scheduleFetch(this.config.fetchTimeoutMs);
        return;
      }
      this.#logger.info(`truncating the metadata log from ${this.#log.endOffset} to ${to} (diverged)`);
      this.#log.truncateTo(to);
      // A VotersRecord cut off takes its set with it: the one before is in force again.
      this.#voterHistory.truncateTo(to);
      this.#votersChanged();
      this.#scheduleFetch(0);
      return;
    }
    const entries = m.entries;
    if (entries.length > 0) {
      if (entries[0]!.offset !== this.#log.endOffset) {
        this.#scheduleFetch(0);
        return;
      }
      this.#log.appendAsFollower(entries);
      this.#noteVoters(entries);
      // The next fetch offset tells the leader these are durable: flush before asking again.
      this.#log.flush();
    }
    this.#advanceHighWatermark(Math.min(m.highWatermark, this.#log.endOffset));
    this.#scheduleFetch(entries.length > 0 ? 0 : this.config.fetchIntervalMs);
  }

  #maybeCommit(): void {
    if (this.#role !== 'leader') return;
    // The current voters only: a leader being removed does not count itself.
    const offsets: number[] = [];
    for (const v of this.#voterIds) {
      if (v === this.nodeId) offsets.push(this.#log.flushedOffset);
      else offsets.push(this.#progress.get(v)?.endOffset ?? 0);
    }
    offsets.sort((a, b) => b - a);
    const majority = offsets[Math.floor(this.#voterIds.length / 2)]!;
    // Only an entry of our own epoch commits (and with it everything before).
    if (majority > this.#highWatermark && majority > this.#epochStartOffset)
      this.#advanceHighWatermark(majority);
    // Removed from the voters and the removal committed: hand over (KIP-853).
    if (this.#role === 'leader' && !this.#isVoter && this.#highWatermark > this.#voterHistory.lastOffset) {
      this.#logger.info(`no longer a voter (offset ${this.#voterHistory.lastOffset} committed): resigning`);
      this.resign();
    }
  }

  #advanceHighWatermark(hw: number): void {
    if (hw <= this.#highWatermark) return;
    this.#highWatermark = hw;
    this.#deliverCommitted();
  }

  /** Hands committed entries not yet applied to onCommit. */
  #deliverCommitted(): void {
    const hw = this.#highWatermark;
    if (this.#applied >= hw) return;
    const committed: RaftEntry[] = [];
    while (this.#applied < hw) {
      const batch = this.#log.read(this.#applied, Math.min(hw - this.#applied, 10_000));
      if (batch.length === 0) break;
      committed.push(...batch);
      this.#applied += batch.length;
    }
    this.#onCommit?.(committed, hw);
  }

  // ---- transitions ----

  #becomeUnattached(epoch: number, votedFor: number, electionDelayMs?: number): void {
    const changed = epoch !== this.#epoch || this.#leaderId !== -1;
    this.#clearTimers();
    this.#role = 'unattached';
    this.#epoch = epoch;
    this.#votedFor = votedFor;
    this.#leaderId = -1;
    this.#persist();
    if (changed) this.#onLeaderChange?.(-1, epoch);
    if (!this.isVoter) {
      this.#scheduleFetch(0); // observers look for the leader among the voters
      return;
    }
    this.#armElectionTimer(electionDelayMs);
  }

  #becomeProspective(): void {
    if (!this.#running || !this.isVoter) return;
    this.#clearTimers();
    this.#role = 'prospective';
    this.#leaderId = -1;
    this.#votes = new Set([this.nodeId]);
    if (this.#votes.size > this.voters.length / 2) {
      this.#becomeCandidate();
      return;
    }
    const ask: VoteRequest = {
      kind: 'vote',
      epoch: this.#epoch + 1,
      candidateId: this.nodeId,
      lastEpoch: this.#log.lastEpoch,
      lastOffset: this.#log.endOffset,
      preVote: true,
    };
    for (const v of this.voters) if (v !== this.nodeId) this.#transport.send(v, ask);
    this.#armElectionTimer();
  }

  #becomeCandidate(): void {
    this.#clearTimers();
    this.#role = 'candidate';
    this.#epoch++;
    this.#votedFor = this.nodeId;
    this.#leaderId = -1;
    this.#persist();
    this.#votes = new Set([this.nodeId]);
    this.#logger.debug(`standing for epoch ${this.#epoch}`);
    if (this.#votes.size > this.voters.length / 2) {
      this.#becomeLeader();
      return;
    }
    const ask: VoteRequest = {
      kind: 'vote',
      epoch: this.#epoch,
      candidateId: this.nodeId,
      lastEpoch: this.#log.lastEpoch,
      lastOffset: this.#log.endOffset,
      preVote: false,
    };
    for (const v of this.voters) if (v !== this.nodeId) this.#transport.send(v, ask);
    this.#armElectionTimer();
  }

  #becomeLeader(): void {
    this.#clearTimers();
    this.#role = 'leader';
    this.#leaderId = this.nodeId;
    this.#persist();
    this.#epochStartOffset = this.#log.endOffset;
    // The LeaderChange entry: an entry of this epoch, through which older ones commit.
    this.#log.appendAsLeader(this.#epoch, [EMPTY]);
    if (!this.#voterHistory.fromLog) {
      // A log without a voter set (a new cluster, or one from before KIP-853): the bootstrap set goes in.
      const at = this.#log.appendAsLeader(this.#epoch, [
        encodeKRaftVersionEntry(KRAFT_VERSION_RECONFIG),
        encodeVotersEntry(this.#voterHistory.current),
      ]);
      this.#voterHistory.add(at[1]!, this.#voterHistory.current);
    }
    this.#log.flush();
    const now = this.#clock.now();
    this.#progress = new Map(this.voters.map((v) => [v, newProgress(now)]));
    this.#unacknowledgedBegin = new Set(this.voters.filter((v) => v !== this.nodeId));
    this.#logger.info(`leader of epoch ${this.#epoch} (log end ${this.#log.endOffset})`);
    this.#onLeaderChange?.(this.nodeId, this.#epoch);
    this.#sendBeginEpoch();
    this.#checkQuorumLoop();
    this.#maybeCommit();
  }

  #becomeFollower(epoch: number, leaderId: number): void {
    const changed = epoch !== this.#epoch || leaderId !== this.#leaderId;
    this.#clearTimers();
    this.#role = 'follower';
    if (epoch !== this.#epoch) this.#votedFor = -1;
    this.#epoch = epoch;
    this.#leaderId = leaderId;
    this.#persist();
    // Only a successful fetch counts as word from the leader: a second-hand hint does not make it live.
    if (changed) this.#lastLeaderContact = Number.NEGATIVE_INFINITY;
    if (changed) {
      this.#logger.debug(`following ${leaderId} in epoch ${epoch}`);
      this.#onLeaderChange?.(leaderId, epoch);
    }
    this.#armFetchTimeout();
    this.#scheduleFetch(0);
  }

  // ---- timers ----

  #armElectionTimer(delayMs?: number): void {
    this.#electionTimer?.cancel();
    const base = this.config.electionTimeoutMs;
    const wait = delayMs ?? Math.floor(randomBetween(this.#random, base, 2 * base));
    this.#electionTimer = this.#clock.schedule(wait, () => {
      this.#electionTimer = null;
      if (!this.#running) return;
      if (this.#role === 'candidate' || this.#role === 'prospective') {
        // Lost or stalled: back off at random before asking again, so two candidates stop colliding.
        this.#role = 'unattached';
        this.#armElectionTimer(randomInt(this.#random, this.config.electionBackoffMaxMs) + 1);
        return;
      }
      this.#becomeProspective();
    });
  }

  #armFetchTimeout(): void {
    this.#electionTimer?.cancel();
    this.#electionTimer = this.#clock.schedule(this.config.fetchTimeoutMs, () => {
      this.#electionTimer = null;
      if (!this.#running || this.#role !== 'follower') return;
      this.#logger.info(`no word from leader ${this.#leaderId} in ${this.config.fetchTimeoutMs} ms`);
      // A voter stands; an observer looks for the leader among the voters again.
      if (this.isVoter) this.#becomeProspective();
      else this.#becomeUnattached(this.#epoch, -1);
    });
  }

  #scheduleFetch(delayMs: number): void {
    this.#fetchTimer?.cancel();
    this.#fetchTimer = this.#clock.schedule(delayMs, () => {
      this.#fetchTimer = null;
      if (!this.#running) return;
      let target = this.#leaderId;
      if (target < 0 || target === this.nodeId) {
        if (this.isVoter) return;
        const extra = this.#contactPoints?.() ?? [];
        const pool =
          extra.length === 0
            ? this.#voterIds
            : [...new Set([...this.#voterIds, ...extra])].filter((id) => id !== this.nodeId);
        if (pool.length === 0) return;
        target = pool[randomInt(this.#random, pool.length)]!;
      }
      const id = ++this.#fetchId;
      this.#inflightFetch = id;
      const p = this.#pendingSnapshot;
      if (p !== null && target === this.#leaderId) {
        this.#transport.send(target, {
          kind: 'fetch-snapshot',
          id,
          epoch: this.#epoch,
          replicaId: this.nodeId,
          snapshotId: p.id,
          position: p.position,
        });
      } else {
        this.#transport.send(target, {
          kind: 'fetch',
          id,
          epoch: this.#epoch,
          replicaId: this.nodeId,
          fetchOffset: this.#log.endOffset,
          lastFetchedEpoch: this.#log.lastEpoch,
        });
      }
      // Unanswered: ask again (a lost request or answer must not stall the follower).
      this.#fetchTimer = this.#clock.schedule(this.config.requestTimeoutMs, () => {
        this.#fetchTimer = null;
        if (this.#inflightFetch === id) this.#scheduleFetch(0);
      });
    });
  }

  #scheduleFlush(): void {
    if (this.#flushTimer !== null) return;
    this.#flushTimer = this.#clock.schedule(this.config.appendLingerMs, () => {
      this.#flushTimer = null;
      if (!this.#running || this.#role !== 'leader') return;
      this.#log.flush();
      this.#maybeCommit();
    });
  }

  #sendBeginEpoch(): void {
    if (this.#role !== 'leader' || this.#unacknowledgedBegin.size === 0) return;
    const msg: BeginEpochRequest = { kind: 'begin-epoch', epoch: this.#epoch, leaderId: this.nodeId };
    for (const v of this.#unacknowledgedBegin) this.#transport.send(v, msg);
    this.#leaderTimers.push(this.#clock.schedule(this.config.requestTimeoutMs, () => this.#sendBeginEpoch()));
  }

  /** Check quorum: a leader that a majority of voters has not fetched from lately steps down. */
  #checkQuorumLoop(): void {
    const t = this.#clock.schedule(this.config.fetchTimeoutMs, () => {
      if (!this.#running || this.#role !== 'leader') return;
      const now = this.#clock.now();
      let live = this.#isVoter ? 1 : 0;
      for (const v of this.voters) {
        const p = this.#progress.get(v);
        if (v !== this.nodeId && p !== undefined && now - p.lastFetchAt < this.config.fetchTimeoutMs) live++;
      }
      if (live <= this.voters.length / 2) {
        this.#logger.info(
          `leader of epoch ${this.#epoch} lost its majority (${live} of ${this.voters.length})`,
        );
        this.#becomeUnattached(this.#epoch, this.#votedFor);
        return;
      }
      this.#checkQuorumLoop();
    });
    this.#leaderTimers.push(t);
  }

  #clearTimers(): void {
    this.#electionTimer?.cancel();
    this.#electionTimer = null;
    this.#fetchTimer?.cancel();
    this.#fetchTimer = null;
    this.#flushTimer?.cancel();
    this.#flushTimer = null;
    for (const t of this.#leaderTimers) t.cancel();
    this.#leaderTimers = [];
    this.#inflightFetch = -1;
    // Every transition passes here: a snapshot being fetched belongs to the leader and epoch it came from.
    this.#pendingSnapshot = null;
  }

  #persist(): void {
    const s: QuorumState = { epoch: this.#epoch, votedFor: this.#votedFor, leaderId: this.#leaderId };
    this.#store.save(s);
  }
}

function newProgress(now: number): ReplicaProgress {
  // Infinity: a first fetch shows where the replica is, not that it caught up with anything.
  return {
    endOffset: 0,
    lastFetchAt: now,
    lastCaughtUpAt: Number.NEGATIVE_INFINITY,
    leaderEndAtLastFetch: Number.POSITIVE_INFINITY,
  };
}
