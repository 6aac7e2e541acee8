// DeleteTopics, versions 0-6.
//
// In a cluster the active controller decides: the request goes to it (cluster.ts) and is answered once the
// change is visible on this broker. What follows is the lone broker's own handling.
//
// By name (topic_names, v0-5) or by name or id (topics, v6; UNKNOWN_TOPIC_ID for an unknown id). The replica
// manager removes the topic (registry first, so no new request finds it; parked fetches on it wake and
// answer; then each partition's log is closed and its directory removed by its owner thread). Internal
// topics cannot be deleted (INVALID_REQUEST). v5+ carries error messages. On a full disk the topic
// registry write is retried once the data is gone; if it still fails the answer is KAFKA_STORAGE_ERROR.
// Skipped: timeout_ms (deletion is immediate), delete.topic.enable (always enabled).

import { TopicError, type TopicInfo } from '../../cluster/topics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DeleteTopicsApi } from '../../protocol/generated/api-keys.js';
import {
  createDeleteTopicsResponse,
  type DeleteTopicsResponseDeletableTopicResult,
} from '../../protocol/generated/delete-topics.js';
import { ZERO_UUID } from '../../protocol/reader.js';
import { type BrokerContext, defineHandler } from '../handler.js';

export const deleteTopics = defineHandler(DeleteTopicsApi, 0, 6, async (ctx, req, version) => {
  if (ctx.cluster !== null) return ctx.cluster.deleteTopics(req, version);
  const asked: { name: string | null; topicId: string }[] =
    version >= 6 ? req.topics : req.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
  const responses = await Promise.all(asked.map((t) => deleteOne(ctx, t.name, t.topicId, version)));
  return createDeleteTopicsResponse({ responses });
});

async function deleteOne(
  ctx: BrokerContext,
  name: string | null,
  topicId: string,
  version: number,
): Promise<DeleteTopicsResponseDeletableTopicResult> {
  const byId = name === null || (version >= 6 && topicId !== ZERO_UUID);
  let info: TopicInfo | undefined;
  if (byId) {
    info = ctx.replicas.topicById(topicId);
    if (info === undefined || (name !== null && info.name !== name)) {
      return {
        name,
        topicId,
        errorCode: ErrorCode.UNKNOWN_TOPIC_ID,
        errorMessage: `unknown topic id ${topicId}`,
      };
    }
  } else {
    info = ctx.replicas.topic(name);
    if (info === undefined) {
      return {
        name,
        topicId,
        errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        errorMessage: `unknown topic '${name}'`,
      };
    }
  }
  const id = info.topicId.toString('base64url');
  if (info.internal) {
    return {
      name: info.name,
      topicId: id,
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: 'internal topic',
    };
  }
  try {
    await ctx.replicas.deleteTopic(info);
  } catch (err) {
    if (!(err instanceof TopicError)) throw err;
    ctx.log.error(`deleting topic ${info.name}: ${err.message}; the topic returns after a restart`);
    return { name: info.name, topicId: id, errorCode: err.code, errorMessage: err.message };
  }
  return { name: info.name, topicId: id, errorCode: ErrorCode.NONE, errorMessage: null };
}
