// DeleteTopics, versions 0-6.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the topic is gone from this broker, whose
// replica manager removes it first (parked fetches on it wake and answer; each partition's log is closed and
// its directory removed by its owner thread). By name (topic_names, v0-5) or by name or id (topics, v6;
// UNKNOWN_TOPIC_ID for an unknown id). v5+ carries error messages.
// Skipped: timeout_ms (answers wait for the commit), delete.topic.enable (always enabled).
import { DeleteTopicsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const deleteTopics = defineHandler(DeleteTopicsApi, 0, 6, async (ctx, req, version) => {
  const res = await ctx.cluster.deleteTopics(req, version);
  // The space is free when the client hears back (a full disk is why one deletes).
  await ctx.replicas.removalsSettled();
  return res;
});
