// The metadata image: what the committed metadata log says, as an immutable value. Every broker applies the
// same committed records in the same order and so holds the same image at the same offset; Metadata,
// DescribeCluster, FindCoordinator and DescribeConfigs answer from it, and partition roles follow from it.
// Applying returns a new image and leaves the old one untouched (readers of the old one see no change).
// A record that contradicts the image (a change to a topic that does not exist, say) is refused with a
// MetadataImageError and nothing of its batch is applied: the controller must never write one.
import type {
  AccessControlEntryRecord,
  BrokerRegistrationChangeRecord,
  ConfigRecord,
  FeatureLevelRecord,
  FenceBrokerRecord,
  PartitionChangeRecord,
  PartitionRecord,
  ProducerIdsRecord,
  RegisterBrokerRecord,
  RemoveAccessControlEntryRecord,
  RemoveTopicRecord,
  RemoveUserScramCredentialRecord,
  TopicRecord,
  UnfenceBrokerRecord,
  UnregisterBrokerRecord,
  UserScramCredentialRecord,
} from '../../protocol/generated/metadata/index.js';
import {
  type ScramCredential,
  type ScramMechanismName,
  scramMechanismType,
} from '../../protocol/sasl/scram.js';
import { AclImage, pick, type StoredAcl } from './acls.js';
import { type MetadataRecord, MetadataRecordType } from './records.js';

export interface BrokerEndpoint {
  name: string;
  host: string;
  port: number;
  securityProtocol: number;
}

export interface BrokerRegistration {
  id: number;
  /** The offset of its RegisterBrokerRecord: a restarted broker gets a new one. */
  epoch: number;
  incarnationId: string;
  endpoints: readonly BrokerEndpoint[];
  rack: string | null;
  fenced: boolean;
  inControlledShutdown: boolean;
}

export interface PartitionRegistration {
  replicas: readonly number[];
  isr: readonly number[];
  removingReplicas: readonly number[];
  addingReplicas: readonly number[];
  /** -1 when no replica leads. */
  leader: number;
  leaderRecoveryState: number;
  /** Bumped on every leader change (clients and followers are fenced by it). */
  leaderEpoch: number;
  /** Bumped on every change at all (AlterPartition requests carry it). */
  partitionEpoch: number;
  /** KIP-966: replicas known to hold every committed record though out of the ISR. */
  eligibleLeaderReplicas: readonly number[];
  lastKnownElr: readonly number[];
}

export interface TopicImage {
  name: string;
  id: string;
  partitions: ReadonlyMap<number, PartitionRegistration>;
}

export class MetadataImageError extends Error {}

/** PartitionChangeRecord's "leader unchanged" value. */
export const NO_LEADER_CHANGE = -2;
/** ConfigRecord resource types (Kafka's ConfigResource.Type). */
export const ConfigResourceType = { Topic: 2, Broker: 4 } as const;

interface ImageParts {
  /** Offset of the last record applied; -1 for the empty image. */
  offset: number;
  brokers: ReadonlyMap<number, BrokerRegistration>;
  topics: ReadonlyMap<string, TopicImage>;
  topicNamesById: ReadonlyMap<string, string>;
  /** "type:name" -> config key -> value (only values set explicitly). */
  configs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The next producer id a block may start at. */
  nextProducerId: number;
  features: ReadonlyMap<string, number>;
  acls: AclImage;
  /** SCRAM credentials by user, then mechanism type (UserScramCredentialRecord). */
  scramCredentials: ReadonlyMap<string, ReadonlyMap<number, ScramCredential>>;
}

export class MetadataImage {
  static readonly EMPTY = new MetadataImage({
    offset: -1,
    brokers: new Map(),
    topics: new Map(),
    topicNamesById: new Map(),
    configs: new Map(),
    nextProducerId: 0,
    features: new Map(),
    acls: AclImage.EMPTY,
    scramCredentials: new Map(),
  });

  readonly offset: number;
  readonly brokers: ReadonlyMap<number, BrokerRegistration>;
  readonly topics: ReadonlyMap<string, TopicImage>;
  readonly topicNamesById: ReadonlyMap<string, string>;
  readonly configs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly nextProducerId: number;
  readonly features: ReadonlyMap<string, number>;
  /** The ACLs (authorizer.ts decides with them). */
  readonly acls: AclImage;
  readonly scramCredentials: ReadonlyMap<string, ReadonlyMap<number, ScramCredential>>;

