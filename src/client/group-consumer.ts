// A consumer-group member (Kafka's classic group protocol). Fetching is the plain Consumer's, over
// the partitions the group gives this member; this file is the membership around it:
//
//   join    FindCoordinator, JoinGroup (again with the id MEMBER_ID_REQUIRED hands out), the leader
//           runs the chosen assignor over every member's subscription, SyncGroup, then OffsetFetch for
//           new partitions (resume after the last commit, else autoOffsetReset)
//   stable  Heartbeat every heartbeatIntervalMs: REBALANCE_IN_PROGRESS rejoins; UNKNOWN_MEMBER_ID and
//           ILLEGAL_GENERATION (or no good heartbeat for a session timeout) mean the partitions are
//           lost: no commit, onPartitionsLost, rejoin
//   commit  OffsetCommit with generation and member id: every autoCommitIntervalMs, before partitions
//           are revoked, on close, or commit()
//
// Rebalance protocol: the one of the assignor the group chose. Eager (range, roundrobin): everything is
// revoked before rejoining. Cooperative (cooperative-sticky): members keep processing during the
// rebalance and give up only what moves, after which they rejoin so it can be assigned. If a group
// switches from cooperative to eager (an eager-only member joins), partitions are revoked once the
// JoinGroup answer says so, without a commit (the group is mid-rebalance), so records processed since
// the commit made before rejoining are delivered again: at-least-once, as always.
//
// "Processed" means: run() handlers returned for the record (or batch); with the async iterator, the
// record before the one being asked for. Revocation waits for the run() handler in progress.
import type { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import { HeartbeatApi, JoinGroupApi, LeaveGroupApi, SyncGroupApi } from '../protocol/generated/api-keys.js';
import { createJoinGroupRequest, type JoinGroupResponse } from '../protocol/generated/join-group.js';
import { createLeaveGroupRequest } from '../protocol/generated/leave-group.js';
import { createSyncGroupRequest } from '../protocol/generated/sync-group.js';
import { type Assignor, type AssignorName, BUILTIN_ASSIGNORS, type GroupMember } from './assignors.js';
import { type Cluster, sleep } from './cluster.js';
import {
  Consumer,
  type ConsumerBatch,
  type ConsumerCrash,
  type ConsumerOptions,
  type EachBatch,
  type TopicPartition,
} from './consumer.js';
import {
  CONSUMER_PROTOCOL_TYPE,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
} from './consumer-protocol.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';
import { CoordinatorLink, isCoordinatorGone, type OffsetToCommit } from './group-coordinator.js';
import type { ConsumerRecord } from './record-reader.js';
import type { ConsumerGroupMetadata } from './transactions.js';

export interface RebalanceListener {
  /** After a rebalance: the partitions added to this member (all of them under an eager protocol). */
  onPartitionsAssigned?(partitions: TopicPartition[]): void | Promise<void>;
  /** Partitions given up in order; offsets were committed first when autoCommit is on. */
  onPartitionsRevoked?(partitions: TopicPartition[]): void | Promise<void>;
  /** Partitions another member may already own (membership lost): no commit was possible. */
  onPartitionsLost?(partitions: TopicPartition[]): void | Promise<void>;
}

export interface GroupConsumerOptions extends ConsumerOptions {
  groupId: string;
  /** Static membership (KIP-345): a restart within the session timeout keeps the assignment. */
  groupInstanceId?: string;
  /** Without a heartbeat for this long the coordinator drops the member. Default 10000 (Kafka: 45000). */
  sessionTimeoutMs?: number;
  /** How long the coordinator waits for members to rejoin in a rebalance. Default 60000. */
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  autoCommit?: boolean;
  autoCommitIntervalMs?: number;
  /** Preference order; the group uses the first one every member offers. */
  assignors?: (AssignorName | Assignor)[];
  /** How often regex subscriptions (and, on the leader, partition counts) are checked. Default 30000. */
  metadataRefreshMs?: number;
  rackId?: string;
}

export type EachMessage = (record: ConsumerRecord) => void | Promise<void>;

const GROUP_DEFAULTS = {
  sessionTimeoutMs: 10_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3000,
  autoCommitIntervalMs: 5000,
  metadataRefreshMs: 30_000,
} as const;

const DEFAULT_ASSIGNORS: AssignorName[] = ['cooperative-sticky', 'range', 'roundrobin'];

/** Errors that end the member for good (run() rejects with them). */
const FATAL_JOIN_ERRORS: ReadonlySet<number> = new Set([
  ErrorCode.INCONSISTENT_GROUP_PROTOCOL,
  ErrorCode.INVALID_SESSION_TIMEOUT,
  ErrorCode.INVALID_GROUP_ID,
  ErrorCode.GROUP_AUTHORIZATION_FAILED,
  ErrorCode.GROUP_MAX_SIZE_REACHED,
  ErrorCode.FENCED_INSTANCE_ID,
  ErrorCode.UNSUPPORTED_VERSION,
]);

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

type State = 'unjoined' | 'joining' | 'stable';

/**
 * Events: 'error' (a KafkaError) when a failure is surfaced: owned partitions or the coordinator unreachable
 * for brokerUnavailableTimeoutMs (retriable; the member keeps trying in the background), or a fatal group
 * error; 'crash' (ConsumerCrash: error, groupId, restart) when run() rejects. Neither throws without a
 * listener.
 */
export class GroupConsumer extends EventEmitter {
  readonly groupId: string;
  readonly #groupInstanceId: string | null;
  readonly #sessionTimeoutMs: number;
  readonly #rebalanceTimeoutMs: number;
  readonly #heartbeatIntervalMs: number;
  readonly #autoCommit: boolean;
  readonly #autoCommitIntervalMs: number;
  readonly #metadataRefreshMs: number;
  readonly #rackId: string | null;
  readonly #unavailableTimeoutMs: number;
  /** Since when join rounds have failed in a row (-1: the last one did not fail). */
  #joinFailingSince = -1;
  readonly #assignors: Assignor[];
  readonly #meta: Cluster;
  readonly #coordCluster: Cluster;
  readonly #link: CoordinatorLink;
  readonly #fetcher: Consumer;

  #topics: string[] = [];
  #pattern: RegExp | null = null;
  #listener: RebalanceListener = {};

  #memberId = '';
  #generationId = -1;
  #protocol: Assignor | null = null;
  #isLeader = false;
  /** Partition counts the leader assigned from; a change means a new rebalance. */
  #leaderSnapshot: Map<string, number> | null = null;
  #state: State = 'unjoined';
  #rejoinNeeded = false;
  /** Membership was lost: the next join first drops everything owned (onPartitionsLost). */
  #lost = false;

  readonly #owned = new Map<string, TopicPartition>();
  readonly #pausedKeys = new Set<string>();
  /** Next offset to process per owned partition (-1: not known yet); what a commit sends. */
  readonly #next = new Map<string, number>();
  readonly #committed = new Map<string, number>();

  #loop: Promise<void> | null = null;
  #wakeLoop: (() => void) | null = null;
  #heartbeatTimer: NodeJS.Timeout | null = null;
  #autoCommitTimer: NodeJS.Timeout | null = null;
  #refreshTimer: NodeJS.Timeout | null = null;
  #lastHeartbeatOk = 0;
  #commitChain: Promise<void> = Promise.resolve();
  /** Held by a run() handler, and by revocation, which must not run in the middle of one. */
  #lock: Promise<void> = Promise.resolve();
  #inHandler = false;
  #inJoin = false;
  #running = false;
  #fatal: Error | null = null;
  #closing = false;
  #closed = false;

  /** `newCluster` makes the three clusters used: fetch, metadata + coordinator lookup, coordinator. */
  constructor(newCluster: () => Cluster, opts: GroupConsumerOptions) {
    super();
    if (typeof opts.groupId !== 'string' || opts.groupId.length === 0)
      throw new ClientError('groupId must be a non-empty string');
    this.groupId = opts.groupId;
    this.#groupInstanceId = opts.groupInstanceId ?? null;
    this.#sessionTimeoutMs = opts.sessionTimeoutMs ?? GROUP_DEFAULTS.sessionTimeoutMs;
    this.#rebalanceTimeoutMs = opts.rebalanceTimeoutMs ?? GROUP_DEFAULTS.rebalanceTimeoutMs;
    this.#heartbeatIntervalMs =
      opts.heartbeatIntervalMs ??
      Math.min(GROUP_DEFAULTS.heartbeatIntervalMs, Math.floor(this.#sessionTimeoutMs / 3));
    if (this.#heartbeatIntervalMs >= this.#sessionTimeoutMs)
      throw new ClientError('heartbeatIntervalMs must be lower than sessionTimeoutMs');
    this.#autoCommit = opts.autoCommit ?? true;
    this.#autoCommitIntervalMs = opts.autoCommitIntervalMs ?? GROUP_DEFAULTS.autoCommitIntervalMs;
    this.#metadataRefreshMs = opts.metadataRefreshMs ?? GROUP_DEFAULTS.metadataRefreshMs;
    this.#rackId = opts.rackId ?? null;
    const names = opts.assignors ?? DEFAULT_ASSIGNORS;
    if (names.length === 0) throw new ClientError('assignors must name at least one assignor');
    this.#assignors = names.map((a) => {
      if (typeof a !== 'string') return a;
      const found = BUILTIN_ASSIGNORS.get(a);
      if (found === undefined) throw new ClientError(`unknown assignor ${a}`);
      return found;
    });
    this.#fetcher = new Consumer(newCluster(), opts);
    this.#unavailableTimeoutMs = opts.brokerUnavailableTimeoutMs ?? 30_000;
    this.#fetcher.on('error', (err: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', err);
    });
    this.#meta = newCluster();
    this.#coordCluster = newCluster();
    this.#link = new CoordinatorLink(this.#meta, this.#coordCluster, this.groupId);
  }

  /**
   * Topics to consume, or a pattern matched against every (non-internal) topic in metadata, checked
   * again every metadataRefreshMs. Joins the group (or rejoins with the new subscription).
   */
  subscribe(topics: readonly string[] | RegExp, listener?: RebalanceListener): void {
    this.#checkOpen();
    if (topics instanceof RegExp) {
      // No global/sticky flags: test() would then depend on the previous call.
      this.#pattern = new RegExp(topics.source, topics.flags.replace(/[gy]/g, ''));
      this.#topics = [];
    } else {
      if (topics.length === 0) throw new ClientError('subscribe needs at least one topic');
      this.#pattern = null;
      this.#topics = [...new Set(topics)].sort();
    }
    if (listener !== undefined) this.#listener = listener;
    this.#requestRejoin();
    if (this.#loop === null) this.#start();
  }

  /** Partitions this member owns now. */
  assignment(): TopicPartition[] {
    return [...this.#owned.values()];
  }

  get generation(): { generationId: number; memberId: string; protocol: string | null; leader: boolean } {
    return {
      generationId: this.#generationId,
      memberId: this.#memberId,
      protocol: this.#protocol?.name ?? null,
      leader: this.#isLeader,
    };
  }

  /**
   * What a transactional producer's sendOffsets() needs to commit for this member (Kafka's
   * groupMetadata()): a member fenced by a rebalance cannot commit a transaction's offsets.
   */
  groupMetadata(): ConsumerGroupMetadata {
    return {
      groupId: this.groupId,
      generationId: this.#generationId,
      memberId: this.#memberId,
      groupInstanceId: this.#groupInstanceId,
    };
  }

  /** Stops fetching these partitions (they stay assigned); resume() continues where processing stopped. */
  pause(tps: readonly TopicPartition[]): void {
    for (const tp of tps) {
      const k = key(tp.topic, tp.partition);
      if (!this.#owned.has(k) || this.#pausedKeys.has(k)) continue;
      if ((this.#next.get(k) ?? -1) < 0) this.#next.set(k, this.#fetcherPosition(tp));
      this.#pausedKeys.add(k);
    }
    this.#updateFetcher();
  }

  resume(tps: readonly TopicPartition[]): void {
    for (const tp of tps) this.#pausedKeys.delete(key(tp.topic, tp.partition));
    this.#updateFetcher();
  }

  paused(): TopicPartition[] {
    return [...this.#pausedKeys].map((k) => this.#owned.get(k)).filter((tp) => tp !== undefined);
  }

  /** Calls the handler for every batch (or record) until close(), a fatal group error, or a throw. */
  async run(handlers: { eachBatch?: EachBatch; eachMessage?: EachMessage }): Promise<void> {
    const { eachBatch, eachMessage } = handlers;
    if (eachBatch === undefined && eachMessage === undefined)
      throw new ClientError('run() needs eachBatch or eachMessage');
    if (this.#running) throw new ClientError('the consumer is already running');
    this.#running = true;
    try {
      for (;;) {
        const b = await this.#nextBatch();
        if (b === null) return;
        await this.#withLock(async () => {
          if (!this.#isCurrent(b.topic, b.partition)) return;
          this.#handOut(b.topic, b.partition, b.records[0]!.offset);
          const k = key(b.topic, b.partition);
          this.#inHandler = true;
          try {
            if (eachBatch !== undefined) {
              await eachBatch(b);
              if (this.#isCurrent(b.topic, b.partition)) this.#next.set(k, b.records.at(-1)!.offset + 1);
            } else {
              for (const r of b.records) {
                if (!this.#isCurrent(b.topic, b.partition)) break;
                await eachMessage!(r);
                if (this.#owned.has(k)) this.#next.set(k, r.offset + 1);
              }
            }
          } catch (err) {
            // Whatever was fetched past the failure must be fetched again if run() is called again.
            const at = this.#next.get(k) ?? -1;
            if (at >= 0 && this.#isCurrent(b.topic, b.partition)) this.#fetcher.seek(b, at);
            throw err;
          } finally {
            this.#inHandler = false;
          }
        });
      }
    } catch (err) {
      const crash: ConsumerCrash = {
        error: err as Error,
        groupId: this.groupId,
        restart: this.#fatal === null && err instanceof KafkaError && err.retriable,
      };
      this.emit('crash', crash);
      throw err;
    } finally {
      this.#running = false;
    }
  }

  /** Records one at a time; a record counts as processed when the next one is asked for. */
  [Symbol.asyncIterator](): AsyncIterator<ConsumerRecord> {
    let batch: ConsumerBatch | null = null;
    let i = 0;
    let prev: ConsumerRecord | null = null;
    const done = () => {
      if (prev !== null && this.#owned.has(key(prev.topic, prev.partition)) && !this.#lost)
        this.#next.set(key(prev.topic, prev.partition), prev.offset + 1);
      prev = null;
    };
    return {
      next: async (): Promise<IteratorResult<ConsumerRecord>> => {
        done();
        for (;;) {
          if (batch !== null && i < batch.records.length && this.#isCurrent(batch.topic, batch.partition)) {
            const r = batch.records[i++]!;
            this.#handOut(r.topic, r.partition, r.offset);
            prev = r;
            return { done: false, value: r };
          }
          batch = await this.#nextBatch();
          i = 0;
          if (batch === null) return { done: true, value: undefined };
        }
      },
      return: async (): Promise<IteratorResult<ConsumerRecord>> => {
        done();
        return { done: true, value: undefined };
      },
    };
  }

  /**
   * Commits `offsets` (each the next offset to read), or else the processed position of every owned
   * partition. Fails with REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION or UNKNOWN_MEMBER_ID when the
   * member is not in a stable generation (those also make it rejoin).
   */
  async commit(offsets?: readonly OffsetToCommit[]): Promise<void> {
    this.#checkOpen();
    await this.#commitOffsets(offsets ?? this.#consumedOffsets(null));
  }

  /**
   * Commits if autoCommit (after the handler in progress returns), calls onPartitionsRevoked, leaves
   * the group (a static member stays until its session times out, as in Kafka) and closes connections.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    this.#stopTimers();
    this.#wakeLoop?.();
    await this.#fetcher.close();
    if (!this.#inHandler) await this.#withLock(async () => {});
    if (this.#state === 'stable' && !this.#lost && this.#generationId >= 0) {
      if (this.#autoCommit) {
        await this.#commitOffsets(this.#consumedOffsets(null)).catch((err) =>
          this.#meta.logger.warn(`group ${this.groupId}: commit on close failed: ${err}`),
        );
      }
      await this.#callListener('onPartitionsRevoked', this.assignment());
    } else if (this.#lost) {
      await this.#callListener('onPartitionsLost', this.assignment());
    }
    this.#owned.clear();
    if (this.#memberId !== '' && this.#groupInstanceId === null) await this.#leaveGroup();
    this.#coordCluster.close();
    this.#meta.close();
    await this.#loop?.catch(() => {});
    this.#closed = true;
  }

  // --- fetching -----------------------------------------------------------------------------------

  async #nextBatch(): Promise<ConsumerBatch | null> {
    for (;;) {
      if (this.#fatal !== null) throw this.#fatal;
      if (this.#closing) return null;
      const b = await this.#fetcher.nextBatch();
      if (b === null) {
        if (this.#fatal !== null) throw this.#fatal;
        return null;
      }
      if (this.#isCurrent(b.topic, b.partition)) return b;
    }
  }

  #isCurrent(topic: string, partition: number): boolean {
    const k = key(topic, partition);
    return this.#owned.has(k) && !this.#pausedKeys.has(k) && !this.#lost && !this.#closing;
  }

  /** Before a record reaches the application: a commit must not pass it before it is processed. */
  #handOut(topic: string, partition: number, offset: number): void {
    const k = key(topic, partition);
    if ((this.#next.get(k) ?? -1) < 0) this.#next.set(k, offset);
  }

  #fetcherPosition(tp: TopicPartition): number {
    return this.#fetcher.assignment().some((a) => a.topic === tp.topic && a.partition === tp.partition)
      ? this.#fetcher.position(tp)
      : -1;
  }

  /** Fetches owned, unpaused partitions; ones new to the fetcher start at their next offset if known. */
  #updateFetcher(): void {
    if (this.#closing) return;
    const before = new Set(this.#fetcher.assignment().map((tp) => key(tp.topic, tp.partition)));
    const active = [...this.#owned].filter(([k]) => !this.#pausedKeys.has(k)).map(([, tp]) => tp);
    this.#fetcher.assign(active);
    for (const tp of active) {
      const k = key(tp.topic, tp.partition);
      const at = this.#next.get(k) ?? -1;
      if (!before.has(k) && at >= 0) this.#fetcher.seek(tp, at);
    }
  }

  async #withLock<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.#lock;
    let release!: () => void;
    this.#lock = new Promise<void>((r) => {
      release = r;
    });
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  // --- membership ---------------------------------------------------------------------------------

  #start(): void {
    this.#loop = this.#groupLoop();
    this.#autoCommitTimer = this.#autoCommit
      ? setInterval(() => this.#autoCommitTick(), this.#autoCommitIntervalMs)
      : null;
    this.#refreshTimer = setInterval(() => {
      this.#checkMetadata().catch((err) => this.#meta.logger.debug(`group ${this.groupId}: ${err}`));
    }, this.#metadataRefreshMs);
  }

  #requestRejoin(): void {
    this.#rejoinNeeded = true;
    const w = this.#wakeLoop;
    this.#wakeLoop = null;
    w?.();
  }

  async #groupLoop(): Promise<void> {
    while (!this.#closing) {
      if (this.#state !== 'stable' || this.#rejoinNeeded || this.#lost) {
        try {
          await this.#joinGroup();
          this.#joinFailingSince = -1;
        } catch (err) {
          if (this.#closing) break;
          const code = err instanceof KafkaError ? err.code : -1;
          if (FATAL_JOIN_ERRORS.has(code) || !(err instanceof KafkaError)) {
            this.#fail(err as Error);
            return;
          }
          this.#meta.logger.info(`group ${this.groupId}: rebalance failed, retrying: ${err}`);
          const now = Date.now();
          if (this.#joinFailingSince < 0) this.#joinFailingSince = now;
          if (now - this.#joinFailingSince >= this.#unavailableTimeoutMs) {
            // Keep trying, but tell the application: run() rejects, a new run() waits again.
            this.#joinFailingSince = now;
            this.#fetcher.surface(
              new KafkaError(
                err.code,
                `group ${this.groupId}: could not join for brokerUnavailableTimeoutMs (${this.#unavailableTimeoutMs} ms); last: ${err.message}`,
                { retriable: true },
              ),
            );
          }
          if (isCoordinatorGone(code)) this.#link.markDead(String(err));
          await sleep(this.#meta.retryBackoffMs);
        }
        continue;
      }
      await new Promise<void>((r) => {
        this.#wakeLoop = r;
      });
    }
  }

  #fail(err: Error): void {
    this.#meta.logger.error(`group ${this.groupId}: ${err.message}`);
    this.#fatal = err;
    this.#stopTimers();
    void this.#fetcher.close();
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }

  /** One JoinGroup + SyncGroup round. Returns early (rejoinNeeded set) when the round must restart. */
  async #joinGroup(): Promise<void> {
    this.#inJoin = true;
    try {
      await this.#joinRound();
    } catch (err) {
      this.#requestRejoin();
      throw err;
    } finally {
      this.#inJoin = false;
    }
  }

  async #joinRound(): Promise<void> {
    this.#rejoinNeeded = false;
    await this.#prepareJoin();
    if (this.#closing) return;
    if (this.#pattern !== null) await this.#matchPattern();
    this.#state = 'joining';
    this.#stopHeartbeat();
    const owned = this.assignment();
    const join = await this.#link.request(
      JoinGroupApi,
      createJoinGroupRequest({
        groupId: this.groupId,
        sessionTimeoutMs: this.#sessionTimeoutMs,
        rebalanceTimeoutMs: this.#rebalanceTimeoutMs,
        memberId: this.#memberId,
        groupInstanceId: this.#groupInstanceId,
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocols: this.#assignors.map((a) => ({
          name: a.name,
          metadata: encodeSubscription({
            topics: this.#topics,
            userData: a.userData?.(this.#generationId) ?? null,
            ownedPartitions: owned,
            generationId: this.#generationId,
            rackId: this.#rackId,
          }),
        })),
      }),
      { timeoutMs: this.#rebalanceTimeoutMs + this.#meta.requestTimeoutMs },
    );
    if (this.#closing) return;
    if (join.errorCode !== ErrorCode.NONE) return this.#onJoinError(join);
    this.#memberId = join.memberId;
    this.#generationId = join.generationId;
    this.#isLeader = join.leader === join.memberId;
    const assignor = this.#assignors.find((a) => a.name === join.protocolName);
    if (assignor === undefined) {
      throw new KafkaError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, `group chose ${join.protocolName}`);
    }
    this.#protocol = assignor;
    if (assignor.rebalanceProtocol === 'eager' && this.#owned.size > 0) {
      // Switched from cooperative: too late to commit (the group is mid-rebalance).
      await this.#revoke(this.assignment(), false);
    }
    const assignments = this.#isLeader ? await this.#leaderAssign(join, assignor) : [];
    const sync = await this.#link.request(
      SyncGroupApi,
      createSyncGroupRequest({
        groupId: this.groupId,
        generationId: this.#generationId,
        memberId: this.#memberId,
        groupInstanceId: this.#groupInstanceId,
        protocolType: CONSUMER_PROTOCOL_TYPE,
        protocolName: assignor.name,
        assignments,
      }),
      { timeoutMs: this.#rebalanceTimeoutMs + this.#meta.requestTimeoutMs },
    );
    if (this.#closing) return;
    if (sync.errorCode !== ErrorCode.NONE) return this.#onSyncError(sync.errorCode);
    const assigned = decodeAssignment(sync.assignment).partitions;
    this.#state = 'stable';
    this.#lastHeartbeatOk = Date.now();
    this.#scheduleHeartbeat();
    await this.#completeJoin(assignor, assigned);
  }

  #onJoinError(join: JoinGroupResponse): void {
    const code = join.errorCode;
    this.#state = 'unjoined';
    this.#rejoinNeeded = true;
    if (code === ErrorCode.MEMBER_ID_REQUIRED) {
      this.#memberId = join.memberId;
      return;
    }
    if (code === ErrorCode.UNKNOWN_MEMBER_ID || code === ErrorCode.ILLEGAL_GENERATION) {
      this.#resetGeneration(code === ErrorCode.UNKNOWN_MEMBER_ID);
      return;
    }
    throw new KafkaError(code, `JoinGroup ${this.groupId}`);
  }

  #onSyncError(code: number): void {
    this.#state = 'unjoined';
    this.#rejoinNeeded = true;
    if (code === ErrorCode.REBALANCE_IN_PROGRESS) return;
    if (code === ErrorCode.UNKNOWN_MEMBER_ID || code === ErrorCode.ILLEGAL_GENERATION) {
      this.#resetGeneration(code === ErrorCode.UNKNOWN_MEMBER_ID);
      return;
    }
    throw new KafkaError(code, `SyncGroup ${this.groupId}`);
  }

  /** Out of the generation: anything owned may be someone else's now. */
  #resetGeneration(resetMemberId: boolean): void {
    this.#generationId = -1;
    if (resetMemberId) this.#memberId = '';
    if (this.#owned.size > 0) this.#lost = true;
    this.#state = 'unjoined';
    this.#stopHeartbeat();
    this.#requestRejoin();
  }

  /** Before JoinGroup: lost partitions are dropped; otherwise commit, and revoke all when eager. */
  async #prepareJoin(): Promise<void> {
    if (this.#lost) {
      const gone = this.assignment();
      this.#lost = false;
      this.#dropOwned(gone);
      await this.#callListener('onPartitionsLost', gone);
      return;
    }
    if (this.#owned.size === 0) return;
    const eager = this.#protocol === null || this.#protocol.rebalanceProtocol === 'eager';
    if (eager) {
      await this.#revoke(this.assignment(), true);
      return;
    }
    if (this.#autoCommit) {
      await this.#commitOffsets(this.#consumedOffsets(null)).catch((err) =>
        this.#meta.logger.info(`group ${this.groupId}: commit before rejoining failed: ${err}`),
      );
    }
    const wanted = new Set(this.#topics);
    const unsubscribed = this.assignment().filter((tp) => !wanted.has(tp.topic));
    if (unsubscribed.length > 0) await this.#revoke(unsubscribed, true);
  }

  /** After SyncGroup: give up what moved (cooperative), take over what is new. */
  async #completeJoin(assignor: Assignor, assigned: TopicPartition[]): Promise<void> {
    const now = new Set(assigned.map((tp) => key(tp.topic, tp.partition)));
    const revoked = this.assignment().filter((tp) => !now.has(key(tp.topic, tp.partition)));
    if (revoked.length > 0) {
      // Eager members own nothing here; a cooperative one rejoins so the partitions can move.
      await this.#revoke(revoked, true);
      if (assignor.rebalanceProtocol === 'cooperative') this.#requestRejoin();
    }
    const added = assigned.filter((tp) => !this.#owned.has(key(tp.topic, tp.partition)));
    const offsets = await this.#link.fetchOffsets(added, Date.now() + this.#meta.requestTimeoutMs);
    if (this.#lost || this.#closing || this.#state !== 'stable') return;
    for (let i = 0; i < added.length; i++) {
      const tp = added[i]!;
      const k = key(tp.topic, tp.partition);
      this.#owned.set(k, { topic: tp.topic, partition: tp.partition });
      this.#next.set(k, offsets[i]!);
      this.#committed.set(k, offsets[i]!);
    }
    this.#updateFetcher();
    this.#meta.logger.info(
      `group ${this.groupId}: generation ${this.#generationId} (${assignor.name}) ` +
        `member ${this.#memberId} owns ${this.#owned.size} partitions`,
    );
    await this.#callListener('onPartitionsAssigned', added);
  }

  /** Waits for the handler in progress, commits (if asked and autoCommit), then gives partitions up. */
  async #revoke(tps: TopicPartition[], commit: boolean): Promise<void> {
    const run = async () => {
      if (commit && this.#autoCommit && this.#generationId >= 0) {
        await this.#commitOffsets(this.#consumedOffsets(tps)).catch((err) =>
          this.#meta.logger.info(`group ${this.groupId}: commit before revoking failed: ${err}`),
        );
      }
      this.#dropOwned(tps);
      await this.#callListener('onPartitionsRevoked', tps);
    };
    if (this.#inHandler) await run();
    else await this.#withLock(run);
  }

  #dropOwned(tps: readonly TopicPartition[]): void {
    for (const tp of tps) {
      const k = key(tp.topic, tp.partition);
      this.#owned.delete(k);
      this.#pausedKeys.delete(k);
      this.#next.delete(k);
      this.#committed.delete(k);
    }
    this.#updateFetcher();
  }

  async #leaderAssign(
    join: JoinGroupResponse,
    assignor: Assignor,
  ): Promise<{ memberId: string; assignment: Buffer }[]> {
    const members: GroupMember[] = join.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      subscription: decodeSubscription(m.metadata),
    }));
    const topics = [...new Set(members.flatMap((m) => m.subscription.topics))].sort();
    const counts = await this.#partitionCounts(topics);
    this.#leaderSnapshot = counts;
    const existing = new Map([...counts].filter(([, n]) => n > 0));
    const result = assignor.assign(members, existing);
    // Invariant: no partition goes to two members, and only existing partitions are handed out.
    const seen = new Set<string>();
    for (const list of result.values()) {
      for (const tp of list) {
        const k = key(tp.topic, tp.partition);
        if (seen.has(k) || tp.partition >= (existing.get(tp.topic) ?? 0) || tp.partition < 0)
          throw new Error(
            `assignor ${assignor.name} produced an invalid assignment at ${tp.topic}-${tp.partition}`,
          );
        seen.add(k);
      }
    }
    return members.map((m) => ({
      memberId: m.memberId,
      assignment: encodeAssignment({ partitions: result.get(m.memberId) ?? [], userData: null }),
    }));
  }

  /** Partition count per topic (0 for topics that do not exist). */
  async #partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(topics.map((t) => [t, 0]));
    if (topics.length === 0) return counts;
    const res = await this.#meta.fetchMetadata(topics, false);
    for (const t of res.topics) {
      if (t.name !== null && t.errorCode === ErrorCode.NONE) counts.set(t.name, t.partitions.length);
    }
    return counts;
  }

  async #matchPattern(): Promise<boolean> {
    const pattern = this.#pattern;
    if (pattern === null) return false;
    const res = await this.#meta.fetchMetadata(null, false);
    const topics = res.topics
      .filter(
        (t) => t.name !== null && !t.isInternal && t.errorCode === ErrorCode.NONE && pattern.test(t.name),
      )
      .map((t) => t.name!)
      .sort();
    const changed = topics.join('\u0000') !== this.#topics.join('\u0000');
    this.#topics = topics;
    return changed;
  }

  /** Periodic: new topics matching the pattern, and (leader) partition count changes, mean a rebalance. */
  async #checkMetadata(): Promise<void> {
    if (this.#state !== 'stable' || this.#closing) return;
    if (await this.#matchPattern()) {
      this.#meta.logger.info(`group ${this.groupId}: subscription now ${this.#topics.join(', ')}`);
      this.#requestRejoin();
      return;
    }
    const snapshot = this.#leaderSnapshot;
    if (!this.#isLeader || snapshot === null) return;
    const counts = await this.#partitionCounts([...snapshot.keys()]);
    for (const [t, n] of counts) {
      if (snapshot.get(t) !== n) {
        this.#meta.logger.info(`group ${this.groupId}: ${t} now has ${n} partitions, rebalancing`);
        this.#requestRejoin();
        return;
      }
    }
  }

  // --- heartbeats ---------------------------------------------------------------------------------

  #scheduleHeartbeat(): void {
    this.#stopHeartbeat();
    if (this.#state !== 'stable' || this.#closing) return;
    this.#heartbeatTimer = setTimeout(() => {
      this.#heartbeatTimer = null;
      void this.#heartbeat();
    }, this.#heartbeatIntervalMs);
  }

  #stopHeartbeat(): void {
    if (this.#heartbeatTimer !== null) clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = null;
  }

  async #heartbeat(): Promise<void> {
    const generationId = this.#generationId;
    let code: number;
    try {
      const res = await this.#link.request(HeartbeatApi, {
        groupId: this.groupId,
        generationId,
        memberId: this.#memberId,
        groupInstanceId: this.#groupInstanceId,
      });
      code = res.errorCode;
    } catch (err) {
      code = err instanceof KafkaError ? err.code : ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    if (this.#state !== 'stable' || this.#closing || generationId !== this.#generationId) return;
    const now = Date.now();
    if (code === ErrorCode.NONE || code === ErrorCode.REBALANCE_IN_PROGRESS) this.#lastHeartbeatOk = now;
    // While a join round runs (revoking before it, or taking over partitions after it) keep beating;
    // the coordinator repeats REBALANCE_IN_PROGRESS until this member rejoins.
    if (code === ErrorCode.REBALANCE_IN_PROGRESS && !this.#inJoin) {
      this.#requestRejoin();
      return;
    }
    if (code === ErrorCode.UNKNOWN_MEMBER_ID || code === ErrorCode.ILLEGAL_GENERATION) {
      this.#meta.logger.info(`group ${this.groupId}: heartbeat ${new KafkaError(code).message}, rejoining`);
      this.#resetGeneration(code === ErrorCode.UNKNOWN_MEMBER_ID);
      return;
    }
    if (code === ErrorCode.FENCED_INSTANCE_ID) {
      this.#fail(new KafkaError(code, `group ${this.groupId} instance ${this.#groupInstanceId}`));
      return;
    }
    if (isCoordinatorGone(code)) this.#link.markDead(`heartbeat: ${new KafkaError(code).message}`);
    if (now - this.#lastHeartbeatOk > this.#sessionTimeoutMs) {
      // The coordinator has most likely dropped this member; act as if it said so.
      this.#meta.logger.info(`group ${this.groupId}: no heartbeat for a session timeout, rejoining`);
      this.#resetGeneration(false);
      return;
    }
    this.#scheduleHeartbeat();
  }

  // --- commits ------------------------------------------------------------------------------------

  /** Processed positions not yet committed (of `only`, or of every owned partition). */
  #consumedOffsets(only: readonly TopicPartition[] | null): OffsetToCommit[] {
    const out: OffsetToCommit[] = [];
    for (const tp of only ?? this.#owned.values()) {
      const k = key(tp.topic, tp.partition);
      if (!this.#owned.has(k)) continue;
      let offset = this.#next.get(k) ?? -1;
      // Nothing handed out yet: the position the fetcher reset to is the one to keep.
      if (offset < 0) offset = this.#fetcherPosition(tp);
      if (offset < 0 || offset === this.#committed.get(k)) continue;
      out.push({ topic: tp.topic, partition: tp.partition, offset });
    }
    return out;
  }

  #commitOffsets(offsets: readonly OffsetToCommit[]): Promise<void> {
    const run = async () => {
      if (offsets.length === 0) return;
      if (this.#generationId < 0 || this.#memberId === '')
        throw new KafkaError(ErrorCode.REBALANCE_IN_PROGRESS, `group ${this.groupId}: not in a generation`);
      const generationId = this.#generationId;
      try {
        await this.#link.commit(
          offsets,
          { generationId, memberId: this.#memberId, groupInstanceId: this.#groupInstanceId },
          Date.now() + this.#meta.requestTimeoutMs,
        );
      } catch (err) {
        if (err instanceof KafkaError && generationId === this.#generationId) {
          if (err.code === ErrorCode.REBALANCE_IN_PROGRESS) this.#requestRejoin();
          else if (err.code === ErrorCode.UNKNOWN_MEMBER_ID || err.code === ErrorCode.ILLEGAL_GENERATION)
            this.#resetGeneration(err.code === ErrorCode.UNKNOWN_MEMBER_ID);
        }
        throw err;
      }
      for (const o of offsets) {
        const k = key(o.topic, o.partition);
        if (this.#owned.has(k)) this.#committed.set(k, o.offset);
      }
    };
    // One commit at a time, in call order: a retried older commit must never land after a newer one.
    const p = this.#commitChain.then(run);
    this.#commitChain = p.catch(() => {});
    return p;
  }

  #autoCommitTick(): void {
    if (this.#state !== 'stable' || this.#lost || this.#closing || this.#rejoinNeeded) return;
    this.#commitOffsets(this.#consumedOffsets(null)).catch((err) =>
      this.#meta.logger.info(`group ${this.groupId}: auto commit failed: ${err}`),
    );
  }

  // --- leaving ------------------------------------------------------------------------------------

  /** LeaveGroup on a connection of its own: the coordinator one may hold a pending JoinGroup. */
  async #leaveGroup(): Promise<void> {
    try {
      await this.#link.connection(Date.now() + 2000);
      const node = this.#link.node;
      if (node === null) return;
      const res = await this.#meta.connectionTo(node.host, node.port).request(
        LeaveGroupApi,
        createLeaveGroupRequest({
          groupId: this.groupId,
          memberId: this.#memberId,
          members: [{ memberId: this.#memberId, groupInstanceId: null, reason: 'consumer closed' }],
        }),
        { timeoutMs: 5000 },
      );
      const code = res.errorCode !== ErrorCode.NONE ? res.errorCode : (res.members[0]?.errorCode ?? 0);
      if (code !== ErrorCode.NONE)
        this.#meta.logger.info(`group ${this.groupId}: LeaveGroup ${new KafkaError(code).message}`);
    } catch (err) {
      this.#meta.logger.info(`group ${this.groupId}: LeaveGroup failed: ${err}`);
    }
    this.#memberId = '';
    this.#generationId = -1;
  }

  // --- misc ---------------------------------------------------------------------------------------

  #stopTimers(): void {
    this.#stopHeartbeat();
    if (this.#autoCommitTimer !== null) clearInterval(this.#autoCommitTimer);
    if (this.#refreshTimer !== null) clearInterval(this.#refreshTimer);
    this.#autoCommitTimer = null;
    this.#refreshTimer = null;
  }

  async #callListener(which: keyof RebalanceListener, tps: TopicPartition[]): Promise<void> {
    const fn = this.#listener[which];
    if (fn === undefined) return;
    try {
      await fn.call(this.#listener, tps);
    } catch (err) {
      this.#meta.logger.error(`group ${this.groupId}: ${which} threw: ${err}`);
    }
  }

  #checkOpen(): void {
    if (this.#closing || this.#closed) throw new ClientError('consumer is closed');
  }
}
