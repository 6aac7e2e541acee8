// Produce, versions 3-11 (record batch v2 only; v0-2 carry the old message sets).
//
// acks 0 (no response; a failure closes the connection so the producer notices, as Kafka does), 1 (the
// leader's append), and -1: refused with NOT_ENOUGH_REPLICAS while the ISR is smaller than the topic's
// min.insync.replicas, else answered once the high watermark passes the batch (the produce purgatory, up
// to the request's timeout_ms), with NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR shrank below it meanwhile.
// Every acknowledgement waits for fsync when log.flush.policy is always. An unknown
// topic gets UNKNOWN_TOPIC_OR_PARTITION and is never created: as in Kafka, only Metadata auto-creates. Each
// batch is bounded by message.max.bytes (or the topic's max.message.bytes) before any copy; CRCs and records
// are checked by the partition's owner thread.
// The main thread only walks batch headers: the records field goes to the owner as it came off the socket.
// The owner thread also applies Kafka's LogValidator rules (storage/batch-validator.ts): compressed batches
// are decompressed and walked, control batches and stray producer fields refused, and on a compacted topic
// a record without a key gets INVALID_RECORD. zstd needs v7+ (UNSUPPORTED_COMPRESSION_TYPE before, KIP-110).
// Each partition goes through the replica manager (leaderFor: NOT_LEADER_OR_FOLLOWER unless this node leads
// it; Produce carries no current_leader_epoch) and is appended at the state's leader epoch, with the bound
// its ISR puts on the high watermark; if this node no longer leads at that epoch when the append is back,
// the answer is NOT_LEADER_OR_FOLLOWER, never an acknowledgement. Every append is submitted before the handler first awaits, so a
// connection's produces keep their order.
// A transactional batch goes through transactions/produce.ts: without transactional_id INVALID_RECORD; a
// transaction's first batch on the partition waits for the coordinator's verification (KIP-890 part 1).
// The topic's compression.type and message.timestamp.type are applied by the log (storage/batch-convert.ts).
// Authorization (with --authorizer), as Kafka's KafkaApis: when any batch of the request is transactional,
// WRITE on its transactional id (a transactional batch without one is refused too), else every partition
// answers TRANSACTIONAL_ID_AUTHORIZATION_FAILED; an idempotent or plain produce naming a transactional id is
// not checked against it. Then WRITE on each topic, else TOPIC_AUTHORIZATION_FAILED (before its existence is
// looked at, so a refused principal cannot probe for topics).
// Skipped: record_errors detail (v8+).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { NO_EPOCH_CHECK, type PartitionState } from '../../cluster/partition-state.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ProduceApi } from '../../protocol/generated/api-keys.js';
import {
  createProduceResponse,
  createProduceResponsePartitionProduceResponse,
  type ProduceRequest,
  type ProduceResponsePartitionProduceResponse,
  type ProduceResponseTopicProduceResponse,
} from '../../protocol/generated/produce.js';
import type { AppendResult } from '../../storage/pool.js';
import { checkBatchFraming, hasTransactionalBatch, hasZstdBatch } from '../batches.js';
import { addRemoteTime, defineHandler } from '../handler.js';
import type { AckNeeded } from '../produce-purgatory.js';
import { appendTransactional, isTransactionalBatch } from '../transactions/produce.js';

interface PendingAppend {
  response: ProduceResponsePartitionProduceResponse;
  state: PartitionState;
  /** The leader epoch the append was submitted at: it is acknowledged only if this node still leads at it. */
  leaderEpoch: number;
  /** The state's offsetsGeneration then (PartitionState.onAppend). */
  generation: number;
  bytes: number;
  minInsync: number;
}

/** Kafka's RequestUtils.hasTransactionalRecords: some partition carries a transactional batch. */
function hasTransactionalRecords(topics: ProduceRequest['topicData']): boolean {
  for (const t of topics) {
    for (const p of t.partitionData) {
      const r = p.records;
      if (r !== null && !Array.isArray(r) && hasTransactionalBatch(r)) return true;
    }
  }
  return false;
}

/** Longest wait for acks=all honoured, whatever timeout_ms asks. */
export const MAX_PRODUCE_TIMEOUT_MS = 300_000;

