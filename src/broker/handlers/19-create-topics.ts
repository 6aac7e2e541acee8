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
// Authorization (with --authorizer): CREATE on the cluster, or on each topic (else TOPIC_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api-keys.js';
import {
  createCreateTopicsResponse,
  createCreateTopicsResponseCreatableTopicResult,
} from '../../protocol/generated/create-topics.js';
import { defineHandler } from '../handler.js';

export const createTopics = defineHandler(
  CreateTopicsApi,
  0,
  7,
  async (ctx, req, version, header, _timing, session) => {
    const authz = ctx.authorizer;
    if (authz === null || authz.authorizeCluster(session, AclOperation.CREATE))
      return ctx.cluster.createTopics(req, version, header.clientId);
    const mayCreate = (name: string) =>
      authz.authorize(session, AclOperation.CREATE, ResourceType.TOPIC, name);
    const asked = req.topics.filter((t) => mayCreate(t.name));
    const res =
      asked.length === 0
        ? createCreateTopicsResponse({ topics: [] })
        : await ctx.cluster.createTopics({ ...req, topics: asked }, version, header.clientId);
    for (const t of req.topics) {
      if (mayCreate(t.name)) continue;
      res.topics.push(
        createCreateTopicsResponseCreatableTopicResult({
          name: t.name,
          errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
          errorMessage: 'not authorized to create the topic',
        }),
      );
    }
    return res;
  },
);
