// Metadata, versions 0-12.
//
// The brokers (the registered, unfenced ones of the metadata image, with their racks, at their addresses on
// the listener the request came in on, as Kafka answers; a broker without that listener is left out; this one alone while
// it has not caught up), the cluster id, the controller (the quorum's leader when listed), and topics: all
// of them (v0: an empty list; v1+: null) or those asked, by name or (v10+) by id. Each partition's leader,
// leader epoch, replicas and ISR are its replica state's; a partition without a leader is
// LEADER_NOT_AVAILABLE. An unknown topic asked by name is auto-created when auto.create.topics.enable and the
// request allows it (always before v4, then allow_auto_topic_creation): asked of the controller, it is
// LEADER_NOT_AVAILABLE (retriable) until it exists here, except on a broker alone, which waits (bounded) for
// its own commit and answers with the new topic, as clients of one broker expect. Else
// UNKNOWN_TOPIC_OR_PARTITION, or INVALID_TOPIC_EXCEPTION for an illegal name; an unknown id is
// UNKNOWN_TOPIC_ID. Authorized operations (v8+) report everything allowed: no ACLs.
// Skipped: offline replicas.
import { type BrokerCluster, controllerForClients, liveBrokers } from '../../cluster/broker-cluster.js';
import { RESERVED_TOPICS, type TopicInfo, topicNameProblem } from '../../cluster/topics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { MetadataApi } from '../../protocol/generated/api-keys.js';
import {
  createMetadataResponse,
  type MetadataRequest,
  type MetadataResponse,
  type MetadataResponseMetadataResponsePartition,
  type MetadataResponseMetadataResponseTopic,
} from '../../protocol/generated/metadata.js';
import { ZERO_UUID } from '../../protocol/reader.js';
import { type BrokerContext, defineHandler } from '../handler.js';

const NOT_REQUESTED = -2147483648;
// AclOperation codes: READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11.
const TOPIC_OPERATIONS = [3, 4, 5, 6, 7, 8, 10, 11].reduce((bits, op) => bits | (1 << op), 0);
// CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12.
const CLUSTER_OPERATIONS = [5, 7, 8, 9, 10, 11, 12].reduce((bits, op) => bits | (1 << op), 0);

/** Longest a broker alone waits for a topic it auto-creates to commit before answering. */
const SOLO_AUTO_CREATE_WAIT_MS = 1000;

export const metadata = defineHandler(MetadataApi, 0, 12, (ctx, req, version, _header, _timing, session) => {
  const creating = new Map<string, Promise<number>>();
  const res = answer(ctx, req, version, creating, null, session.listenerName);
  if (creating.size === 0) return res;
  // Asked again once created: a topic now there is answered as it is, one refused with the refusal.
  const names = [...creating.keys()];
  return Promise.all(creating.values()).then((codes) => {
    const refused = new Map<string, number>();
    codes.forEach((code, i) => {
      if (code !== ErrorCode.NONE && code !== ErrorCode.LEADER_NOT_AVAILABLE) refused.set(names[i]!, code);
    });
    return answer(ctx, req, version, null, refused, session.listenerName);
  });
});

/**
 * `creating` collects the auto-creations to wait for (a broker alone; null: none); `refused` answers the
 * auto-creations that failed with their error code.
 */
function answer(
  ctx: BrokerContext,
  req: MetadataRequest,
  version: number,
  creating: Map<string, Promise<number>> | null,
  refused: ReadonlyMap<string, number> | null,
  listener: string,
): MetadataResponse {
  const topicOps = version >= 8 && req.includeTopicAuthorizedOperations ? TOPIC_OPERATIONS : NOT_REQUESTED;
  const topics: MetadataResponseMetadataResponseTopic[] = [];
  const all = req.topics === null || (version === 0 && req.topics.length === 0);
  if (all) {
    for (const info of ctx.replicas.topicList()) topics.push(describeTopic(ctx, info, topicOps));
  } else {
    const allowAutoCreate = version < 4 || req.allowAutoTopicCreation;
    for (const t of req.topics ?? []) {
      if (t.name === null) {
        const info = ctx.replicas.topicById(t.topicId);
        topics.push(
          info === undefined
            ? missing(null, t.topicId, ErrorCode.UNKNOWN_TOPIC_ID)
            : describeTopic(ctx, info, topicOps),
        );
        continue;
      }
      const found = refused?.get(t.name) ?? lookUp(ctx, t.name, allowAutoCreate, creating);
      topics.push(
        typeof found === 'number' ? missing(t.name, ZERO_UUID, found) : describeTopic(ctx, found, topicOps),
      );
    }
  }
  const brokers = liveOrSelf(ctx, ctx.cluster, listener);
  return createMetadataResponse({
    brokers,
    clusterId: ctx.clusterId,
    controllerId: controllerForClients(brokers, ctx.cluster.controllerId, ctx.nodeId),
    topics,
    clusterAuthorizedOperations:
      version >= 8 && req.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : NOT_REQUESTED,
  });
}

/** The cluster's live brokers; this one alone while it has not caught up with the metadata (so clients keep a way in). */
function liveOrSelf(ctx: BrokerContext, cluster: BrokerCluster, listener: string) {
  const live = liveBrokers(cluster.image, listener);
  if (live.length > 0) return live;
  const self = ctx.advertisedOn(listener) ?? ctx.advertised;
  return [{ nodeId: ctx.nodeId, host: self.host, port: self.port, rack: ctx.config.rack }];
}

/** A topic as this broker knows it; a missing one is asked of the controller when allowed. */
function lookUp(
  ctx: BrokerContext,
  name: string,
  allowAutoCreate: boolean,
  creating: Map<string, Promise<number>> | null,
): TopicInfo | number {
  const info = ctx.replicas.topic(name);
  if (info !== undefined) return info;
  if (topicNameProblem(name) !== null) return ErrorCode.INVALID_TOPIC_EXCEPTION;
  if (!allowAutoCreate || !ctx.config.autoCreateTopics || RESERVED_TOPICS.has(name)) {
    return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
  }
  const created = ctx.cluster.autoCreateTopic(name, ctx.cluster.solo ? SOLO_AUTO_CREATE_WAIT_MS : 0);
  if (ctx.cluster.solo) creating?.set(name, created);
  return ErrorCode.LEADER_NOT_AVAILABLE;
}

function missing(
  name: string | null,
  topicId: string,
  errorCode: number,
): MetadataResponseMetadataResponseTopic {
  return {
    errorCode,
    name,
    topicId,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: NOT_REQUESTED,
  };
}

function describeTopic(
  ctx: BrokerContext,
  info: TopicInfo,
  topicOps: number,
): MetadataResponseMetadataResponseTopic {
  const partitions: MetadataResponseMetadataResponsePartition[] = [];
  for (const s of ctx.replicas.partitions(info.name)) {
    partitions.push({
      errorCode: s.leaderId < 0 ? ErrorCode.LEADER_NOT_AVAILABLE : ErrorCode.NONE,
      partitionIndex: s.partition,
      leaderId: s.leaderId,
      leaderEpoch: s.leaderEpoch,
      replicaNodes: s.replicas as number[],
      isrNodes: s.isr as number[],
      offlineReplicas: [],
    });
  }
  return {
    errorCode: ErrorCode.NONE,
    name: info.name,
    topicId: info.topicId.toString('base64url'),
    isInternal: info.internal,
    partitions,
    topicAuthorizedOperations: topicOps,
  };
}
