// DeleteTopics, versions 0-6.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the topic is gone from this broker, whose
// replica manager removes it first (parked fetches on it wake and answer; each partition's log is closed and
// its directory removed by its owner thread). By name (topic_names, v0-5) or by name or id (topics, v6;
// UNKNOWN_TOPIC_ID for an unknown id). v5+ carries error messages.
// Skipped: timeout_ms (answers wait for the commit), delete.topic.enable (always enabled).
// Authorization (with --authorizer): DELETE on the cluster or on each topic, else TOPIC_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DeleteTopicsApi } from '../../protocol/generated/api-keys.js';
import {
  createDeleteTopicsResponse,
  type DeleteTopicsResponseDeletableTopicResult,
} from '../../protocol/generated/delete-topics.js';
import { ZERO_UUID } from '../../protocol/reader.js';
import { defineHandler } from '../handler.js';

export const deleteTopics = defineHandler(
  DeleteTopicsApi,
  0,
  6,
  async (ctx, req, version, _header, _timing, session) => {
    const authz = ctx.authorizer;
    const refused: DeleteTopicsResponseDeletableTopicResult[] = [];
    if (authz !== null && !authz.authorizeCluster(session, AclOperation.DELETE)) {
      const may = (op: number, name: string) => authz.authorize(session, op, ResourceType.TOPIC, name);
      const refuse = (name: string | null, topicId: string) =>
        refused.push({ name, topicId, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: null });
      const topicNames = req.topicNames.filter(
        (n) => may(AclOperation.DELETE, n) || refuse(n, ZERO_UUID) < 0,
      );
      const topics = req.topics.filter((t) => {
        const name = t.name ?? ctx.cluster.image.topicNamesById.get(t.topicId);
        if (name === undefined || may(AclOperation.DELETE, name)) return true;
        // A topic named by id that the principal may not even describe keeps its name to itself.
        refuse(t.name !== null || may(AclOperation.DESCRIBE, name) ? name : null, t.topicId);
        return false;
      });
      req = { ...req, topicNames, topics };
    }
    const res =
      refused.length > 0 && req.topicNames.length === 0 && req.topics.length === 0
        ? createDeleteTopicsResponse({ responses: [] })
        : await ctx.cluster.deleteTopics(req, version);
    res.responses.push(...refused);
    // The space is free when the client hears back (a full disk is why one deletes).
    await ctx.replicas.removalsSettled();
    return res;
  },
);
