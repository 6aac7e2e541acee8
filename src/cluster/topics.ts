// Topic registry: names, topic ids, partition counts and per-topic configs, kept on the main thread and
// persisted to <data-dir>/topics.json with an atomic rename so a crash leaves the old or the new file.
// When the file cannot be written (a full disk), a create or change is undone and refused with
// KAFKA_STORAGE_ERROR; a delete stays done in memory and is written later (see delete()).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../protocol/errors.js';
import { MAX_TOPIC_NAME_LENGTH, topicNameProblem } from '../protocol/topic-name.js';
import { writeFileDurably } from '../storage/checkpoint-file.js';

/** Kafka's transaction coordinator topic (created like __consumer_offsets, on first use). */
export const TRANSACTION_STATE_TOPIC = '__transaction_state';

/** Internal topics the broker writes itself (the coordinators' logs); clients cannot create them. */
export const RESERVED_TOPICS: ReadonlySet<string> = new Set([
  '__consumer_offsets',
  '__cluster_metadata',
  TRANSACTION_STATE_TOPIC,
]);

export interface TopicInfo {
  name: string;
  /** 16 random bytes, as Kafka's topic ids. */
  topicId: Buffer;
  partitions: number;
  /** Only the configs set explicitly for this topic; defaults come from the broker. */
  configs: Record<string, string>;
  internal: boolean;
}

export interface TopicDefaults {
  maxPartitionsPerTopic: number;
}

/** Config keys a topic accepts, with validation. Values are kept as strings, as Kafka's admin API carries them. */
const TOPIC_CONFIGS: Record<string, (v: string) => boolean> = {
  'cleanup.policy': (v) => /^(delete|compact|compact,delete|delete,compact)$/.test(v),
  'retention.ms': (v) => /^-?\d+$/.test(v) && Number(v) >= -1,
  'retention.bytes': (v) => /^-?\d+$/.test(v) && Number(v) >= -1,
  'segment.bytes': (v) => /^\d+$/.test(v) && Number(v) >= 14,
  'segment.ms': (v) => /^\d+$/.test(v) && Number(v) >= 1,
  'max.message.bytes': (v) => /^\d+$/.test(v),
  'message.timestamp.type': (v) => v === 'CreateTime' || v === 'LogAppendTime',
  'min.insync.replicas': (v) => /^\d+$/.test(v) && Number(v) >= 1,
  'unclean.leader.election.enable': (v) => v === 'true' || v === 'false',
  'compression.type': (v) => /^(producer|uncompressed|gzip|snappy|lz4|zstd)$/.test(v),
  'delete.retention.ms': (v) => /^\d+$/.test(v),
  'flush.ms': (v) => /^\d+$/.test(v),
  'flush.messages': (v) => /^\d+$/.test(v),
  'index.interval.bytes': (v) => /^\d+$/.test(v),
  'segment.index.bytes': (v) => /^\d+$/.test(v) && Number(v) >= 4,
  'min.cleanable.dirty.ratio': (v) => /^\d*\.?\d+$/.test(v) && Number(v) >= 0 && Number(v) <= 1,
  'leader.replication.throttled.replicas': throttledReplicas,
  'follower.replication.throttled.replicas': throttledReplicas,
};

/** '*' (every replica), or a list of partition:broker (Kafka's ThrottledReplicaListValidator); '' for none. */
function throttledReplicas(v: string): boolean {
  const t = v.trim();
  return t === '' || t === '*' || t.split(',').every((e) => /^\s*\d+\s*:\s*\d+\s*$/.test(e));
}

export function isKnownTopicConfig(key: string): boolean {
  return key in TOPIC_CONFIGS;
}

export function validateTopicConfig(key: string, value: string): boolean {
  const check = TOPIC_CONFIGS[key];
  return check?.(value) === true;
}

export { MAX_TOPIC_NAME_LENGTH, topicNameProblem };

export class TopicError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class TopicRegistry {
  readonly #topics = new Map<string, TopicInfo>();
  readonly #byId = new Map<string, TopicInfo>();
  readonly #file: string;
  /** Memory is ahead of topics.json: a delete whose write failed. Any later successful write clears it. */
  #unsaved = false;

  readonly #limits: TopicDefaults;

  constructor(
    readonly dataDir: string,
    limits: TopicDefaults = { maxPartitionsPerTopic: 10_000 },
  ) {
    this.#limits = limits;
    mkdirSync(dataDir, { recursive: true });
    this.#file = join(dataDir, 'topics.json');
    if (existsSync(this.#file)) {
      const saved = JSON.parse(readFileSync(this.#file, 'utf8')) as {
        topics: {
          name: string;
          topicId: string;
          partitions: number;
          configs: Record<string, string>;
          internal?: boolean;
        }[];
      };
      for (const t of saved.topics) {
        this.#index({
          name: t.name,
          topicId: Buffer.from(t.topicId, 'base64url'),
          partitions: t.partitions,
          configs: t.configs,
          internal: t.internal ?? false,
        });
      }
    }
  }

  get(name: string): TopicInfo | undefined {
    return this.#topics.get(name);
  }

  getById(topicId: Buffer): TopicInfo | undefined {
    return this.#byId.get(topicId.toString('hex'));
  }