  /** Images are made by EMPTY.apply(...); this is for the builder. */
  constructor(parts: ImageParts) {
    this.offset = parts.offset;
    this.brokers = parts.brokers;
    this.topics = parts.topics;
    this.topicNamesById = parts.topicNamesById;
    this.configs = parts.configs;
    this.nextProducerId = parts.nextProducerId;
    this.features = parts.features;
    this.acls = parts.acls;
    this.scramCredentials = parts.scramCredentials;
  }

  scramCredential(user: string, mechanism: ScramMechanismName): ScramCredential | undefined {
    return this.scramCredentials.get(user)?.get(scramMechanismType(mechanism));
  }

  topicById(id: string): TopicImage | undefined {
    const name = this.topicNamesById.get(id);
    return name === undefined ? undefined : this.topics.get(name);
  }

  partition(topic: string, index: number): PartitionRegistration | undefined {
    return this.topics.get(topic)?.partitions.get(index);
  }

  configsOf(resourceType: number, name: string): ReadonlyMap<string, string> {
    return this.configs.get(`${resourceType}:${name}`) ?? new Map();
  }

  /**
   * Applies committed records, the last of them at `lastOffset`. All or nothing. With `fromSnapshot` the
   * records are a snapshot's (snapshot.ts), whose offsets are not the ones they were first written at.
   */
  apply(records: readonly MetadataRecord[], lastOffset: number, fromSnapshot = false): MetadataImage {
    const b = new ImageBuilder(this, fromSnapshot);
    for (let i = 0; i < records.length; i++) b.apply(records[i]!, lastOffset - records.length + 1 + i);
    return b.build(lastOffset);
  }
}

/** Copy-on-write over one image: only the maps a batch touches are copied. */
class ImageBuilder {
  #brokers: Map<number, BrokerRegistration> | null = null;
  #topics: Map<string, TopicImage> | null = null;
  #byId: Map<string, string> | null = null;
  #configs: Map<string, ReadonlyMap<string, string>> | null = null;
  #features: Map<string, number> | null = null;
  #acls: Map<string, StoredAcl> | null = null;
  #scram: Map<string, ReadonlyMap<number, ScramCredential>> | null = null;
  #nextProducerId: number;

  constructor(
    readonly base: MetadataImage,
    readonly fromSnapshot: boolean,
  ) {
    this.#nextProducerId = base.nextProducerId;
  }

  get brokers(): Map<number, BrokerRegistration> {
    this.#brokers ??= new Map(this.base.brokers);
    return this.#brokers;
  }
  get topics(): Map<string, TopicImage> {
    this.#topics ??= new Map(this.base.topics);
    return this.#topics;
  }
  get byId(): Map<string, string> {
    this.#byId ??= new Map(this.base.topicNamesById);
    return this.#byId;
  }
  get configs(): Map<string, ReadonlyMap<string, string>> {
    this.#configs ??= new Map(this.base.configs);
    return this.#configs;
  }
  get features(): Map<string, number> {
    this.#features ??= new Map(this.base.features);
    return this.#features;
  }
  get acls(): Map<string, StoredAcl> {
    this.#acls ??= new Map(this.base.acls.byId);
    return this.#acls;
  }

  get scram(): Map<string, ReadonlyMap<number, ScramCredential>> {
    this.#scram ??= new Map(this.base.scramCredentials);
    return this.#scram;
  }

  build(offset: number): MetadataImage {
    const b = this.base;
    return new MetadataImage({
      offset,
      brokers: this.#brokers ?? b.brokers,
      topics: this.#topics ?? b.topics,
      topicNamesById: this.#byId ?? b.topicNamesById,
      configs: this.#configs ?? b.configs,
      nextProducerId: this.#nextProducerId,
      features: this.#features ?? b.features,
      acls: this.#acls === null ? b.acls : new AclImage(this.#acls),
      scramCredentials: this.#scram ?? b.scramCredentials,
    });
  }

