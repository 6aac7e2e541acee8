// The metadata quorum with its state: every node applies committed metadata records to its image; the node
// that leads the quorum is the active controller, which turns requests (broker registrations and
// heartbeats, topic and topic config changes, producer id blocks) into records through the pure decisions in
// controller.ts and answers each once its records are committed (validateOnly: once decided, nothing
// proposed). It also fences brokers whose session lapsed or that ask to shut down, which moves leadership
// off them, and unfences registered brokers once they have caught up with the log. Partition leaders' ISR
// changes (AlterPartition) and ElectLeaders are decided here too; every leaderImbalanceCheckIntervalMs it
// elects leaders for leaderless partitions that now have a candidate and (autoLeaderRebalance) moves
// leaders back to their preferred replicas (elections.ts).
//
// The active controller decides against a speculative image: the committed one plus every record it has
// proposed since (they commit in order or not at all). Losing leadership drops the speculation and answers
// NOT_CONTROLLER to everything still waiting. Callbacks, not promises: a simulation drives all of this from a
// ManualClock with no microtask in between.
//
// Snapshots: every node writes its committed image as a snapshot (snapshot.ts) once snapshotIntervalBytes of
// records were committed since the last one, and the quorum drops the log below it; a node that loads a
// snapshot (at start, or sent by the leader) takes its image from it.
//
// Unclean recovery (KIP-966 part 2, unclean-recovery.ts): given a way to reach the brokers
// (sendReplicaLogInfo), partitions whose ISR and ELR are empty are elected by the longest log among their
// replicas instead of the last known ELR's first member back; the manager's rounds run on this node's
// clock while it is active.
//
// Limits: maxPendingRequests waiting for their records to commit (more are refused with
// REQUEST_TIMED_OUT, retriable).
import type { Clock, Timer } from '../../clock.js';
import type { LogSink } from '../../logger.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { AlterUserScramCredentialsRequest } from '../../protocol/generated/alter-user-scram-credentials.js';
import type { RaftEntry, SnapshotId } from '../raft/log.js';
import type { RaftNode, ReplicaDescription, VoterChangeResult } from '../raft/raft.js';
import { isControlEntry, type Voter } from '../raft/voter-set.js';
import type { ChangeResult } from '../topic-configs.js';
import type { AclDecision, AclImage } from './acls.js';
import { type AlterPartitionItem, type AlterPartitionOutcome, alterPartition } from './alter-partition.js';
import { isEmptyMetadata } from './bootstrap-scram.js';
import {
  allocateProducerIds,
  alterBrokerConfigs,
  alterTopicConfigs,
  type BrokerRegistrationRequest,
  type ControllerResult,
  type CreateTopicRequest,
  createPartitions,
  createTopic,
  DEFAULT_TOPIC_RULES,
  deleteTopic,
  fenceBroker,
  registerBroker,
  type TopicRules,
  unfenceBroker,
} from './controller.js';
import { balanceLeaders, type ElectionOutcome, electLeaderless, electLeaders } from './elections.js';
import { MetadataImage } from './image.js';
import {
  alterPartitionReassignments,
  completeOnAlterPartition,
  completeReassignments,
  type ReassignmentAsk,
  type ReassignmentOutcome,
  unregisterBroker,
} from './reassignment.js';
import {
  decodeMetadataRecord,
  encodeMetadataRecord,
  type MetadataRecord,
  MetadataRecordType,
} from './records.js';
import { alterScramCredentials, type ScramUserResult } from './scram-credentials.js';
import { DEFAULT_BROKER_SESSION_TIMEOUT_MS } from './session-defaults.js';
import { imageFromSnapshot, imageToSnapshot } from './snapshot.js';
import {
  DEFAULT_UNCLEAN_RECOVERY,
  type ReplicaLogInfoSend,
  type UncleanRecoveryConfig,
  UncleanRecoveryManager,
} from './unclean-recovery.js';