  list(): TopicInfo[] {
    return [...this.#topics.values()];
  }

  /** Validates without creating (CreateTopics with validate_only). Throws TopicError. */
  check(name: string, partitions: number, configs: Record<string, string>): void {
    const problem = topicNameProblem(name);
    if (problem) throw new TopicError(ErrorCode.INVALID_TOPIC_EXCEPTION, problem);
    if (RESERVED_TOPICS.has(name)) {
      throw new TopicError(ErrorCode.INVALID_TOPIC_EXCEPTION, `topic '${name}' is reserved for the broker`);
    }
    if (this.#topics.has(name))
      throw new TopicError(ErrorCode.TOPIC_ALREADY_EXISTS, `topic '${name}' already exists`);
    // Kafka refuses names that differ only by '.' versus '_' (they collide in metric names).
    const folded = name.replaceAll('.', '_');
    for (const other of this.#topics.keys()) {
      if (other.replaceAll('.', '_') === folded) {
        throw new TopicError(
          ErrorCode.INVALID_TOPIC_EXCEPTION,
          `topic '${name}' collides with existing '${other}'`,
        );
      }
    }
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > this.#limits.maxPartitionsPerTopic) {
      throw new TopicError(
        ErrorCode.INVALID_PARTITIONS,
        `number of partitions must be in [1, ${this.#limits.maxPartitionsPerTopic}]`,
      );
    }
    for (const [k, v] of Object.entries(configs)) {
      if (!isKnownTopicConfig(k))
        throw new TopicError(ErrorCode.INVALID_CONFIG, `unknown topic config '${k}'`);
      if (!validateTopicConfig(k, v))
        throw new TopicError(ErrorCode.INVALID_CONFIG, `invalid value '${v}' for ${k}`);
    }
  }

  create(
    name: string,
    partitions: number,
    configs: Record<string, string> = {},
    internal = false,
  ): TopicInfo {
    this.check(name, partitions, configs);
    const info: TopicInfo = { name, topicId: randomBytes(16), partitions, configs: { ...configs }, internal };
    this.#index(info);
    this.#saveOrUndo(() => {
      this.#topics.delete(name);
      this.#byId.delete(info.topicId.toString('hex'));
    });
    return info;
  }

  /**
   * Records a topic the metadata quorum created, as it is there (the controller already validated it; its id
   * and partition count are the cluster's, not this node's to choose). Replaces a local topic of the same
   * name. Throws TopicError(KAFKA_STORAGE_ERROR) when topics.json cannot be written.
   */
  adopt(info: TopicInfo): void {
    const before = this.#topics.get(info.name);
    if (before !== undefined) this.#byId.delete(before.topicId.toString('hex'));
    const copy = { ...info, configs: { ...info.configs } };
    this.#index(copy);
    this.#saveOrUndo(() => {
      this.#byId.delete(copy.topicId.toString('hex'));
      this.#topics.delete(copy.name);
      if (before !== undefined) this.#index(before);
    });
  }

  /**
   * Forgets the topic at once. If topics.json cannot be written (a full disk), the delete still stands in
   * memory and `hasUnsavedChanges` says so: the caller frees the topic's data, which makes room, then
   * calls saveNow(). Until a write succeeds, a restart would bring the topic back.
   */
  delete(name: string): TopicInfo {
    const info = this.#topics.get(name);
    if (!info) throw new TopicError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${name}'`);
    this.#topics.delete(name);
    this.#byId.delete(info.topicId.toString('hex'));
    try {
      this.#save();
    } catch {
      this.#unsaved = true;
    }
    return info;
  }

  get hasUnsavedChanges(): boolean {
    return this.#unsaved;
  }

  /** Writes topics.json now; throws TopicError(KAFKA_STORAGE_ERROR) if it fails. */
  saveNow(): void {
    this.#saveOrUndo(() => {});
  }

  /** CreatePartitions: grows a topic to `total` partitions (never shrinks). */
  checkAddPartitions(name: string, total: number): TopicInfo {
    const info = this.#topics.get(name);
    if (!info) throw new TopicError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${name}'`);
    if (!Number.isInteger(total) || total <= info.partitions) {
      throw new TopicError(
        ErrorCode.INVALID_PARTITIONS,
        `topic '${name}' has ${info.partitions} partitions; the new count must be larger`,
      );
    }
    if (total > this.#limits.maxPartitionsPerTopic) {
      throw new TopicError(
        ErrorCode.INVALID_PARTITIONS,
        `at most ${this.#limits.maxPartitionsPerTopic} partitions`,
      );
    }
    return info;
  }

  addPartitions(name: string, total: number): TopicInfo {
    const info = this.checkAddPartitions(name, total);
    const before = info.partitions;
    info.partitions = total;
    this.#saveOrUndo(() => {
      info.partitions = before;
    });
    return info;
  }

  setConfigs(name: string, configs: Record<string, string>): void {
    const info = this.#topics.get(name);
    if (!info) throw new TopicError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic '${name}'`);
    const before = info.configs;
    info.configs = { ...configs };
    this.#saveOrUndo(() => {
      info.configs = before;
    });
  }

  #index(info: TopicInfo): void {
    this.#topics.set(info.name, info);
    this.#byId.set(info.topicId.toString('hex'), info);
  }

  /** Saves; on failure runs `undo` (memory back as the file has it) and throws KAFKA_STORAGE_ERROR. */
  #saveOrUndo(undo: () => void): void {
    try {
      this.#save();
    } catch (e) {
      undo();
      throw new TopicError(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `cannot write ${this.#file}: ${(e as Error).message}`,
      );
    }
  }

  #save(): void {
    const body = JSON.stringify(
      {
        version: 1,
        topics: this.list().map((t) => ({
          name: t.name,
          topicId: t.topicId.toString('base64url'),
          partitions: t.partitions,
          configs: t.configs,
          internal: t.internal,
        })),
      },
      null,
      1,
    );
    // Topic changes are rare; losing one after a power cut is not acceptable.
    writeFileDurably(this.#file, body);
    this.#unsaved = false;
  }
}
