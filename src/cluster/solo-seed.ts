// The first metadata of a broker that is its own one-voter quorum: what its data dir already holds, as the
// records a controller would have written for it. A data dir of a lone broker from before the quorum
// (topics.json, partition directories, __consumer_offsets, the producer-id block file) thus starts with the
// same topics, topic ids, configs and producer ids, and ReplicaManager.applyImage adopts them and deletes
// nothing. Written once, as the metadata log's first snapshot, before the quorum first starts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createPartitionRecord,
  createProducerIdsRecord,
  MetadataRecordType as T,
} from '../protocol/generated/metadata/index.js';
import { randomUuid, uuidFromBytes } from '../protocol/uuid.js';
import { ConfigResourceType } from './metadata/image.js';
import type { MetadataRecord } from './metadata/records.js';
import { INITIAL_LEADER_EPOCH } from './partition-state.js';
import { TopicRegistry } from './topics.js';

/** A lone broker's producer id block file: the end of the last block reserved, one decimal number. */
export const LONE_PRODUCER_ID_FILE = 'producer-id-block';

const OFFSETS_TOPIC = '__consumer_offsets';

export interface SoloSeedOptions {
  dataDir: string;
  nodeId: number;
  /** offsets.topic.num.partitions: __consumer_offsets is made at once, as a lone broker always had it. */
  offsetsTopicPartitions: number;
}

export interface SoloSeed {
  records: MetadataRecord[];
  /** Topics from topics.json (internal ones included). */
  topics: number;
  /** The first producer id a new block may hand out. */
  nextProducerId: number;
}

/**
 * Records for every topic in topics.json (same ids and configs, every partition led by this node at the
 * initial epoch), __consumer_offsets (a new id unless topics.json has it), and a ProducerIdsRecord past every
 * id the lone broker reserved. Throws when topics.json or the block file cannot be read.
 */
export function soloSeed(o: SoloSeedOptions): SoloSeed {
  const registry = new TopicRegistry(o.dataDir);
  const records: MetadataRecord[] = [];
  const add = (name: string, topicId: string, partitions: number, configs: Record<string, string>) => {
    records.push({ type: T.TopicRecord, version: 0, record: { name, topicId } });
    for (const [key, value] of Object.entries(configs)) {
      records.push({
        type: T.ConfigRecord,
        version: 0,
        record: { resourceType: ConfigResourceType.Topic, resourceName: name, name: key, value },
      });
    }
    for (let p = 0; p < partitions; p++) {
      records.push({
        type: T.PartitionRecord,
        version: 0,
        record: createPartitionRecord({
          partitionId: p,
          topicId,
          replicas: [o.nodeId],
          isr: [o.nodeId],
          leader: o.nodeId,
          leaderEpoch: INITIAL_LEADER_EPOCH,
          partitionEpoch: 0,
        }),
      });
    }
  };
  const topics = registry.list();
  for (const t of topics) add(t.name, uuidFromBytes(t.topicId), t.partitions, t.configs);
  if (registry.get(OFFSETS_TOPIC) === undefined) {
    add(OFFSETS_TOPIC, randomUuid(), o.offsetsTopicPartitions, { 'cleanup.policy': 'compact' });
  }
  const nextProducerId = readProducerIdBlockEnd(join(o.dataDir, LONE_PRODUCER_ID_FILE));
  if (nextProducerId > 0) {
    records.push({
      type: T.ProducerIdsRecord,
      version: 0,
      record: createProducerIdsRecord({ brokerId: o.nodeId, brokerEpoch: -1, nextProducerId }),
    });
  }
  return { records, topics: topics.length, nextProducerId };
}

/** 0 when there is no file (no id was ever handed out). */
function readProducerIdBlockEnd(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, 'utf8').trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new Error(`${file} is damaged: '${text.slice(0, 40)}'`);
  return Number(text);
}
