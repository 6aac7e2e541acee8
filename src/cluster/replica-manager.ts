// The partitions this node hosts (Kafka's ReplicaManager): one PartitionState per partition of every
// topic in the registry, assigned by the metadata image (a LeadershipSource), and the topic lifecycle that adds and removes
// them (create, auto-create, grow, delete, open at startup). Handlers ask leaderFor once per partition and
// get the state to act on, or the error code to answer with.
//
// Topics (names, ids, partition counts, configs) live in the TopicRegistry, which only this manager
// changes. The partition logs live behind the PartitionStore, with their owner threads.
import type { BrokerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { ErrorCode, errorName } from '../protocol/errors.js';
import { uuidFromBytes, uuidToBytes } from '../protocol/uuid.js';
import { listPartitionDirs, setAsideStrayPartitionDir } from '../storage/partition-dir.js';
import type { OpenResult, PartitionStore } from '../storage/pool.js';
import { CLUSTER_WIDE_ONLY, effectiveTopicDefaults, throttleRates } from './broker-configs.js';
import { type LeadershipSource, type PartitionLeadership, SingleNodeLeadership } from './leadership.js';
import { CLUSTER_DEFAULT_RESOURCE, MIN_INSYNC_REPLICAS_CONFIG, minInsyncOf } from './metadata/elections.js';
import { ConfigResourceType, type MetadataImage } from './metadata/image.js';
import { PartitionState, ReplicaRole } from './partition-state.js';
import type { Replication } from './replication/replication.js';
import { markThrottled } from './replication/throttled-replicas.js';
import { sameConfigs, topicLogConfig, topicLogConfigProblem } from './topic-configs.js';
import {
  RESERVED_TOPICS,
  TopicError,
  type TopicInfo,
  type TopicRegistry,
  topicNameProblem,
} from './topics.js';

export interface ReplicaManagerOptions {
  config: BrokerConfig;
  store: PartitionStore;
  topics: TopicRegistry;
  /** Who leads what at which epoch: the metadata image (default: this node alone, SingleNodeLeadership). */
  image?: LeadershipSource;
  log: Logger;
}

export interface CreatedTopic {
  info: TopicInfo;
  /** The first open error code of its partitions, or NONE once every log exists. */
  ready: Promise<number>;
}

const NO_PARTITIONS: readonly PartitionState[] = Object.freeze([]);

/** The parts of a metadata image the replica manager follows. */
export type MetadataImageView = Pick<MetadataImage, 'topics' | 'partition' | 'configsOf'>;

/** What following one metadata image changed here, for the broker's own reactions (group coordination). */
export interface ImageChanges {
  /** Partitions this node leads now and did not lead before (or did not host). */
  becameLeader: { topic: string; partition: number }[];
  /** Partitions this node led before and leads no more (including deleted ones). */
  stoppedLeading: { topic: string; partition: number }[];
  /** Topics removed here because the image no longer has them (or has them under another id). */
  deletedTopics: string[];
  /**
   * Topics whose explicit configs differ from the local copy, or every topic when the dynamic broker
   * defaults of topic configs changed (the caller reopens their logs).
   */
  reconfiguredTopics: string[];
}

export class ReplicaManager {
  readonly nodeId: number;
  #image: LeadershipSource;
  /** The cluster-wide min.insync.replicas the image holds (for topics without their own), if set. */
  #clusterMinInsync: string | undefined;
  /** The dynamic broker defaults of topic configs on this node, by topic config name (broker-configs.ts). */
  #topicDefaults: Readonly<Record<string, string>> = {};
  #topicDefaultsKey = '{}';
  /** The defaults that shape the partition logs, as compared between images. */
  #logDefaultsKey = '[]';
  /** A metadata image has been applied: the dynamic configs are known (retention may run). */
  #configsKnown = false;
  /** The replication quota rates the last image gave (bytes/s, 0: none). */
  #throttleRates: { leader: number; follower: number } | null = null;
  readonly #config: BrokerConfig;
  readonly #store: PartitionStore;
  readonly #topics: TopicRegistry;
  readonly #log: Logger;
  /** topic -> its partitions' states, indexed by partition. */
  readonly #partitions = new Map<string, PartitionState[]>();
  /** Removals of topics the image dropped, until their logs are gone. */
  readonly #removals = new Set<Promise<void>>();
  /** Followers' fetchers and the leaders' ISR duties; null until the broker starts them (and in unit tests). */
  #replication: Replication | null = null;
  /** Logs of partitions moved away while this node was down are looked for once, with the first image. */
  #strayReplicasChecked = false;

  constructor(options: ReplicaManagerOptions) {
    this.#config = options.config;
    this.nodeId = options.config.nodeId;
    this.#store = options.store;
    this.#topics = options.topics;
    this.#log = options.log;
    this.#image = options.image ?? new SingleNodeLeadership(this.nodeId);
    for (const t of this.#topics.list()) this.#host(t.name, 0, t.partitions);
  }

  /** Followers' fetchers and the leaders' ISR duties; null until started. */
  get replication(): Replication | null {
    return this.#replication;
  }

  /** Starts replicating: every hosted partition follows its leader or leads its followers from now on. */
  startReplication(replication: Replication): void {
    this.#replication = replication;
    const rates = this.#throttleRates;
    if (rates !== null) replication.setThrottleRates(rates.leader, rates.follower);
    for (const states of this.#partitions.values()) for (const s of states) replication.update(s);
  }

  /** Who leads what: the single-node source, or the latest metadata image this node follows. */
  get image(): LeadershipSource {
    return this.#image;
  }

  /** The dynamic broker defaults of topic configs here (log.retention.ms as retention.ms...), by topic config name. */
  get topicDefaults(): Readonly<Record<string, string>> {
    return this.#topicDefaults;
  }

  /** Whether a metadata image has given this node its dynamic configs yet. */
  get configsKnown(): boolean {
    return this.#configsKnown;
  }

  /** A topic's log settings: its explicit configs over the dynamic broker defaults (over the store's static ones). */
  logConfigOf(explicit: Readonly<Record<string, string>>): ReturnType<typeof topicLogConfig> {
    return topicLogConfig({ ...this.#topicDefaults, ...explicit });
  }

  /** Whether this node keeps a replica (a log) of the partition. */
  hostsReplica(topic: string, partition: number): boolean {
    return this.#image.partition(topic, partition)?.replicas.includes(this.nodeId) === true;
  }

  // ---- lookups ----

  topic(name: string): TopicInfo | undefined {
    return this.#topics.get(name);
  }

  /** A topic by its id as on the wire (a UUID string); undefined for an unknown or malformed id. */
  topicById(topicId: string): TopicInfo | undefined {
    const bytes = uuidToBytes(topicId);
    return bytes === null ? undefined : this.#topics.getById(bytes);
  }

  topicList(): TopicInfo[] {
    return this.#topics.list();
  }

  /** The states of a topic's partitions, by partition index (empty for an unknown topic). */
  partitions(topic: string): readonly PartitionState[] {
    return this.#partitions.get(topic) ?? NO_PARTITIONS;
  }

  /**
   * The state of a partition this node leads, checked against the client's current_leader_epoch (-1: no
   * check); else the error code: UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_LEADER_EPOCH, FENCED_LEADER_EPOCH or
   * NOT_LEADER_OR_FOLLOWER.
   */
  leaderFor(topic: string, partition: number, currentLeaderEpoch: number): PartitionState | number {
    const state = this.#partitions.get(topic)?.[partition];
    if (state === undefined) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    const code = state.checkLeader(currentLeaderEpoch);
    return code === ErrorCode.NONE ? state : code;
  }

  // ---- topic lifecycle ----

  /**
   * Opens every hosted partition's log (recovering it after an unclean stop); failures are logged. First sets
   * aside the partition directories no topic owns, so a topic created later never adopts their records.
   */
  async openAll(): Promise<void> {
    this.#setAsideStrayPartitions();
    const opens: Promise<OpenResult>[] = [];
    const states: PartitionState[] = [];
    for (const t of this.#topics.list()) {
      const logConfig = this.logConfigOf(t.configs);
      for (const state of this.partitions(t.name)) {
        if (!this.hostsReplica(t.name, state.partition)) continue;
        opens.push(this.#store.open(t.name, state.partition, true, logConfig));
        states.push(state);
      }
    }
    const results = await Promise.all(opens);
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      const s = states[i]!;
      if (r.errorCode === ErrorCode.NONE) this.#opened(s, r);
      else
        this.#log.error(
          `cannot open ${s.topic}-${s.partition} (${errorName(r.errorCode)}, error code ${r.errorCode})`,
        );
    }
    if (results.length > 0) this.#log.info(`opened ${results.length} partitions`);
  }

  /** Validates a new topic without creating it (CreateTopics validate_only). Throws TopicError. */
  checkNewTopic(name: string, partitions: number, configs: Record<string, string>): void {
    this.#topics.check(name, partitions, configs);
    const problem = topicLogConfigProblem(this.#config, configs);
    if (problem !== null) throw new TopicError(ErrorCode.INVALID_CONFIG, problem);
  }

  /**
   * Creates a topic and submits the opens of its partitions before returning, so any later task on one of
   * them runs after its open (a partition's tasks run in submission order). Throws TopicError on a bad
   * name, count or config, or an existing topic.
   */
  createTopic(name: string, partitions: number, configs: Record<string, string>): CreatedTopic {
    this.checkNewTopic(name, partitions, configs);
    const info = this.#topics.create(name, partitions, configs);
    const ready = this.#openNew(info, 0, partitions);
    this.#log.info(`created topic ${name} with ${partitions} partitions`);
    return { info, ready };
  }

  /**
   * The topic, auto-created with num.partitions when missing and allowed (synchronously, as createTopic),
   * else the error code to answer. Synchronous so that a handler submits its tasks in request order.
   */
  ensureTopic(name: string, allowAutoCreate: boolean): TopicInfo | number {
    const info = this.#topics.get(name);
    if (info !== undefined) return info;
    if (topicNameProblem(name) !== null) return ErrorCode.INVALID_TOPIC_EXCEPTION;
    if (!allowAutoCreate || !this.#config.autoCreateTopics) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    try {
      const created = this.createTopic(name, this.#config.numPartitions, {});
      created.ready.then((code) => {
        if (code !== ErrorCode.NONE)
          this.#log.error(
            `auto-created topic ${name}: partition logs failed (${errorName(code)}, error code ${code})`,
          );
      });
      return created.info;
    } catch (err) {
      if (err instanceof TopicError) return err.code;
      throw err;
    }
  }

  /** CreatePartitions' checks; returns the topic as it is now. Throws TopicError. */
  checkAddPartitions(name: string, total: number): TopicInfo {
    return this.#topics.checkAddPartitions(name, total);
  }

  /**
   * Grows a topic to `total` partitions. Logs first, then the registry: a crash in between leaves unused
   * directories, never a partition the registry lists without a log. Resolves to the first open error, or
   * NONE; on an error the topic keeps its old count. Throws TopicError as checkAddPartitions.
   */
  async addPartitions(name: string, total: number): Promise<number> {
    const info = this.#topics.checkAddPartitions(name, total);
    const from = info.partitions;
    const logConfig = this.logConfigOf(info.configs);
    const opens: Promise<OpenResult>[] = [];
    for (let p = from; p < total; p++) opens.push(this.#store.open(name, p, true, logConfig));
    const results = await Promise.all(opens);
    for (const r of results) if (r.errorCode !== ErrorCode.NONE) return r.errorCode;
    this.#topics.addPartitions(name, total);
    const states = this.#host(name, from, total);
    for (let i = 0; i < states.length; i++) states[i]!.onLogOpened(results[i]!);
    return ErrorCode.NONE;
  }

  /**
   * Replaces a topic's explicit configs in the registry (persisted). The caller reopens the partition logs
   * with them first (src/broker/topic-config-changes.ts). Throws TopicError for an unknown topic.
   */
  setTopicConfigs(name: string, configs: Record<string, string>): void {
    this.#topics.setConfigs(name, configs);
  }

  /**
   * Deletes a topic: it leaves the registry first, so no new request finds it, its parked fetches wake,
   * then each partition's log is closed and its directory removed by its owner thread. On a full disk the
   * registry write can fail: the data is removed anyway (that needs no space and frees some) and the write
   * retried; if it still fails this throws TopicError(KAFKA_STORAGE_ERROR) (the topic would come back,
   * empty, after a restart).
   */
  async deleteTopic(info: TopicInfo): Promise<void> {
    this.#topics.delete(info.name);
    for (const state of this.partitions(info.name)) {
      state.wakeAll();
      this.#replication?.remove(state);
    }
    this.#partitions.delete(info.name);
    const removals = [];
    for (let p = 0; p < info.partitions; p++) removals.push(this.#store.deletePartition(info.name, p));
    for (const r of await Promise.all(removals)) {
      // A partition never opened has no directory: nothing to remove.
      if (r.errorCode !== ErrorCode.NONE && r.errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        this.#log.error(
          `deleting topic ${info.name}: a partition log was not removed (${errorName(r.errorCode)}, error code ${r.errorCode})`,
        );
      }
    }
    if (this.#topics.hasUnsavedChanges) this.#topics.saveNow();
  }

  /**
   * A partition directory of a topic not in the registry, or past its partition count, is stray: a crash
   * between the registry's save and the partition's rename in deleteTopic leaves one. Internal topics
   * (__consumer_offsets) are not in the registry and are left alone. Runs before any partition is open.
   */
  #setAsideStrayPartitions(): void {
    const dataDir = this.#config.dataDir;
    for (const tp of listPartitionDirs(dataDir)) {
      if (RESERVED_TOPICS.has(tp.topic)) continue;
      const owner = this.#topics.get(tp.topic);
      if (owner !== undefined && tp.partition < owner.partitions) continue;
      const name = setAsideStrayPartitionDir(dataDir, tp);
      if (name !== null)
        this.#log.warn(`${tp.topic}-${tp.partition}: no topic owns it; set aside as ${name}`);
    }
  }

  // ---- following the metadata quorum ----

  /**
   * Makes this node's topics and partitions what the committed image says (KRaft's broker metadata
   * publisher): topics appear with the cluster's ids, grow, lose or gain leadership, and go away; logs are
   * opened for the partitions with a replica here and removed with their topic. A local topic whose id
   * differs from the image's was deleted and re-created while this node was away: its data goes.
   * Synchronous up to the submission of opens and removals, so requests that follow see the new state.
   */
  applyImage(image: MetadataImageView): ImageChanges {
    const changes: ImageChanges = {
      becameLeader: [],
      stoppedLeading: [],
      deletedTopics: [],
      reconfiguredTopics: [],
    };
    const ledBefore = (topic: string) =>
      (this.#partitions.get(topic) ?? [])
        .filter((s) => s.role === ReplicaRole.LEADER)
        .map((s) => s.partition);
    this.#image = image;
    this.#clusterMinInsync = image
      .configsOf(ConfigResourceType.Broker, CLUSTER_DEFAULT_RESOURCE)
      .get(MIN_INSYNC_REPLICAS_CONFIG);
    this.#configsKnown = true;
    this.#throttleRates = throttleRates(image, this.nodeId, this.#config);
    this.#replication?.setThrottleRates(this.#throttleRates.leader, this.#throttleRates.follower);
    const defaults = effectiveTopicDefaults(image, this.nodeId);
    const defaultsKey = JSON.stringify(defaults);
    if (defaultsKey !== this.#topicDefaultsKey) {
      this.#log.info(`dynamic topic config defaults now ${defaultsKey}`);
      this.#topicDefaultsKey = defaultsKey;
    }
    // Only defaults the partition logs use reopen them; the cluster-wide election settings do not.
    const logDefaultsKey = JSON.stringify(
      Object.entries(defaults).filter(([name]) => !CLUSTER_WIDE_ONLY.has(name)),
    );
    const defaultsChanged = logDefaultsKey !== this.#logDefaultsKey;
    this.#topicDefaults = defaults;
    this.#logDefaultsKey = logDefaultsKey;
    for (const local of this.#topics.list()) {
      const theirs = image.topics.get(local.name);
      if (theirs !== undefined && theirs.id === uuidFromBytes(local.topicId)) continue;
      for (const partition of ledBefore(local.name))
        changes.stoppedLeading.push({ topic: local.name, partition });
      changes.deletedTopics.push(local.name);
      const removal = this.deleteTopic(local)
        .catch((err: Error) =>
          this.#log.error(`removing topic ${local.name} (gone from the metadata): ${err.message}`),
        )
        .finally(() => this.#removals.delete(removal));
      this.#removals.add(removal);
    }
    for (const t of image.topics.values()) {
      const count = t.partitions.size;
      const configs = Object.fromEntries(image.configsOf(ConfigResourceType.Topic, t.name));
      const local = this.#topics.get(t.name);
      if (local === undefined) {
        const topicId = uuidToBytes(t.id);
        if (topicId === null) continue;
        this.#topics.adopt({
          name: t.name,
          topicId,
          partitions: count,
          configs,
          internal: RESERVED_TOPICS.has(t.name),
        });
        this.#openNew(this.#topics.get(t.name)!, 0, count).then((code) => {
          if (code !== ErrorCode.NONE)
            this.#log.error(`topic ${t.name}: opening its logs failed (${errorName(code)})`);
        });
        for (const s of this.partitions(t.name)) {
          markThrottled(s, configs, this.nodeId);
          if (s.role === ReplicaRole.LEADER)
            changes.becameLeader.push({ topic: t.name, partition: s.partition });
        }
        continue;
      }
      if (defaultsChanged || !sameConfigs(local.configs, configs)) changes.reconfiguredTopics.push(t.name);
      const states = this.#partitions.get(t.name) ?? [];
      for (const s of states) {
        const r = image.partition(t.name, s.partition);
        if (r === undefined) continue;
        const wasLeader = s.role === ReplicaRole.LEADER;
        const hostedBefore = s.replicas.includes(this.nodeId);
        s.minInsync = minInsyncOf(configs[MIN_INSYNC_REPLICAS_CONFIG] ?? this.#clusterMinInsync);
        markThrottled(s, configs, this.nodeId);
        // Waiters on a leadership that ends are answered there (PartitionState.applyRegistration).
        s.applyRegistration(r);
        const isLeader = s.role === ReplicaRole.LEADER;
        if (wasLeader && !isLeader) changes.stoppedLeading.push({ topic: t.name, partition: s.partition });
        if (!wasLeader && isLeader) changes.becameLeader.push({ topic: t.name, partition: s.partition });
        if (hostedBefore && !r.replicas.includes(this.nodeId)) {
          this.#dropReplica(states, s, r);
          continue;
        }
        if (!hostedBefore && r.replicas.includes(this.nodeId)) {
          this.#store.open(t.name, s.partition, true, this.logConfigOf(local.configs)).then((o) => {
            if (o.errorCode === ErrorCode.NONE) this.#opened(s, o);
            else this.#log.error(`${t.name}-${s.partition}: open failed (${errorName(o.errorCode)})`);
          });
        }
        this.#replication?.update(s);
      }
      if (count > local.partitions) {
        const from = local.partitions;
        this.#topics.adopt({ ...local, partitions: count });
        this.#openNew(this.#topics.get(t.name)!, from, count).then((code) => {
          if (code !== ErrorCode.NONE)
            this.#log.error(`topic ${t.name}: opening new partitions failed (${errorName(code)})`);
        });
        for (let p = from; p < count; p++) {
          const grown = this.#partitions.get(t.name)?.[p];
          if (grown !== undefined) markThrottled(grown, configs, this.nodeId);
          if (grown?.role === ReplicaRole.LEADER) changes.becameLeader.push({ topic: t.name, partition: p });
        }
      }
    }
    if (!this.#strayReplicasChecked) {
      this.#strayReplicasChecked = true;
      this.#removeStrayReplicas(image);
    }
    return changes;
  }

  /**
   * A reassignment moved the partition off this node: it stops replicating and its log is deleted. A fresh
   * state takes the old one's place, so answers still in flight for the old log (a follower append) cannot
   * leave offsets behind should the partition come back here later; the old one's waiters are woken.
   */
  #dropReplica(states: PartitionState[], old: PartitionState, r: PartitionLeadership): void {
    old.wakeAll();
    this.#replication?.remove(old);
    const fresh = new PartitionState(old.topic, old.partition, this.nodeId);
    fresh.applyRegistration(r);
    states[old.partition] = fresh;
    this.#removeLog(old.topic, old.partition, 'moved to other brokers');
  }

  #removeLog(topic: string, partition: number, why: string): void {
    const removal = this.#store
      .deletePartition(topic, partition)
      .then((res) => {
        if (res.errorCode === ErrorCode.NONE) this.#log.info(`${topic}-${partition}: log deleted (${why})`);
        else if (res.errorCode !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
          this.#log.error(`${topic}-${partition}: deleting its log failed (${errorName(res.errorCode)})`);
      })
      .finally(() => this.#removals.delete(removal));
    this.#removals.add(removal);
  }

  /**
   * Once, with the first image: logs of partitions this node no longer hosts (moved away while it was down,
   * or it stopped before their deletion finished) are deleted.
   */
  #removeStrayReplicas(image: MetadataImageView): void {
    for (const tp of listPartitionDirs(this.#config.dataDir)) {
      const r = image.partition(tp.topic, tp.partition);
      if (r !== undefined && !r.replicas.includes(this.nodeId))
        this.#removeLog(tp.topic, tp.partition, 'no longer a replica here');
    }
  }

  /** Resolves once the logs of every topic the image has dropped so far are removed (DeleteTopics). */
  removalsSettled(): Promise<void> {
    return Promise.all(this.#removals).then(() => {});
  }

  /** Wakes every parked fetch and stops replicating (shutdown). */
  close(): void {
    this.#replication?.stop();
    for (const states of this.#partitions.values()) for (const s of states) s.wakeAll();
  }

  /**
   * A hosted partition's log answered its open: its state learns the offsets, and replication takes it up
   * (a leader alone in its ISR moves its high watermark to the log end: the checkpoint may be older).
   */
  #opened(s: PartitionState, o: OpenResult): void {
    s.onLogOpened(o);
    this.#replication?.update(s);
  }

  /** States for partitions [from, to) of a topic, as the image assigns them. */
  #host(topic: string, from: number, to: number): PartitionState[] {
    let states = this.#partitions.get(topic);
    if (states === undefined) {
      states = [];
      this.#partitions.set(topic, states);
    }
    const added: PartitionState[] = [];
    for (let p = from; p < to; p++) {
      const state = new PartitionState(topic, p, this.nodeId);
      state.minInsync = minInsyncOf(
        this.#topics.get(topic)?.configs[MIN_INSYNC_REPLICAS_CONFIG] ?? this.#clusterMinInsync,
      );
      const leadership = this.image.partition(topic, p);
      if (leadership !== undefined) state.applyRegistration(leadership);
      states[p] = state;
      added.push(state);
      this.#replication?.update(state);
    }
    return added;
  }

  #openNew(info: TopicInfo, from: number, to: number): Promise<number> {
    const states = this.#host(info.name, from, to).filter((s) => this.hostsReplica(info.name, s.partition));
    const logConfig = this.logConfigOf(info.configs);
    const opens: Promise<OpenResult>[] = [];
    for (const s of states) opens.push(this.#store.open(info.name, s.partition, true, logConfig));
    return Promise.all(opens).then((results) => {
      let code: number = ErrorCode.NONE;
      for (let i = 0; i < results.length; i++) {
        const r = results[i]!;
        if (r.errorCode === ErrorCode.NONE) this.#opened(states[i]!, r);
        else if (code === ErrorCode.NONE) code = r.errorCode;
      }
      return code;
    });
  }
}