  apply(m: MetadataRecord, offset: number): void {
    const T = MetadataRecordType;
    switch (m.type) {
      case T.RegisterBrokerRecord:
        this.#register(m.record as RegisterBrokerRecord, offset);
        return;
      case T.UnregisterBrokerRecord: {
        const r = m.record as UnregisterBrokerRecord;
        this.#brokerAt(r.brokerId, r.brokerEpoch);
        this.brokers.delete(r.brokerId);
        return;
      }
      case T.FenceBrokerRecord: {
        const r = m.record as FenceBrokerRecord;
        this.brokers.set(r.id, { ...this.#brokerAt(r.id, r.epoch), fenced: true });
        return;
      }
      case T.UnfenceBrokerRecord: {
        const r = m.record as UnfenceBrokerRecord;
        this.brokers.set(r.id, { ...this.#brokerAt(r.id, r.epoch), fenced: false });
        return;
      }
      case T.BrokerRegistrationChangeRecord: {
        const r = m.record as BrokerRegistrationChangeRecord;
        const old = this.#brokerAt(r.brokerId, r.brokerEpoch);
        // fenced: 1 fences, -1 unfences, 0 leaves it; inControlledShutdown: 1 sets it, 0 leaves it.
        this.brokers.set(r.brokerId, {
          ...old,
          fenced: r.fenced === 1 ? true : r.fenced === -1 ? false : old.fenced,
          inControlledShutdown: r.inControlledShutdown === 1 ? true : old.inControlledShutdown,
        });
        return;
      }
      case T.TopicRecord: {
        const r = m.record as TopicRecord;
        if (this.topics.has(r.name)) throw new MetadataImageError(`topic ${r.name} exists already`);
        if (this.byId.has(r.topicId)) throw new MetadataImageError(`topic id ${r.topicId} is taken`);
        this.topics.set(r.name, { name: r.name, id: r.topicId, partitions: new Map() });
        this.byId.set(r.topicId, r.name);
        return;
      }
      case T.RemoveTopicRecord: {
        const r = m.record as RemoveTopicRecord;
        const topic = this.#topicById(r.topicId);
        this.topics.delete(topic.name);
        this.byId.delete(r.topicId);
        this.configs.delete(`${ConfigResourceType.Topic}:${topic.name}`);
        return;
      }
      case T.PartitionRecord:
        this.#partition(m.record as PartitionRecord);
        return;
      case T.PartitionChangeRecord:
        this.#partitionChange(m.record as PartitionChangeRecord);
        return;
      case T.ConfigRecord: {
        const r = m.record as ConfigRecord;
        const key = `${r.resourceType}:${r.resourceName}`;
        const next = new Map(this.configs.get(key) ?? []);
        if (r.value === null) next.delete(r.name);
        else next.set(r.name, r.value);
        if (next.size === 0) this.configs.delete(key);
        else this.configs.set(key, next);
        return;
      }
      case T.ProducerIdsRecord: {
        const r = m.record as ProducerIdsRecord;
        if (r.nextProducerId < this.#nextProducerId) {
          throw new MetadataImageError(`producer ids go back: ${r.nextProducerId} < ${this.#nextProducerId}`);
        }
        this.#nextProducerId = r.nextProducerId;
        return;
      }
      case T.FeatureLevelRecord: {
        const r = m.record as FeatureLevelRecord;
        if (r.featureLevel === 0) this.features.delete(r.name);
        else this.features.set(r.name, r.featureLevel);
        return;
      }
      case T.AccessControlEntryRecord: {
        const r = m.record as AccessControlEntryRecord;
        if (this.acls.has(r.id)) throw new MetadataImageError(`ACL id ${r.id} is taken`);
        this.acls.set(r.id, { ...pick(r), id: r.id });
        return;
      }
      case T.RemoveAccessControlEntryRecord: {
        const r = m.record as RemoveAccessControlEntryRecord;
        if (!this.acls.delete(r.id)) throw new MetadataImageError(`no ACL with id ${r.id}`);
        return;
      }
      case T.UserScramCredentialRecord: {
        const r = m.record as UserScramCredentialRecord;
        const next = new Map(this.scram.get(r.name) ?? []);
        next.set(r.mechanism, {
          salt: r.salt,
          storedKey: r.storedKey,
          serverKey: r.serverKey,
          iterations: r.iterations,
        });
        this.scram.set(r.name, next);
        return;
      }
      case T.RemoveUserScramCredentialRecord: {
        const r = m.record as RemoveUserScramCredentialRecord;
        const next = new Map(this.scram.get(r.name) ?? []);
        if (!next.delete(r.mechanism))
          throw new MetadataImageError(`user ${r.name} has no SCRAM credential of mechanism ${r.mechanism}`);
        if (next.size === 0) this.scram.delete(r.name);
        else this.scram.set(r.name, next);
        return;
      }
      case T.NoOpRecord:
        return;
      default:
        // Quotas, delegation tokens, transactions: not kept in the image yet.
        return;
    }
  }

  #register(r: RegisterBrokerRecord, offset: number): void {
    if (r.brokerEpoch !== offset && !this.fromSnapshot) {
      throw new MetadataImageError(
        `broker ${r.brokerId} registered with epoch ${r.brokerEpoch} at offset ${offset}`,
      );
    }
    this.brokers.set(r.brokerId, {
      id: r.brokerId,
      epoch: r.brokerEpoch,
      incarnationId: r.incarnationId,
      endpoints: r.endPoints.map((e) => ({ ...e })),
      rack: r.rack,
      fenced: r.fenced,
      inControlledShutdown: r.inControlledShutdown,
    });
  }

  #brokerAt(id: number, epoch: number): BrokerRegistration {
    const b = this.brokers.get(id);
    if (b === undefined) throw new MetadataImageError(`broker ${id} is not registered`);
    if (b.epoch !== epoch) throw new MetadataImageError(`broker ${id} is at epoch ${b.epoch}, not ${epoch}`);
    return b;
  }

  #topicById(id: string): TopicImage {
    const name = this.byId.get(id);
    const topic = name === undefined ? undefined : this.topics.get(name);
    if (topic === undefined) throw new MetadataImageError(`no topic with id ${id}`);
    return topic;
  }

  #setPartition(topic: TopicImage, index: number, p: PartitionRegistration): void {
    const partitions = new Map(topic.partitions);
    partitions.set(index, p);
    this.topics.set(topic.name, { ...topic, partitions });
  }

