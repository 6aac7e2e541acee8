// The groups of one __consumer_offsets partition (Kafka's GroupMetadataManager, one per partition here): the
// cache of groups and committed offsets, its load from the partition's log and its unload, every write into
// that log, offset expiry and the compaction stand-in. Coordinator failover in a cluster is an unload on the
// old leader and a load on the new one; a single broker loads every partition at start.
//
// States: 'unloaded' (not hosted: NOT_COORDINATOR), 'loading' (replaying: COORDINATOR_LOAD_IN_PROGRESS),
// 'active'. Each load or unload starts a new epoch; a replay that finishes after its epoch ended is dropped,
// and a write is refused unless the partition is active. A write already submitted when the partition
// unloads still lands before any later replay (both run on the partition's write chain in OffsetsTopic).
import { ErrorCode, errorName } from '../../protocol/errors.js';
import type { Clock } from './clock.js';
import type { GroupConfig } from './config.js';
import { ClassicGroup, GroupMember, GroupState } from './group.js';
import { CONSUMER_PROTOCOL_TYPE, GroupMembership } from './membership.js';
import { GroupOffsets } from './offsets.js';
import type { GroupLog, TxnProducer } from './offsets-topic.js';
import type { CommittedOffset, OffsetsRecord, StoredGroup } from './records.js';
import type { CoordinatorLogger } from './requests.js';
import {
  markAppended,
  type PendingByGroup,
  PendingTxnOffsets,
  parseOffsetKey,
  txnOffsetWins,
} from './txn-offsets.js';

export type PartitionState = 'unloaded' | 'loading' | 'active';

export interface GroupMetadataManagerOptions {
  partition: number;
  config: GroupConfig;
  clock: Clock;
  /** null keeps everything in memory (tests of the state machine): loads are instant and empty. */
  log: GroupLog | null;
  newMemberId: (prefix: string) => string;
  logger: CoordinatorLogger | null;
}

interface LoadedGroup {
  group: StoredGroup | null;
  /** JSON [topic, partition] -> offset; JSON keeps topic names with any character apart from the number. */
  offsets: Map<string, CommittedOffset>;
}

export class GroupMetadataManager {
  readonly partition: number;
  readonly membership: GroupMembership;
  readonly offsets: GroupOffsets;
  readonly #config: GroupConfig;
  readonly #clock: Clock;
  readonly #log: GroupLog | null;
  readonly #logger: CoordinatorLogger | null;
  readonly #groups = new Map<string, ClassicGroup>();
  /** Writes in flight per group: the cleanup never drops a group something is about to write into. */
  readonly #pendingWrites = new Map<ClassicGroup, number>();
  /** Last group record successfully written per group: what a compaction rewrites. */
  readonly #persisted = new Map<ClassicGroup, StoredGroup>();
  #state: PartitionState = 'unloaded';
  #epoch = 0;
  #loading: Promise<number> | null = null;
  /** Offsets of open transactions (TxnOffsetCommit), applied at their COMMIT marker. */
  #txnOffsets = new PendingTxnOffsets();
  /** Markers told while loading: settled once the replay is in (a second settle of one is a no-op). */
  #markersWhileLoading: { producerId: number; commit: boolean }[] = [];
  /** Batch offsets of a partition without a log (tests of the state machine): writes in order. */
  #memoryOffset = 0;

  constructor(options: GroupMetadataManagerOptions) {
    this.partition = options.partition;
    this.#config = options.config;
    this.#clock = options.clock;
    this.#log = options.log;
    this.#logger = options.logger;
    this.membership = new GroupMembership({
      config: options.config,
      clock: options.clock,
      newMemberId: options.newMemberId,
      logger: options.logger,
      writer: this,
    });
    this.offsets = new GroupOffsets(options.config, options.clock, this);
  }

  get state(): PartitionState {
    return this.#state;
  }

  /** Groups held now (Dead ones included until their tombstone is written). */
  get size(): number {
    return this.#groups.size;
  }

  /** NONE when requests for this partition's groups may be served, else the code to answer them. */
  get servingError(): number {
    switch (this.#state) {
      case 'active':
        return ErrorCode.NONE;
      case 'loading':
        return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
      default:
        return ErrorCode.NOT_COORDINATOR;
    }
  }