export interface QuorumControllerConfig extends TopicRules {
  /** broker.session.timeout.ms: a broker silent this long is fenced. */
  brokerSessionTimeoutMs: number;
  /** Requests waiting for their records to commit. */
  maxPendingRequests: number;
  /**
   * metadata.log.max.record.bytes.between.snapshots: record bytes committed since the last snapshot that
   * make this node write a new one (0: never).
   */
  snapshotIntervalBytes: number;
  /** auto.leader.rebalance.enable: move leadership back to preferred replicas every check interval. */
  autoLeaderRebalance: boolean;
  /**
   * leader.imbalance.check.interval.seconds, in ms: how often the active controller moves leaders back to
   * preferred replicas (when enabled) and elects leaders for leaderless partitions that now have one.
   */
  leaderImbalanceCheckIntervalMs: number;
  /** Records the first active controller of a new cluster writes before anything else (bootstrap-scram.ts). */
  bootstrapRecords: readonly MetadataRecord[];
  /** KIP-966's unclean recovery (unclean.recovery.manager.enabled, unclean.recovery.strategy, timeouts). */
  uncleanRecovery: UncleanRecoveryConfig;
}

/** broker.session.timeout.ms, as Kafka's default. Its own constant: src/config.ts reads it (no import cycle). */
export { DEFAULT_BROKER_SESSION_TIMEOUT_MS } from './session-defaults.js';

export const DEFAULT_QUORUM_CONTROLLER_CONFIG: Readonly<QuorumControllerConfig> = Object.freeze({
  ...DEFAULT_TOPIC_RULES,
  brokerSessionTimeoutMs: DEFAULT_BROKER_SESSION_TIMEOUT_MS,
  maxPendingRequests: 1000,
  snapshotIntervalBytes: 20 * 1024 * 1024,
  autoLeaderRebalance: true,
  leaderImbalanceCheckIntervalMs: 300_000,
  bootstrapRecords: [],
  uncleanRecovery: DEFAULT_UNCLEAN_RECOVERY,
});

export interface ControllerReply {
  errorCode: number;
  message?: string;
  /** For registrations: the broker epoch granted. */
  brokerEpoch?: number;
  /** For topic creation: the new topic's id and its replication factor. */
  topicId?: string;
  replicationFactor?: number;
  /** For producer id allocation: the first id of the block (PRODUCER_ID_BLOCK_SIZE of them). */
  producerIdStart?: number;
  /** For AlterPartition: each partition's outcome, in request order. */
  alterPartition?: AlterPartitionOutcome[];
  /** For ElectLeaders: each partition's outcome. */
  elections?: ElectionOutcome[];
  /** For AlterUserScramCredentials: each user's outcome. */
  scramResults?: ScramUserResult[];
  /** For AlterPartitionReassignments: each partition's outcome, in request order. */
  reassignments?: ReassignmentOutcome[];
  /** For CreateAcls and DeleteAcls: each creation's or filter's outcome (acls.ts). */
  acls?: AclDecision;
}

export type ControllerCallback = (reply: ControllerReply) => void;

export interface QuorumDescription {
  leaderId: number;
  epoch: number;
  highWatermark: number;
  voterSet: readonly Voter[];
  voters: ReplicaDescription[];
  observers: ReplicaDescription[];
}

export interface HeartbeatReply extends ControllerReply {
  isFenced: boolean;
  /** The broker has applied the metadata log up to its own registration. */
  isCaughtUp: boolean;
  /** A controlled shutdown is done: the broker leads nothing and may stop. */
  shouldShutDown: boolean;
}

export interface HeartbeatRequest {
  brokerId: number;
  brokerEpoch: number;
  /** The metadata offset the broker has applied. */
  appliedOffset: number;
  /** Controlled shutdown: move leadership off and fence, then answer shouldShutDown. */
  wantShutDown?: boolean;
}

/** Options of the topic and config requests. */
export interface RequestOptions {
  /** Decide and answer, but propose nothing. */
  validateOnly?: boolean;
}

interface Waiter {
  /** Offset after the last record of the request: committed once the high watermark reaches it. */
  commitAt: number;
  callback: ControllerCallback;
  reply: ControllerReply;
}

