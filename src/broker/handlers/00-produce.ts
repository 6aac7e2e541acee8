// Produce, versions 3-11 (record batch v2 only; v0-2 carry the old message sets).
//
// acks 0 (no response; a failure closes the connection so the producer notices, as Kafka does), 1, and -1
// (one replica: same as 1; the acknowledgement waits for fsync when log.flush.policy is always). An unknown
// topic gets UNKNOWN_TOPIC_OR_PARTITION and is never created: as in Kafka, only Metadata auto-creates. Each
// batch is bounded by message.max.bytes (or the topic's max.message.bytes) before any copy; CRCs and records
// are checked by the partition's owner thread.
// The main thread only walks batch headers: the records field goes to the owner as it came off the socket.
// On a compacted topic (cleanup.policy has compact) the owner thread also refuses a batch holding a record
// without a key with INVALID_RECORD, as Kafka does (gzip batches are decompressed for it; codecs this
// process lacks are not checked).
// Every append is submitted before the handler first awaits, so a connection's produces keep their order.
// Skipped: transactions and idempotence (no InitProducerId yet), record_errors detail (v8+), LogAppendTime.
import { ErrorCode } from '../../protocol/errors.js';
import { ProduceApi } from '../../protocol/generated/api-keys.js';
import {
  createProduceResponse,
  createProduceResponsePartitionProduceResponse,
  type ProduceResponsePartitionProduceResponse,
  type ProduceResponseTopicProduceResponse,
} from '../../protocol/generated/produce.js';
import type { AppendResult } from '../../storage/pool.js';
import { checkBatchFraming } from '../batches.js';
import { defineHandler, LEADER_EPOCH } from '../handler.js';

interface PendingAppend {
  response: ProduceResponsePartitionProduceResponse;
  topic: string;
  bytes: number;
}

export const produce = defineHandler(ProduceApi, 3, 11, async (ctx, req) => {
  const acks = req.acks;
  const acksValid = acks === -1 || acks === 0 || acks === 1;
  const responses: ProduceResponseTopicProduceResponse[] = [];
  const pending: PendingAppend[] = [];
  const appends: Promise<AppendResult>[] = [];

  for (const t of req.topicData) {
    const partitionResponses: ProduceResponsePartitionProduceResponse[] = [];
    responses.push({ name: t.name, partitionResponses });
    const topic = acksValid ? ctx.ensureTopic(t.name, false) : ErrorCode.INVALID_REQUIRED_ACKS;
    const maxBatchBytes =
      typeof topic === 'number'
        ? 0
        : Number(topic.configs['max.message.bytes'] ?? ctx.config.messageMaxBytes);
    for (const p of t.partitionData) {
      const response = createProduceResponsePartitionProduceResponse({ index: p.index, baseOffset: -1 });
      partitionResponses.push(response);
      if (typeof topic === 'number') {
        response.errorCode = topic;
        continue;
      }
      if (!Number.isInteger(p.index) || p.index < 0 || p.index >= topic.partitions) {
        response.errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        continue;
      }
      const records = p.records;
      if (records === null || Array.isArray(records)) {
        response.errorCode = ErrorCode.CORRUPT_MESSAGE;
        continue;
      }
      const framing = checkBatchFraming(records, maxBatchBytes);
      if (framing !== ErrorCode.NONE) {
        response.errorCode = framing;
        continue;
      }
      // byteLength now: the pool may transfer (detach) the buffer it is given.
      pending.push({ response, topic: topic.name, bytes: records.length });
      appends.push(ctx.store.append(topic.name, p.index, records, LEADER_EPOCH));
    }
  }

  const results = await Promise.all(appends);
  let failed = false;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const { response, topic, bytes } = pending[i]!;
    response.errorCode = r.errorCode;
    if (r.errorCode !== ErrorCode.NONE) continue;
    response.baseOffset = r.baseOffset;
    response.logAppendTimeMs = r.logAppendTime;
    response.logStartOffset = r.logStartOffset;
    ctx.purgatory.onAppend(topic, response.index, bytes);
  }
  if (acks === 0) {
    for (const t of responses) for (const p of t.partitionResponses) if (p.errorCode !== 0) failed = true;
    if (failed) throw new Error('produce with acks=0 failed; closing the connection as Kafka does');
    return null;
  }
  return createProduceResponse({ responses });
});
