// CreateTopics, versions 0-7.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the topic exists on this broker. The checks are
// the controller's (src/cluster/metadata/controller-rpc.ts): Kafka's name rules, num_partitions (-1:
// num.partitions, v4+), replication factor 1 (more is INVALID_REPLICATION_FACTOR until followers fetch) or
// manual assignments of registered brokers, configs the partition logs accept (INVALID_CONFIG), a name given
// twice INVALID_REQUEST; internal topics are refused to clients. validate_only checks without creating. v1+
// carries error messages, v5+ the resulting partition count, replication factor and configs, v7 the topic id.
// Skipped: timeout_ms (answers wait for the commit), CreateTopicPolicy, quotas (THROTTLING_QUOTA_EXCEEDED).
import { CreateTopicsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const createTopics = defineHandler(CreateTopicsApi, 0, 7, (ctx, req, version, header) =>
  ctx.cluster.createTopics(req, version, header.clientId),
);