export class QuorumController {
  readonly raft: RaftNode;
  readonly config: QuorumControllerConfig;
  readonly #clock: Clock;
  readonly #logger: LogSink | null;
  #image = MetadataImage.EMPTY;
  /** Leader only: the image with every proposed record applied. */
  #speculative: MetadataImage | null = null;
  #waiters: Waiter[] = [];
  /** Leader only: last heartbeat per broker (a new controller gives everyone a full session). */
  readonly #lastHeartbeat = new Map<number, number>();
  #sessionTimer: Timer | null = null;
  #balanceTimer: Timer | null = null;
  /** Null without a way to reach brokers, or when disabled: the last known ELR rule applies then. */
  readonly #recovery: UncleanRecoveryManager | null;
  #recoveryTimer: Timer | null = null;
  #problems: string[] = [];
  #bytesSinceSnapshot = 0;

  constructor(
    raft: RaftNode,
    clock: Clock,
    config: Partial<QuorumControllerConfig> = {},
    logger?: LogSink,
    sendReplicaLogInfo?: ReplicaLogInfoSend,
  ) {
    this.raft = raft;
    this.#clock = clock;
    this.config = { ...DEFAULT_QUORUM_CONTROLLER_CONFIG, ...config };
    this.#logger = logger ?? null;
    this.#recovery =
      sendReplicaLogInfo !== undefined && this.config.uncleanRecovery.enabled
        ? new UncleanRecoveryManager(
            this.config.uncleanRecovery,
            clock,
            // An answer may complete a round: decide at once rather than at the next poll.
            (id, req, answer) =>
              sendReplicaLogInfo(id, req, (res) => {
                answer(res);
                this.pollRecovery();
              }),
            logger,
          )
        : null;
  }

  /** The unclean recovery manager, when this controller runs one. */
  get uncleanRecovery(): UncleanRecoveryManager | null {
    return this.#recovery;
  }

