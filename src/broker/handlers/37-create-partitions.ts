// CreatePartitions, versions 0-3.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the new partitions exist on this broker. Grows
// a topic to `count` partitions (never shrinks: INVALID_PARTITIONS), placed by the controller or as the
// manual assignments say (registered brokers, one replica each until followers fetch:
// INVALID_REPLICA_ASSIGNMENT otherwise). validate_only checks without changing anything.
// Skipped: timeout_ms (answers wait for the commit), quotas.
// Authorization (with --authorizer): ALTER on each topic, else TOPIC_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { CreatePartitionsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';

export const createPartitions = defineHandler(
  CreatePartitionsApi,
  0,
  3,
  async (ctx, req, version, _header, _timing, session) => {
    const mayAlter = (name: string) =>
      allowed(ctx.authorizer, session, AclOperation.ALTER, ResourceType.TOPIC, name);
    if (req.topics.every((t) => mayAlter(t.name))) return ctx.cluster.createPartitions(req, version);
    const asked = req.topics.filter((t) => mayAlter(t.name));
    const res =
      asked.length === 0
        ? { throttleTimeMs: 0, results: [] }
        : await ctx.cluster.createPartitions({ ...req, topics: asked }, version);
    for (const t of req.topics)
      if (!mayAlter(t.name))
        res.results.push({
          name: t.name,
          errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
          errorMessage: null,
        });
    return res;
  },
);
