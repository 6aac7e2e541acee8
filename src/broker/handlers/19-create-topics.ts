// CreateTopics, versions 0-7.
//
// In a cluster the active controller decides: the request goes to it (cluster.ts) and is answered once the
// change is visible on this broker. What follows is the lone broker's own handling.
//
// Per topic: Kafka's name rules, num_partitions (-1: num.partitions, v4+), replication_factor -1 or 1 (any
// more is INVALID_REPLICATION_FACTOR: one broker), or manual assignments naming only this node, and
// configs from the known topic configs, also checked against what the partition logs accept (INVALID_CONFIG
// otherwise: e.g. segment.bytes below a batch header). Duplicate names in one request get INVALID_REQUEST.
// validate_only checks without creating. v1+ carries error messages, v5+ the resulting partition count, replication factor
// and configs, v7 the topic id. Partitions are made on disk before the answer.
// Skipped: timeout_ms (creation is immediate), CreateTopicPolicy, quotas (THROTTLING_QUOTA_EXCEEDED).

import { topicConfigEntries } from '../../cluster/topic-configs.js';
import { TopicError } from '../../cluster/topics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api-keys.js';
import {
  type CreateTopicsRequestCreatableTopic,
  type CreateTopicsResponseCreatableTopicResult,
  createCreateTopicsResponse,
  createCreateTopicsResponseCreatableTopicResult,
} from '../../protocol/generated/create-topics.js';
import { type BrokerContext, defineHandler } from '../handler.js';

export const createTopics = defineHandler(CreateTopicsApi, 0, 7, async (ctx, req, version, header) => {
  if (ctx.cluster !== null) return ctx.cluster.createTopics(req, version, header.clientId);
  const counts = new Map<string, number>();
  for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const results = await Promise.all(
    req.topics.map((t) =>
      (counts.get(t.name) ?? 0) > 1
        ? failure(
            t.name,
            ErrorCode.INVALID_REQUEST,
            `topic '${t.name}' appears more than once in the request`,
          )
        : createOne(ctx, t, req.validateOnly),
    ),
  );
  return createCreateTopicsResponse({ topics: results });
});

async function createOne(
  ctx: BrokerContext,
  t: CreateTopicsRequestCreatableTopic,
  validateOnly: boolean,
): Promise<CreateTopicsResponseCreatableTopicResult> {
  let partitions = t.numPartitions === -1 ? ctx.config.numPartitions : t.numPartitions;
  if (t.assignments.length > 0) {
    if (t.numPartitions !== -1 || t.replicationFactor !== -1) {
      return failure(
        t.name,
        ErrorCode.INVALID_REQUEST,
        'give either assignments or partitions and replication factor',
      );
    }
    const seen = new Set<number>();
    for (const a of t.assignments) {
      if (a.brokerIds.length !== 1 || a.brokerIds[0] !== ctx.nodeId) {
        return failure(
          t.name,
          ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          `only node ${ctx.nodeId} can hold replicas`,
        );
      }
      seen.add(a.partitionIndex);
    }
    for (let i = 0; i < t.assignments.length; i++) {
      if (!seen.has(i)) {
        return failure(t.name, ErrorCode.INVALID_REPLICA_ASSIGNMENT, 'partitions must be numbered 0 to n-1');
      }
    }
    partitions = t.assignments.length;
  } else if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
    return failure(
      t.name,
      ErrorCode.INVALID_REPLICATION_FACTOR,
      `replication factor ${t.replicationFactor}: this cluster has one broker`,
    );
  }
  const configs: Record<string, string> = {};
  for (const c of t.configs) {
    if (c.value === null) return failure(t.name, ErrorCode.INVALID_CONFIG, `null value for config ${c.name}`);
    configs[c.name] = c.value;
  }
  try {
    let topicId = '';
    if (validateOnly) {
      ctx.replicas.checkNewTopic(t.name, partitions, configs);
    } else {
      const created = ctx.replicas.createTopic(t.name, partitions, configs);
      topicId = created.info.topicId.toString('base64url');
      const opened = await created.ready;
      if (opened !== ErrorCode.NONE) return failure(t.name, opened, 'could not create the partition logs');
    }
    return createCreateTopicsResponseCreatableTopicResult({
      name: t.name,
      ...(topicId === '' ? {} : { topicId }),
      errorMessage: null,
      numPartitions: partitions,
      replicationFactor: 1,
      configs: topicConfigEntries(ctx.config, configs).map((e) => ({
        name: e.name,
        value: e.value,
        readOnly: false,
        configSource: e.source,
        isSensitive: false,
      })),
    });
  } catch (err) {
    if (err instanceof TopicError) return failure(t.name, err.code, err.message);
    throw err;
  }
}

function failure(name: string, errorCode: number, message: string): CreateTopicsResponseCreatableTopicResult {
  return createCreateTopicsResponseCreatableTopicResult({
    name,
    errorCode,
    errorMessage: message,
    configs: null,
  });
}