  // ---- load / unload ----

  /**
   * Kafka's onElection: replays the partition into a fresh cache, then serves it. Marks the partition loading
   * at once (before the first await). Resolves with the storage error that stopped the replay (the partition
   * then stays loading), or NONE. Loading an active or loading partition is a no-op.
   */
  load(): Promise<number> {
    if (this.#state === 'active') return Promise.resolve(ErrorCode.NONE);
    if (this.#loading !== null) return this.#loading;
    this.#state = 'loading';
    const epoch = ++this.#epoch;
    const done = this.#replayLog(epoch).finally(() => {
      if (this.#epoch === epoch) this.#loading = null;
    });
    this.#loading = done;
    return done;
  }

  async #replayLog(epoch: number): Promise<number> {
    const loaded = new Map<string, LoadedGroup>();
    const pending = new PendingTxnOffsets();
    if (this.#log !== null) {
      const code = await this.#log.loadPartition(
        this.partition,
        (r, producerId, batchOffset) => {
          if (r.kind === 'offset' && r.value !== null) markAppended(r.value, batchOffset);
          if (producerId < 0) replay(loaded, r);
          else if (r.kind === 'offset') pending.add(producerId, r.groupId, r.topic, r.partition, r.value);
        },
        (producerId, commit) => {
          const settled = pending.settle(producerId);
          if (commit && settled !== null) replayCommitted(loaded, settled);
        },
      );
      if (this.#epoch !== epoch) return ErrorCode.NONE;
      if (code !== ErrorCode.NONE) {
        this.#logger?.warn(
          `loading __consumer_offsets-${this.partition} failed with ${errorName(code)} (error code ${code})`,
        );
        return code;
      }
    }
    this.#materialize(loaded);
    this.#txnOffsets = pending;
    this.#state = 'active';
    const markers = this.#markersWhileLoading;
    this.#markersWhileLoading = [];
    for (const m of markers) this.onTxnMarker(m.producerId, m.commit);
    return ErrorCode.NONE;
  }

  /**
   * Kafka's onResignation: stops serving the partition and forgets its groups. Parked requests are answered
   * `errorCode` (NOT_COORDINATOR: the client looks for the coordinator again) and every timer is cancelled.
   */
  unload(errorCode: number = ErrorCode.NOT_COORDINATOR): void {
    this.#epoch++;
    this.#loading = null;
    this.#state = 'unloaded';
    for (const group of this.#groups.values()) group.abandon(errorCode);
    this.#groups.clear();
    this.#pendingWrites.clear();
    this.#persisted.clear();
    this.#txnOffsets = new PendingTxnOffsets();
    this.#markersWhileLoading = [];
  }

  // ---- transactional offsets ----

  /** Offsets pending in open transactions. */
  get txnOffsets(): PendingTxnOffsets {
    return this.#txnOffsets;
  }

  /**
   * TxnOffsetCommit: the offsets as a transactional batch of the producer; pending once written. Resolves
   * with the storage error, `guard`'s refusal, or NONE.
   */
  async writeTxnOffsets(
    group: ClassicGroup,
    producerId: number,
    producerEpoch: number,
    records: OffsetsRecord[],
    guard?: () => number,
  ): Promise<number> {
    if (this.#state !== 'active') return ErrorCode.NOT_COORDINATOR;
    const pending = this.#txnOffsets;
    let baseSequence = pending.nextSequence(producerId, producerEpoch);
    if (baseSequence === null && this.#log !== null) {
      const epoch = this.#epoch;
      const inLog = await this.#log.producerSequence(this.partition, producerId);
      if (this.#epoch !== epoch) return ErrorCode.NOT_COORDINATOR;
      if (inLog === null || inLog.producerEpoch < producerEpoch)
        pending.setSequence(producerId, producerEpoch, -1);
      else pending.setSequence(producerId, inLog.producerEpoch, inLog.lastSequence);
      baseSequence = pending.nextSequence(producerId, producerEpoch);
    }
    // An epoch older than the log's: the storage refuses it as fenced.
    const txn: TxnProducer = { producerId, producerEpoch, baseSequence: baseSequence ?? 0 };
    // Reserved now: a second commit of the producer queued behind this one takes the sequences after it.
    pending.advance(producerId, producerEpoch, txn.baseSequence, records.length);
    const apply = () => {
      for (const r of records) {
        if (r.kind === 'offset') pending.add(producerId, r.groupId, r.topic, r.partition, r.value);
      }
    };
    if (this.#log === null) {
      for (const r of records)
        if (r.kind === 'offset' && r.value !== null) markAppended(r.value, this.#memoryOffset);
      this.#memoryOffset++;
      apply();
      return ErrorCode.NONE;
    }
    const code = await this.write(group, records, apply, txn, guard);
    if (code !== ErrorCode.NONE && this.#txnOffsets === pending) pending.forgetSequence(producerId);
    return code;
  }

  /**
   * A transaction marker reached this partition: a COMMIT makes the producer's pending offsets the groups'
   * committed offsets, an ABORT drops them.
   */
  onTxnMarker(producerId: number, commit: boolean): void {
    if (this.#state === 'loading') {
      this.#markersWhileLoading.push({ producerId, commit });
      return;
    }
    if (this.#state !== 'active') return;
    const settled = this.#txnOffsets.settle(producerId);
    if (!commit || settled === null) return;
    for (const [groupId, offsets] of settled) {
      const group = this.getGroup(groupId) ?? this.addGroup(groupId);
      for (const [key, value] of offsets) {
        const [topic, partition] = parseOffsetKey(key);
        if (txnOffsetWins(group.getOffset(topic, partition), value)) group.setOffset(topic, partition, value);
      }
    }
  }

  #materialize(loaded: Map<string, LoadedGroup>): void {
    const now = this.#clock.now();
    for (const [groupId, entry] of loaded) {
      if (entry.group === null && entry.offsets.size === 0) continue;
      const group = this.addGroup(groupId);
      for (const [key, value] of entry.offsets) {
        const [topic, partition] = JSON.parse(key) as [string, number];
        group.setOffset(topic, partition, value);
      }
      const stored = entry.group;
      if (stored === null) continue;
      this.#persisted.set(group, stored);
      group.protocolType = stored.protocolType.length > 0 ? stored.protocolType : null;
      group.generationId = stored.generationId;
      group.protocolName = stored.protocolName;
      for (const sm of stored.members) {
        const member = new GroupMember({
          memberId: sm.memberId,
          groupInstanceId: sm.groupInstanceId,
          clientId: sm.clientId,
          clientHost: sm.clientHost,
          rebalanceTimeoutMs: sm.rebalanceTimeoutMs,
          sessionTimeoutMs: sm.sessionTimeoutMs,
          protocolType: stored.protocolType,
          protocols: [{ name: stored.protocolName ?? '', metadata: sm.subscription }],
        });
        member.assignment = sm.assignment;
        group.add(member);
      }
      group.protocolType = stored.protocolType.length > 0 ? stored.protocolType : null;
      group.leaderId =
        stored.leaderId !== null && group.members.has(stored.leaderId) ? stored.leaderId : group.leaderId;
      this.membership.resume(group);
      group.currentStateTimestamp = stored.currentStateTimestamp >= 0 ? stored.currentStateTimestamp : now;
    }
  }

  // ---- the cache ----

  getGroup(groupId: string): ClassicGroup | undefined {
    return this.#groups.get(groupId);
  }

  /** A new Empty group in the cache (the caller has checked the coordinator-wide group limit). */
  addGroup(groupId: string): ClassicGroup {
    const group = new ClassicGroup(groupId, this.#clock.now());
    this.#groups.set(groupId, group);
    return group;
  }

  groups(): IterableIterator<ClassicGroup> {
    return this.#groups.values();
  }

  // ---- writes ----

  writeGroup(group: ClassicGroup): Promise<number> {
    const stored = storedGroup(group);
    return this.write(group, [{ kind: 'group', groupId: group.groupId, value: stored }], () => {
      this.#persisted.set(group, stored);
    });
  }

  /**
   * Appends the group's records; `apply` updates the cache once they are stored (and only then). Each offset
   * value is marked with its batch's offset first (which of a plain and a transactional commit came later).
   */
  write(
    group: ClassicGroup,
    records: OffsetsRecord[],
    apply: () => void,
    txn?: TxnProducer,
    guard?: () => number,
  ): Promise<number> {
    if (this.#state !== 'active') return Promise.resolve(ErrorCode.NOT_COORDINATOR);
    const mark = (batchOffset: number) => {
      for (const r of records)
        if (r.kind === 'offset' && r.value !== null) markAppended(r.value, batchOffset);
    };
    if (this.#log === null) {
      mark(this.#memoryOffset++);
      apply();
      return Promise.resolve(ErrorCode.NONE);
    }
    const epoch = this.#epoch;
    this.#pendingWrites.set(group, (this.#pendingWrites.get(group) ?? 0) + 1);
    // Stored after an unload: the records are in the log for the next replay, the old cache is gone.
    const applyIfCurrent = (batchOffset: number) => {
      if (this.#epoch !== epoch) return;
      mark(batchOffset);
      apply();
    };
    return this.#log.write(group.groupId, records, applyIfCurrent, txn, guard).then((code) => {
      if (this.#epoch !== epoch) return code;
      const n = (this.#pendingWrites.get(group) ?? 1) - 1;
      if (n === 0) this.#pendingWrites.delete(group);
      else this.#pendingWrites.set(group, n);
      return code;
    });
  }

  /** Marks the group Dead at once (new requests see it gone), tombstones it and its offsets, then forgets it. */
  deleteGroup(group: ClassicGroup): Promise<number> {
    group.transitionTo(GroupState.DEAD, this.#clock.now());
    for (const t of group.pendingMembers.values()) t.cancel();
    group.pendingMembers.clear();
    group.joinTimer?.cancel();
    group.syncTimer?.cancel();
    const records: OffsetsRecord[] = [];
    for (const [topic, byPartition] of group.offsets) {
      for (const partition of byPartition.keys()) {
        records.push({ kind: 'offset', groupId: group.groupId, topic, partition, value: null });
      }
    }
    const forget = () => {
      if (this.#groups.get(group.groupId) === group) this.#groups.delete(group.groupId);
      this.#persisted.delete(group);
    };
    // A group never written (say, one a failed JoinGroup created) leaves nothing to tombstone.
    if (records.length === 0 && !this.#persisted.has(group)) {
      forget();
      return Promise.resolve(ErrorCode.NONE);
    }
    records.push({ kind: 'group', groupId: group.groupId, value: null });
    return this.write(group, records, forget).then((code) => {
      // Forgotten either way: a failed tombstone only means the group may come back after a restart.
      forget();
      return code;
    });
  }

  // ---- retention and compaction ----

  /**
   * Expires old offsets (Kafka's rules: in an empty group every offset once the group has been empty for the
   * retention, or by commit time for groups that never had members; in a consumer group the offsets of topics
   * nobody subscribes to anymore), forgets empty groups left without offsets, then compacts the partition.
   * Resolves with the number of offsets expired.
   */
  async runRetention(): Promise<number> {
    if (this.#state !== 'active') return 0;
    const now = this.#clock.now();
    const retention = this.#config.offsetsRetentionMs;
    const writes: Promise<unknown>[] = [];
    let expired = 0;
    for (const group of [...this.#groups.values()]) {
      if ((this.#pendingWrites.get(group) ?? 0) > 0 || group.is(GroupState.DEAD)) continue;
      const empty = group.is(GroupState.EMPTY);
      const consumerGroup = group.protocolType === CONSUMER_PROTOCOL_TYPE && group.subscribedTopics !== null;
      const records: OffsetsRecord[] = [];
      if (empty || consumerGroup) {
        for (const [topic, byPartition] of group.offsets) {
          if (!empty && group.isSubscribedToTopic(topic)) continue;
          for (const [partition, o] of byPartition) {
            let due: boolean;
            if (o.expireTimestamp >= 0) due = now >= o.expireTimestamp;
            else if (empty && group.protocolType !== null)
              due = now - group.currentStateTimestamp >= retention;
            else due = now - o.commitTimestamp >= retention;
            if (due) records.push({ kind: 'offset', groupId: group.groupId, topic, partition, value: null });
          }
        }
      }
      expired += records.length;
      const forgettable = () => empty && group.offsetCount === 0 && group.pendingMembers.size === 0;
      if (records.length > 0) {
        writes.push(
          this.write(group, records, () => {
            for (const r of records) if (r.kind === 'offset') group.deleteOffset(r.topic, r.partition);
          }).then(() => {
            if (forgettable() && group.is(GroupState.EMPTY)) return this.deleteGroup(group);
            return ErrorCode.NONE;
          }),
        );
      } else if (forgettable()) {
        writes.push(this.deleteGroup(group));
      }
    }
    await Promise.all(writes);
    await this.#maybeCompact();
    return expired;
  }

  async #maybeCompact(): Promise<void> {
    const log = this.#log;
    // A rewrite would delete the transactional batches of open transactions before their markers.
    if (log === null || this.#state !== 'active' || this.#txnOffsets.producerCount > 0) return;
    const p = this.partition;
    const inLog = log.recordsInLog(p);
    if (inLog === 0) return;
    let live = 0;
    for (const g of this.#groups.values()) live += g.offsetCount + (this.#persisted.has(g) ? 1 : 0);
    const bloated = inLog > Math.max(this.#config.offsetsCompactionMinRecords, 2 * live);
    const old = this.#clock.now() - log.lastCompactedAt(p) >= this.#config.offsetsSnapshotIntervalMs;
    if (!bloated && !old) return;
    const epoch = this.#epoch;
    // An unload meanwhile leaves the log as it is: the new owner's replay must not see a half-empty rewrite.
    const code = await log.compact(p, () => (this.#epoch === epoch ? this.#liveRecords() : null));
    if (code !== ErrorCode.NONE)
      this.#logger?.warn(
        `compacting __consumer_offsets-${p} failed with ${errorName(code)} (error code ${code})`,
      );
  }

  #liveRecords(): OffsetsRecord[] {
    const out: OffsetsRecord[] = [];
    for (const g of this.#groups.values()) {
      if (g.is(GroupState.DEAD)) continue;
      const stored = this.#persisted.get(g);
      if (stored !== undefined) out.push({ kind: 'group', groupId: g.groupId, value: stored });
      for (const [topic, byPartition] of g.offsets) {
        for (const [p, value] of byPartition)
          out.push({ kind: 'offset', groupId: g.groupId, topic, partition: p, value });
      }
    }
    return out;
  }
}

/** The group record of the current generation: what a replay restores. */
function storedGroup(group: ClassicGroup): StoredGroup {
  const protocol = group.protocolName ?? '';
  return {
    protocolType: group.protocolType ?? '',
    generationId: group.generationId,
    protocolName: group.protocolName,
    leaderId: group.leaderId,
    currentStateTimestamp: group.currentStateTimestamp,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      sessionTimeoutMs: m.sessionTimeoutMs,
      subscription: m.metadataFor(protocol),
      assignment: m.assignment,
    })),
  };
}

/**
 * Offsets of a transaction whose COMMIT marker the replay met: committed from there on, unless a plain
 * commit of the same partition was appended after them (txnOffsetWins).
 */
function replayCommitted(loaded: Map<string, LoadedGroup>, settled: PendingByGroup): void {
  for (const [groupId, offsets] of settled) {
    for (const [key, value] of offsets) {
      const [topic, partition] = parseOffsetKey(key);
      const current = loaded.get(groupId)?.offsets.get(key);
      if (txnOffsetWins(current, value)) replay(loaded, { kind: 'offset', groupId, topic, partition, value });
    }
  }
}

/** Applies one replayed record: the last value of each key wins, a null value (tombstone) removes it. */
function replay(loaded: Map<string, LoadedGroup>, r: OffsetsRecord): void {
  let entry = loaded.get(r.groupId);
  if (entry === undefined) {
    entry = { group: null, offsets: new Map() };
    loaded.set(r.groupId, entry);
  }
  if (r.kind === 'group') {
    entry.group = r.value;
    return;
  }
  const key = JSON.stringify([r.topic, r.partition]);
  if (r.value === null) entry.offsets.delete(key);
  else entry.offsets.set(key, r.value);
}