  #partition(r: PartitionRecord): void {
    const topic = this.#topicById(r.topicId);
    if (topic.partitions.has(r.partitionId)) {
      throw new MetadataImageError(`partition ${topic.name}-${r.partitionId} exists already`);
    }
    checkReplicas(r.replicas, r.isr, r.leader, `${topic.name}-${r.partitionId}`, r.eligibleLeaderReplicas);
    this.#setPartition(topic, r.partitionId, {
      replicas: [...r.replicas],
      isr: [...r.isr],
      removingReplicas: [...r.removingReplicas],
      addingReplicas: [...r.addingReplicas],
      leader: r.leader,
      leaderRecoveryState: r.leaderRecoveryState,
      leaderEpoch: r.leaderEpoch,
      partitionEpoch: r.partitionEpoch,
      eligibleLeaderReplicas: [...(r.eligibleLeaderReplicas ?? [])],
      lastKnownElr: [...(r.lastKnownElr ?? [])],
    });
  }

  #partitionChange(r: PartitionChangeRecord): void {
    const topic = this.#topicById(r.topicId);
    const old = topic.partitions.get(r.partitionId);
    const name = `${topic.name}-${r.partitionId}`;
    if (old === undefined) throw new MetadataImageError(`partition ${name} does not exist`);
    const leaderChanged = r.leader !== NO_LEADER_CHANGE;
    const next: PartitionRegistration = {
      replicas: r.replicas ?? old.replicas,
      isr: r.isr ?? old.isr,
      removingReplicas: r.removingReplicas ?? old.removingReplicas,
      addingReplicas: r.addingReplicas ?? old.addingReplicas,
      leader: leaderChanged ? r.leader : old.leader,
      leaderRecoveryState: r.leaderRecoveryState === -1 ? old.leaderRecoveryState : r.leaderRecoveryState,
      // As Kafka's PartitionRegistration.merge: naming a leader (even the same one) starts a new epoch.
      leaderEpoch: leaderChanged ? old.leaderEpoch + 1 : old.leaderEpoch,
      partitionEpoch: old.partitionEpoch + 1,
      eligibleLeaderReplicas: r.eligibleLeaderReplicas ?? old.eligibleLeaderReplicas,
      lastKnownElr: r.lastKnownElr ?? old.lastKnownElr,
    };
    checkReplicas(next.replicas, next.isr, next.leader, name, next.eligibleLeaderReplicas);
    this.#setPartition(topic, r.partitionId, next);
  }
}

function checkReplicas(
  replicas: readonly number[],
  isr: readonly number[],
  leader: number,
  name: string,
  elr: readonly number[] | null,
): void {
  if (replicas.length === 0) throw new MetadataImageError(`${name}: no replicas`);
  if (new Set(replicas).size !== replicas.length) throw new MetadataImageError(`${name}: replicas repeat`);
  for (const id of isr) {
    if (!replicas.includes(id)) throw new MetadataImageError(`${name}: ISR member ${id} is not a replica`);
  }
  if (leader >= 0 && !isr.includes(leader))
    throw new MetadataImageError(`${name}: leader ${leader} not in the ISR`);
  for (const id of elr ?? []) {
    if (!replicas.includes(id) || isr.includes(id))
      throw new MetadataImageError(`${name}: eligible leader replica ${id} is not a replica outside the ISR`);
  }
}