  /** Partitions with an empty ISR and ELR are the unclean recovery manager's to elect. */
  get #recovers(): boolean {
    return this.#recovery !== null;
  }

  /** The committed image. */
  get image(): MetadataImage {
    return this.#image;
  }

  get isActive(): boolean {
    return this.raft.role === 'leader' && this.#speculative !== null;
  }

  /** Records this node could not apply (a controller bug if ever non-empty). */
  get problems(): readonly string[] {
    return this.#problems;
  }

  /** Feed from RaftNode's onCommit. */
  onCommit(entries: readonly RaftEntry[], highWatermark: number): void {
    const records: MetadataRecord[] = [];
    let last = this.#image.offset;
    const flush = () => {
      if (records.length === 0) return;
      try {
        this.#image = this.#image.apply(records, last);
      } catch (err) {
        this.#problems.push(`at offset ${last}: ${(err as Error).message}`);
        this.#logger?.warn(`cannot apply metadata records up to offset ${last}: ${(err as Error).message}`);
      }
      records.length = 0;
    };
    for (const e of entries) {
      if (isControlEntry(e.data)) {
        // LeaderChange and voter-set entries carry no metadata record; they still move the image's offset.
        flush();
        this.#image = this.#image.apply([], e.offset);
        last = e.offset;
        continue;
      }
      const d = decodeMetadataRecord(e.data);
      if (!d.ok) {
        this.#problems.push(`offset ${e.offset}: ${d.error}`);
        continue;
      }
      records.push(d.value);
      last = e.offset;
    }
    flush();
    for (const e of entries) this.#bytesSinceSnapshot += e.data.length;
    this.#maybeSnapshot();
    // Answer every request whose records are now committed, in order.
    while (this.#waiters.length > 0 && this.#waiters[0]!.commitAt <= highWatermark) {
      const w = this.#waiters.shift()!;
      w.callback(w.reply);
    }
  }

  /** Feed from RaftNode's onLoadSnapshot: the committed image is the snapshot's. */
  onLoadSnapshot(id: SnapshotId, records: readonly Uint8Array[]): void {
    const decoded: MetadataRecord[] = [];
    for (const bytes of records) {
      const d = decodeMetadataRecord(bytes);
      if (!d.ok) {
        this.#problems.push(`snapshot ${id.endOffset}-${id.epoch}: ${d.error}`);
        continue;
      }
      decoded.push(d.value);
    }
    try {
      this.#image = imageFromSnapshot(decoded, id.endOffset - 1);
    } catch (err) {
      this.#problems.push(`snapshot ${id.endOffset}-${id.epoch}: ${(err as Error).message}`);
      this.#logger?.warn(`cannot load metadata snapshot at ${id.endOffset}: ${(err as Error).message}`);
    }
    this.#bytesSinceSnapshot = 0;
  }

  /** Writes the committed image as a snapshot now (also done every snapshotIntervalBytes); null if none new. */
  snapshot(): SnapshotId | null {
    const end = this.#image.offset + 1;
    if (end <= 0) return null;
    const records = imageToSnapshot(this.#image).map((m) => encodeMetadataRecord(m));
    const id = this.raft.createSnapshot(end, records);
    if (id !== null) this.#bytesSinceSnapshot = 0;
    return id;
  }

  /** Feed from RaftNode's onLeaderChange. */
  onLeaderChange(leaderId: number): void {
    if (leaderId === this.raft.nodeId) this.#activate();
    else this.#deactivate();
  }

  registerBroker(req: BrokerRegistrationRequest, callback: ControllerCallback): void {
    this.#submit(callback, (image) => {
      const next = this.#nextOffset();
      const r = registerBroker(image, req, next, false, this.#recovers);
      if (r.ok) this.#lastHeartbeat.set(req.brokerId, this.#clock.now());
      return [r, { brokerEpoch: next }];
    });
  }

  /**
   * A broker's heartbeat with the metadata offset it has applied. Unfences it once it has caught up with
   * its own registration; with wantShutDown fences it instead (its leaderships move) and answers
   * shouldShutDown once that is committed. Answers at once when nothing changes.
   */
  heartbeat(req: HeartbeatRequest, callback: (r: HeartbeatReply) => void): void {
    const { brokerId, brokerEpoch, appliedOffset } = req;
    const image = this.#speculative;
    const refused = (errorCode: number, message?: string) =>
      callback({ errorCode, message, isFenced: true, isCaughtUp: false, shouldShutDown: false });
    if (image === null || this.raft.role !== 'leader') {
      refused(ErrorCode.NOT_CONTROLLER, 'not the active controller');
      return;
    }
    const b = image.brokers.get(brokerId);
    if (b === undefined || b.epoch !== brokerEpoch) {
      if (b === undefined)
        refused(ErrorCode.BROKER_ID_NOT_REGISTERED, `broker ${brokerId} is not registered`);
      else refused(ErrorCode.STALE_BROKER_EPOCH, `broker ${brokerId} is at epoch ${b.epoch}`);
      return;
    }
    this.#lastHeartbeat.set(brokerId, this.#clock.now());
    const isCaughtUp = appliedOffset >= b.epoch;
    const answer = (reply: ControllerReply, isFenced: boolean, shouldShutDown: boolean) =>
      callback({ ...reply, isFenced, isCaughtUp, shouldShutDown });
    if (req.wantShutDown === true) {
      if (b.fenced) {
        answer({ errorCode: ErrorCode.NONE }, true, true);
        return;
      }
      this.#submit(
        (reply) => answer(reply, reply.errorCode === ErrorCode.NONE, reply.errorCode === ErrorCode.NONE),
        (img) => [fenceBroker(img, brokerId, this.#recovers), {}],
      );
      return;
    }
    if (!b.fenced || !isCaughtUp) {
      answer({ errorCode: ErrorCode.NONE }, b.fenced, false);
      return;
    }
    this.#submit(
      (reply) => answer(reply, reply.errorCode !== ErrorCode.NONE, false),
      (img) => [unfenceBroker(img, brokerId, brokerEpoch, this.#recovers), {}],
    );
  }

  createTopic(req: CreateTopicRequest, callback: ControllerCallback, opts?: RequestOptions): void {
    this.#submit(
      callback,
      (image) => {
        const r = createTopic(image, req, this.config);
        const topicRecord = r.ok ? (r.records[0]?.record as { topicId?: string } | undefined) : undefined;
        const partition = r.ok
          ? r.records.find((m) => m.type === MetadataRecordType.PartitionRecord)
          : undefined;
        const replicas = (partition?.record as { replicas?: number[] } | undefined)?.replicas;
        return [r, { topicId: topicRecord?.topicId, replicationFactor: replicas?.length }];
      },
      opts,
    );
  }

  /** Grows a topic to `total` partitions (placed by the controller, or as `assignments` say). */
  createPartitions(
    name: string,
    total: number,
    assignments: readonly (readonly number[])[] | null,
    callback: ControllerCallback,
    opts?: RequestOptions,
  ): void {
    this.#submit(
      callback,
      (image) => [createPartitions(image, name, total, assignments, this.config), {}],
      opts,
    );
  }

  /**
   * Changes a topic's explicit configs to `compute(current)` (IncrementalAlterConfigs passes applyChanges
   * over its operations, AlterConfigs the full new set), decided against the latest image so two changes
   * never both start from the same old set.
   */
  alterTopicConfigs(
    name: string,
    compute: (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
    callback: ControllerCallback,
    opts?: RequestOptions,
  ): void {
    this.#submit(callback, (image) => [alterTopicConfigs(image, name, compute, this.config), {}], opts);
  }

  /** Changes one broker's dynamic configs (BROKER resource "N") or the cluster-wide defaults (''). */
  alterBrokerConfigs(
    name: string,
    compute: (current: Readonly<Record<string, string>>) => Record<string, string> | ChangeResult,
    callback: ControllerCallback,
    opts?: RequestOptions,
  ): void {
    this.#submit(callback, (image) => [alterBrokerConfigs(image, name, compute, this.config), {}], opts);
  }

  /** CreateAcls or DeleteAcls: `decide` (acls.ts) runs against the speculative image's ACLs. */
  alterAcls(decide: (acls: AclImage) => AclDecision, callback: ControllerCallback): void {
    this.#submit(callback, (image) => {
      const d = decide(image.acls);
      return [d.ok ? { ok: true, errorCode: 0, records: d.records } : d, { acls: d }];
    });
  }

  deleteTopic(name: string, callback: ControllerCallback, opts?: RequestOptions): void {
    this.#submit(callback, (image) => [deleteTopic(image, name), {}], opts);
  }

  /**
   * A block of PRODUCER_ID_BLOCK_SIZE producer ids for a broker, starting at reply.producerIdStart. Blocks
   * come from the speculative image, so none is handed out twice, across failovers too (a new controller
   * decides on top of every record in its log).
   */
  allocateProducerIds(brokerId: number, brokerEpoch: number, callback: ControllerCallback): void {
    this.#submit(callback, (image) => {
      const r = allocateProducerIds(image, brokerId, brokerEpoch);
      return [r, { producerIdStart: r.firstProducerId }];
    });
  }

  /**
   * AlterPartition from a partition leader: ISR changes checked as alter-partition.ts says, answered once
   * committed with each partition's new state (reply.alterPartition), or at once when nothing changes.
   */
  alterPartition(
    brokerId: number,
    brokerEpoch: number,
    items: readonly AlterPartitionItem[],
    callback: ControllerCallback,
  ): void {
    this.#submit(callback, (image) => {
      const d = alterPartition(image, brokerId, brokerEpoch, items);
      if (d.errorCode !== ErrorCode.NONE || !('records' in d)) {
        return [{ ok: false, errorCode: d.errorCode, message: 'message' in d ? d.message : '' }, {}];
      }
      // The ISR change that brings in the last target replica also completes its reassignment.
      const c = completeOnAlterPartition(image, items, d.records, d.outcomes);
      return [{ ok: true, errorCode: 0, records: c.records }, { alterPartition: c.outcomes }];
    });
  }

  /** AlterPartitionReassignments (replicas null: cancel), see reassignment.ts; outcomes in request order. */
  alterPartitionReassignments(asks: readonly ReassignmentAsk[], callback: ControllerCallback): void {
    this.#submit(callback, (image) => {
      const d = alterPartitionReassignments(image, asks);
      return [{ ok: true, errorCode: 0, records: d.records }, { reassignments: d.outcomes }];
    });
  }

  /** UnregisterBroker: a shut-down broker that hosts no replica leaves the cluster's registrations. */
  unregisterBroker(brokerId: number, callback: ControllerCallback): void {
    // A voter's registration stays until it leaves the quorum: the quorum would count a broker nobody runs.
    this.#submit(callback, (image) => [
      this.raft.voters.includes(brokerId)
        ? {
            ok: false,
            errorCode: ErrorCode.INVALID_REQUEST,
            message: `broker ${brokerId} is a voter of the metadata quorum; remove it from the voters first`,
          }
        : unregisterBroker(image, brokerId),
      {},
    ]);
  }

  /** AlterUserScramCredentials: per user all or nothing (scram-credentials.ts). */
  alterScramCredentials(req: AlterUserScramCredentialsRequest, callback: ControllerCallback): void {
    this.#submit(callback, (image) => {
      const d = alterScramCredentials(image, req);
      return [{ ok: true, errorCode: 0, records: d.records }, { scramResults: d.results }];
    });
  }

  /** ElectLeaders (PREFERRED or UNCLEAN; `partitions` null: all), see elections.ts. */
  electLeaders(
    type: number,
    partitions: readonly { topic: string; partition: number }[] | null,
    callback: ControllerCallback,
  ): void {
    this.#submit(callback, (image) => {
      const d = electLeaders(image, type, partitions);
      if ('errorCode' in d) return [{ ok: false, errorCode: d.errorCode, message: d.message }, {}];
      return [{ ok: true, errorCode: 0, records: d.records }, { elections: d.outcomes }];
    });
  }

  /**
   * One leader check, as the timer runs it: leaderless partitions that can have a leader get one, then
   * (with autoLeaderRebalance) leaders move back to preferred replicas. Returns the records proposed.
   */
  checkLeaders(): number {
    const image = this.#speculative;
    if (image === null || this.raft.role !== 'leader') return 0;
    let proposed = 0;
    const completions = completeReassignments(image);
    if (completions.length > 0) {
      proposed += completions.length;
      this.#submit(
        () => {},
        () => [{ ok: true, errorCode: 0, records: completions }, {}],
      );
    }
    const leaderless = electLeaderless(this.#speculative ?? image, this.#recovers);
    if (leaderless.length > 0) {
      proposed += leaderless.length;
      this.#submit(
        () => {},
        () => [{ ok: true, errorCode: 0, records: leaderless }, {}],
      );
    }
    if (this.config.autoLeaderRebalance && this.#speculative !== null) {
      const moves = balanceLeaders(this.#speculative);
      if (moves.length > 0) {
        this.#logger?.info(`moving ${moves.length} partition leader(s) back to their preferred replicas`);
        proposed += moves.length;
        this.#submit(
          () => {},
          () => [{ ok: true, errorCode: 0, records: moves }, {}],
        );
      }
    }
    return proposed;
  }

  /**
   * Gossip declared the broker dead, or it left: fence it now instead of waiting out its session, so its
   * partitions stop being advertised at once. A broker that is in fact alive heartbeats and is unfenced again.
   */
  fenceDeadBroker(brokerId: number, why: string): void {
    const image = this.#speculative;
    if (image === null || this.raft.role !== 'leader') return;
    const b = image.brokers.get(brokerId);
    if (b === undefined || b.fenced) return;
    this.#logger?.info(`broker ${brokerId} ${why}: fencing it`);
    this.#submit(
      () => {},
      (img) => [fenceBroker(img, brokerId, this.#recovers), {}],
    );
  }

  /**
   * AddRaftVoter: `voterId` must be a registered broker and a caught-up observer of the quorum (RaftNode
   * checks the quorum's part). Answered once the VotersRecord commits, under the new set's majority.
   */
  addVoter(voter: Voter, callback: ControllerCallback): void {
    if (this.#speculative === null || this.raft.role !== 'leader') {
      callback({ errorCode: ErrorCode.NOT_CONTROLLER, message: 'not the active controller' });
      return;
    }
    if (!this.#speculative.brokers.has(voter.id)) {
      callback({
        errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED,
        message: `broker ${voter.id} is not registered`,
      });
      return;
    }
    this.#changeVoters(() => this.raft.addVoter(voter), callback);
  }

  /** RemoveRaftVoter: answered once the VotersRecord commits (a removed leader resigns after that). */
  removeVoter(voterId: number, directoryId: string | null, callback: ControllerCallback): void {
    this.#changeVoters(() => this.raft.removeVoter(voterId, directoryId), callback);
  }

  #changeVoters(change: () => VoterChangeResult, callback: ControllerCallback): void {
    if (this.#speculative === null || this.raft.role !== 'leader') {
      callback({ errorCode: ErrorCode.NOT_CONTROLLER, message: 'not the active controller' });
      return;
    }
    if (this.#waiters.length >= this.config.maxPendingRequests) {
      callback({ errorCode: ErrorCode.REQUEST_TIMED_OUT, message: 'too many requests waiting to commit' });
      return;
    }
    const r = change();
    if (!('offset' in r)) {
      const code = r.errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER ? ErrorCode.NOT_CONTROLLER : r.errorCode;
      callback({ errorCode: code, message: r.message });
      return;
    }
    // The record takes an offset of the log this controller alone appends to: the next ones follow it.
    this.#speculative = this.#speculative.apply([], r.offset);
    this.#waiters.push({ commitAt: r.offset + 1, callback, reply: { errorCode: ErrorCode.NONE } });
  }

  /** DescribeQuorum: the quorum as its leader sees it; null on any other node. */
  describeQuorum(): QuorumDescription | null {
    const replicas = this.raft.describeReplicas();
    if (replicas === null) return null;
    return {
      leaderId: this.raft.nodeId,
      epoch: this.raft.epoch,
      highWatermark: this.raft.highWatermark,
      voterSet: this.raft.voterSet,
      ...replicas,
    };
  }

  /** Stops the session checks (the RaftNode is stopped by its owner). */
  stop(): void {
    this.#deactivate();
  }

  // ---- internals ----

  #maybeSnapshot(): void {
    const every = this.config.snapshotIntervalBytes;
    if (every <= 0 || this.#bytesSinceSnapshot < every) return;
    try {
      this.snapshot();
    } catch (err) {
      // A failed write (a full disk) leaves the log as it was; the next commit tries again.
      this.#logger?.warn(`cannot write a metadata snapshot: ${(err as Error).message}`);
    }
  }

  #nextOffset(): number {
    // The active controller's log end is where its next record lands (it alone appends).
    return (this.#speculative?.offset ?? -1) + 1;
  }

  #submit(
    callback: ControllerCallback,
    decide: (image: MetadataImage) => [ControllerResult, Partial<ControllerReply>],
    opts?: RequestOptions,
  ): void {
    const image = this.#speculative;
    if (image === null || this.raft.role !== 'leader') {
      callback({ errorCode: ErrorCode.NOT_CONTROLLER, message: 'not the active controller' });
      return;
    }
    if (this.#waiters.length >= this.config.maxPendingRequests) {
      callback({ errorCode: ErrorCode.REQUEST_TIMED_OUT, message: 'too many requests waiting to commit' });
      return;
    }
    const [result, extra] = decide(image);
    if (!result.ok) {
      callback({ errorCode: result.errorCode, message: result.message });
      return;
    }
    const reply: ControllerReply = { errorCode: ErrorCode.NONE, ...extra };
    if (result.records.length === 0 || opts?.validateOnly === true) {
      callback(reply);
      return;
    }
    const proposed = this.#propose(result.records);
    if (proposed !== ErrorCode.NONE) {
      callback(
        proposed === ErrorCode.KAFKA_STORAGE_ERROR
          ? { errorCode: proposed, message: 'the metadata log cannot be written (is the disk full?)' }
          : { errorCode: ErrorCode.NOT_CONTROLLER, message: 'leadership lost' },
      );
      return;
    }
    this.#waiters.push({ commitAt: this.#speculative!.offset + 1, callback, reply });
  }

  /** Proposes records and applies them to the speculative image; else the quorum's error code. */
  #propose(records: MetadataRecord[]): number {
    const r = this.raft.propose(records.map((m) => encodeMetadataRecord(m)));
    if (r.errorCode !== ErrorCode.NONE || !('offsets' in r))
      return r.errorCode === ErrorCode.NONE ? ErrorCode.NOT_CONTROLLER : r.errorCode;
    const last = r.offsets[r.offsets.length - 1]!;
    this.#speculative = this.#speculative!.apply(records, last);
    return ErrorCode.NONE;
  }

  #activate(): void {
    // Everything in the new leader's log will commit (through its LeaderChange entry): decide on top of it.
    let image = this.#image;
    const pending = this.raft.uncommittedEntries();
    for (const e of pending) {
      if (isControlEntry(e.data)) {
        image = image.apply([], e.offset);
        continue;
      }
      const d = decodeMetadataRecord(e.data);
      if (d.ok) image = image.apply([d.value], e.offset);
    }
    this.#speculative = image;
    // A new cluster's first leader: its bootstrap records go first (a later leader finds them in its log).
    const bootstrap = this.config.bootstrapRecords;
    if (bootstrap.length > 0 && isEmptyMetadata(image)) {
      const code = this.#propose([...bootstrap]);
      this.#logger?.info(
        code === ErrorCode.NONE
          ? `new metadata log: wrote ${bootstrap.length} bootstrap records (SCRAM credentials)`
          : `new metadata log: bootstrap records not written (error code ${code})`,
      );
    }
    const now = this.#clock.now();
    this.#lastHeartbeat.clear();
    for (const id of image.brokers.keys()) this.#lastHeartbeat.set(id, now);
    this.#logger?.info(`active controller in epoch ${this.raft.epoch}`);
    this.#checkSessions();
    this.#scheduleLeaderCheck();
    if (this.#recovery !== null) this.#scheduleRecovery();
  }

  #scheduleRecovery(): void {
    const every = Math.max(1, this.#recovery!.config.pollIntervalMs);
    this.#recoveryTimer = this.#clock.schedule(every, () => {
      this.#recoveryTimer = null;
      if (this.#speculative === null || this.raft.role !== 'leader') return;
      this.pollRecovery();
      this.#scheduleRecovery();
    });
  }

  /**
   * One step of unclean recovery (the timer runs it; answers too): rounds start, requests go out, decided
   * elections are proposed. Returns the records proposed.
   */
  pollRecovery(): number {
    const image = this.#speculative;
    if (this.#recovery === null || image === null || this.raft.role !== 'leader') return 0;
    const records = this.#recovery.poll(image);
    if (records.length > 0)
      this.#submit(
        () => {},
        () => [{ ok: true, errorCode: 0, records }, {}],
      );
    return records.length;
  }

  #scheduleLeaderCheck(): void {
    this.#balanceTimer = this.#clock.schedule(Math.max(1, this.config.leaderImbalanceCheckIntervalMs), () => {
      this.#balanceTimer = null;
      if (this.#speculative === null || this.raft.role !== 'leader') return;
      this.checkLeaders();
      this.#scheduleLeaderCheck();
    });
  }

  #deactivate(): void {
    this.#speculative = null;
    this.#sessionTimer?.cancel();
    this.#sessionTimer = null;
    this.#balanceTimer?.cancel();
    this.#balanceTimer = null;
    this.#recoveryTimer?.cancel();
    this.#recoveryTimer = null;
    this.#recovery?.reset();
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.callback({ errorCode: ErrorCode.NOT_CONTROLLER, message: 'leadership lost' });
  }

  #checkSessions(): void {
    this.#sessionTimer = this.#clock.schedule(
      Math.max(1, Math.floor(this.config.brokerSessionTimeoutMs / 4)),
      () => {
        this.#sessionTimer = null;
        const image = this.#speculative;
        if (image === null || this.raft.role !== 'leader') return;
        const now = this.#clock.now();
        for (const b of image.brokers.values()) {
          const last = this.#lastHeartbeat.get(b.id) ?? now;
          if (!b.fenced && now - last > this.config.brokerSessionTimeoutMs) {
            this.#logger?.info(`broker ${b.id} missed its session (${now - last} ms): fencing it`);
            this.#submit(
              () => {},
              (img) => [fenceBroker(img, b.id, this.#recovers), {}],
            );
          }
        }
        this.#checkSessions();
      },
    );
  }
}