export const produce = defineHandler(ProduceApi, 3, 11, async (ctx, req, version, _h, timing, session) => {
  const acks = req.acks;
  const acksValid = acks === -1 || acks === 0 || acks === 1;
  const responses: ProduceResponseTopicProduceResponse[] = [];
  const pending: PendingAppend[] = [];
  const appends: Promise<AppendResult>[] = [];

  const authz = ctx.authorizer;
  const txnRefused =
    authz !== null &&
    hasTransactionalRecords(req.topicData) &&
    (req.transactionalId === null ||
      !authz.authorize(session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId));
  for (const t of req.topicData) {
    const partitionResponses: ProduceResponsePartitionProduceResponse[] = [];
    responses.push({ name: t.name, partitionResponses });
    const topic = !acksValid
      ? ErrorCode.INVALID_REQUIRED_ACKS
      : txnRefused
        ? ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED
        : authz !== null && !authz.authorize(session, AclOperation.WRITE, ResourceType.TOPIC, t.name)
          ? ErrorCode.TOPIC_AUTHORIZATION_FAILED
          : ctx.replicas.ensureTopic(t.name, false);
    const maxBatchBytes =
      typeof topic === 'number'
        ? 0
        : Number(
            topic.configs['max.message.bytes'] ??
              ctx.replicas.topicDefaults['max.message.bytes'] ??
              ctx.config.messageMaxBytes,
          );
    for (const p of t.partitionData) {
      const response = createProduceResponsePartitionProduceResponse({ index: p.index, baseOffset: -1 });
      partitionResponses.push(response);
      if (typeof topic === 'number') {
        response.errorCode = topic;
        continue;
      }
      const state = ctx.replicas.leaderFor(topic.name, p.index, NO_EPOCH_CHECK);
      if (typeof state === 'number') {
        response.errorCode = state;
        continue;
      }
      // The topic's min.insync.replicas, else the cluster default (as resolved from the metadata).
      const minInsync = acks === -1 ? state.minInsync : 1;
      if (state.isr.length < minInsync) {
        response.errorCode = ErrorCode.NOT_ENOUGH_REPLICAS;
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
      if (version < 7 && hasZstdBatch(records)) {
        response.errorCode = ErrorCode.UNSUPPORTED_COMPRESSION_TYPE;
        continue;
      }
      // byteLength now: the pool may transfer (detach) the buffer it is given.
      pending.push({
        response,
        state,
        leaderEpoch: state.leaderEpoch,
        generation: state.offsetsGeneration,
        bytes: records.length,
        minInsync,
      });
      appends.push(
        isTransactionalBatch(records)
          ? appendTransactional(ctx, state, records, req.transactionalId)
          : ctx.store.append(topic.name, p.index, records, state.leaderEpoch, state.highWatermarkBound()),
      );
    }
  }

  const results = await Promise.all(appends);
  let failed = false;
  let acksNeeded: AckNeeded[] | null = null;
  let waiting: PendingAppend[] | null = null;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    const entry = pending[i]!;
    const { response, state, bytes } = entry;
    response.errorCode = r.errorCode;
    if (r.errorCode !== ErrorCode.NONE) continue;
    state.onAppend(r, bytes, entry.generation);
    // Leadership moved while the append was with the log's thread: another leader's records may hold
    // these offsets (partition-state.ts leadsAt).
    if (!state.leadsAt(entry.leaderEpoch)) {
      response.errorCode = ErrorCode.NOT_LEADER_OR_FOLLOWER;
      continue;
    }
    response.baseOffset = r.baseOffset;
    response.logAppendTimeMs = r.logAppendTime;
    response.logStartOffset = r.logStartOffset;
    ctx.topicMetrics?.produced(state.topic, r.lastOffset - r.baseOffset + 1, bytes);
    if (acks === -1 && state.highWatermark <= r.lastOffset) {
      acksNeeded ??= [];
      waiting ??= [];
      acksNeeded.push({ state, requiredOffset: r.lastOffset + 1 });
      waiting.push(entry);
    }
  }
  if (acksNeeded !== null && waiting !== null) {
    const parkedAt = timing === null ? 0 : performance.now();
    const codes = await ctx.acks.wait(acksNeeded, Math.min(req.timeoutMs, MAX_PRODUCE_TIMEOUT_MS));
    addRemoteTime(timing, parkedAt);
    for (let i = 0; i < codes.length; i++) {
      const { response, state, minInsync } = waiting[i]!;
      response.errorCode = codes[i]!;
      // Replicated, but by fewer than min.insync.replicas: Kafka's answer (the records stay).
      if (response.errorCode === ErrorCode.NONE && state.isr.length < minInsync)
        response.errorCode = ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
    }
  }
  if (ctx.topicMetrics !== null) {
    for (const t of responses)
      for (const p of t.partitionResponses) if (p.errorCode !== 0) ctx.topicMetrics.failedProducePartitions++;
  }
  if (acks === 0) {
    for (const t of responses) for (const p of t.partitionResponses) if (p.errorCode !== 0) failed = true;
    if (failed) throw new Error('produce with acks=0 failed; closing the connection as Kafka does');
    return null;
  }
  return createProduceResponse({ responses });
});
