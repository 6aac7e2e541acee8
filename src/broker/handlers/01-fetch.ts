// Fetch, versions 4-17 (v4 brought record batch v2 and last_stable_offset).
//
// Per partition: fetch offset, partition_max_bytes, OFFSET_OUT_OF_RANGE, high watermark, last stable offset
// and log start offset. Response max_bytes is shared in request order;
// the first partition with data always gets at least one whole batch (KIP-74), later ones only whole
// batches that fit. min_bytes/max_wait_ms: a short answer parks in the purgatory until appends bring enough
// bytes or the wait ends, then the partitions are read again. Each partition asks the replica manager once
// (leaderFor, with the v9+ current_leader_epoch); v13+ names topics by id (UNKNOWN_TOPIC_ID). Consumers read
// up to the high watermark; with isolation_level 1 (read_committed) up to the last stable offset, with the
// aborted transactions overlapping the batches returned (from the segments' .txnindex), and such a fetch
// parks until min_bytes are below the last stable offset. Stored bytes are handed to the socket as they came from the log.
// Skipped: fetch sessions (declined with session id 0, which clients accept: every fetch is a full one),
// rack-aware replica selection.
// A fetch of __cluster_metadata is the metadata quorum's (every broker runs one, alone or in a cluster).
// Authorization (with --authorizer): a consumer needs READ on each topic (TOPIC_AUTHORIZATION_FAILED); a
// follower's fetch CLUSTER_ACTION on the cluster (else every partition TOPIC_AUTHORIZATION_FAILED, as
// Kafka); the quorum's fetch CLUSTER_ACTION (CLUSTER_AUTHORIZATION_FAILED).
//
// A follower's fetch (replica id >= 0; v15+ in replica_state) reads to the log end, not the high watermark.
// v12+: when its last_fetched_epoch is not the leader's current epoch, the leader first checks where that
// epoch ends in its own history and answers diverging_epoch instead of records when the follower's log
// goes past it (KIP-320), so the follower truncates. The offset it fetches from is its log end offset:
// the replication layer moves the high watermark and the ISR from it. Throttled replicas out of the ISR
// share leader.replication.throttled.rate (KIP-73): over it, they get no records until it allows more.
import { Buffer } from 'node:buffer';
import { METADATA_TOPIC } from '../../cluster/broker-cluster.js';
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import type { PartitionState } from '../../cluster/partition-state.js';
import {
  afterFollowerRead,
  checkDivergence,
  latestHighWatermarks,
} from '../../cluster/replication/leader-fetch.js';
import type { ReplicationThrottle } from '../../cluster/replication/throttle.js';
import { leaderThrottled } from '../../cluster/replication/throttled-replicas.js';
import { ErrorCode } from '../../protocol/errors.js';
import { FetchApi } from '../../protocol/generated/api-keys.js';
import {
  createFetchResponse,
  createFetchResponsePartitionData,
  type FetchRequest,
  type FetchResponseFetchableTopicResponse,
  type FetchResponsePartitionData,
} from '../../protocol/generated/fetch.js';
import { METADATA_TOPIC_ID } from '../../protocol/uuid.js';
import { READ_COMMITTED, READ_TO_HIGH_WATERMARK, type ReadResult } from '../../storage/pool.js';
import { wholeBatchesWithin } from '../batches.js';
import { addRemoteTime, type BrokerContext, defineHandler, type RequestTiming } from '../handler.js';

/** Longest long poll honoured, whatever max_wait_ms asks (clients use 0.1-30 s). */
export const MAX_FETCH_WAIT_MS = 60_000;
const EMPTY = Buffer.alloc(0);

/** A Fetch of the KRaft metadata log (by name, or by its reserved id from v13), which the quorum answers. */
function isMetadataFetch(req: FetchRequest, version: number): boolean {
  const t = req.topics[0];
  if (t === undefined) return false;
  return version >= 13 ? t.topicId === METADATA_TOPIC_ID : t.topic === METADATA_TOPIC;
}

/** A partition the fetch may read: its replica state, its response entry and its limits. */
interface Readable {
  state: PartitionState;
  fetchOffset: number;
  partitionMaxBytes: number;
  response: FetchResponsePartitionData;
  /** v12+ follower fetches: the epoch of the follower's last batch (-1: none or not told). */
  lastFetchedEpoch: number;
}

/** The fetching replica's id: -1 for consumers. */
function replicaIdOf(req: FetchRequest, version: number): number {
  return version >= 15 ? req.replicaState.replicaId : req.replicaId;
}

export const fetch = defineHandler(FetchApi, 4, 17, async (ctx, req, version, _header, timing, session) => {
  const authz = ctx.authorizer;
  if (isMetadataFetch(req, version)) {
    if (authz !== null && !authz.authorizeCluster(session, AclOperation.CLUSTER_ACTION))
      return createFetchResponse({ errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED });
    return ctx.cluster.fetchMetadata(req, version);
  }
  if (req.sessionId !== 0) return createFetchResponse({ errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND });
  if (req.sessionEpoch > 0) return createFetchResponse({ errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH });
  const replicaId = replicaIdOf(req, version);
  const follower = replicaId >= 0;
  const followerRefused =
    follower && authz !== null && !authz.authorizeCluster(session, AclOperation.CLUSTER_ACTION);

  const responses: FetchResponseFetchableTopicResponse[] = [];
  const readable: Readable[] = [];
  let failed = false;
  for (const t of req.topics) {
    const info = version >= 13 ? ctx.replicas.topicById(t.topicId) : ctx.replicas.topic(t.topic);
    const unknown = version >= 13 ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    const partitions: FetchResponsePartitionData[] = [];
    responses.push({ topic: info?.name ?? t.topic, topicId: t.topicId, partitions });
    for (const p of t.partitions) {
      const response = createFetchResponsePartitionData({ partitionIndex: p.partition, records: EMPTY });
      partitions.push(response);
      const refused =
        followerRefused ||
        (authz !== null &&
          !follower &&
          (info !== undefined || version < 13) &&
          !authz.authorize(session, AclOperation.READ, ResourceType.TOPIC, info?.name ?? t.topic));
      const state = refused
        ? ErrorCode.TOPIC_AUTHORIZATION_FAILED
        : info === undefined
          ? unknown
          : ctx.replicas.leaderFor(info.name, p.partition, p.currentLeaderEpoch);
      if (typeof state === 'number' || (follower && !state.replicas.includes(replicaId))) {
        response.errorCode = typeof state === 'number' ? state : ErrorCode.NOT_LEADER_OR_FOLLOWER;
        // Kafka's "unknown" offsets: a client must not take 0 for this partition's end (librdkafka would
        // report end of partition at offset 0).
        response.highWatermark = -1;
        response.lastStableOffset = -1;
        response.logStartOffset = -1;
        failed = true;
        continue;
      }
      readable.push({
        state,
        fetchOffset: p.fetchOffset,
        partitionMaxBytes: p.partitionMaxBytes,
        response,
        lastFetchedEpoch: follower && version >= 12 ? p.lastFetchedEpoch : -1,
      });
    }
  }
  if (follower) return fetchForFollower(ctx, req, replicaId, readable, failed, responses, timing);

  if (req.isolationLevel !== 0 && req.isolationLevel !== 1) {
    return createFetchResponse({ errorCode: ErrorCode.INVALID_REQUEST });
  }
  const committed = req.isolationLevel === 1;
  const upTo = committed ? READ_COMMITTED : READ_TO_HIGH_WATERMARK;
  const watches = readable.map((r) => r.state);
  let before = committed ? stableBytes(watches) : appendedBytes(watches);
  let unknownBefore = committed ? unknownStable(watches) : 0;
  let read = await readAll(ctx, readable, req.maxBytes, upTo);
  failed ||= read.failed;
  const maxWaitMs = Math.min(req.maxWaitMs, MAX_FETCH_WAIT_MS);
  const deadline = performance.now() + maxWaitMs;
  // A wake-up that did not bring min_bytes (the high watermark moved on a replicated partition, the last
  // stable offset passed bytes appended before this leadership) parks again for the time left.
  // More than the response may hold can never be read: waiting for it would only read again per append.
  const minBytes =
    readable.length === 0
      ? req.minBytes
      : Math.min(req.minBytes, Math.max(1, Math.min(req.maxBytes, partitionBytes(readable))));
  for (let left = maxWaitMs; !failed && read.bytes < minBytes && left > 0; ) {
    // Bytes that arrived while the reads ran may already be in them or not: count them, at worst read again.
    // read_committed counts the bytes the last stable offset passed; untracked ones mean read again.
    const arrived = (committed ? stableBytes(watches) : appendedBytes(watches)) - before;
    const needed =
      committed && unknownStable(watches) !== unknownBefore ? 0 : minBytes - read.bytes - arrived;
    const parkedAt = timing === null ? 0 : performance.now();
    const woken = needed <= 0 || (await ctx.purgatory.wait(watches, needed, left, false, committed));
    addRemoteTime(timing, parkedAt);
    if (!woken) break;
    before = committed ? stableBytes(watches) : appendedBytes(watches);
    unknownBefore = committed ? unknownStable(watches) : 0;
    read = await readAll(ctx, readable, req.maxBytes, upTo);
    failed ||= read.failed;
    left = deadline - performance.now();
  }
  countFetch(ctx, responses, read.bytes, false);
  return createFetchResponse({ responses });
});

/**
 * A follower's fetch: partitions whose history diverges from ours get diverging_epoch; the others are read
 * to the log end, and each tells the replication layer where the follower's log ends (leader-fetch.ts).
 * Throttled replicas (throttled-replicas.ts) share the leader quota: while it is used up they are answered
 * without records, and do not wake a long poll.
 */
async function fetchForFollower(
  ctx: BrokerContext,
  req: FetchRequest,
  replicaId: number,
  all: readonly Readable[],
  failedBefore: boolean,
  responses: FetchResponseFetchableTopicResponse[],
  timing: RequestTiming | null,
): Promise<ReturnType<typeof createFetchResponse>> {
  const readable = await checkDivergence(ctx.store, all);
  const quota = ctx.replicas.replication?.leaderThrottle;
  const throttled =
    quota?.limited === true ? readable.filter((r) => leaderThrottled(r.state, replicaId)) : NONE_THROTTLED;
  let toRead = withinQuota(readable, throttled, quota);
  const watches = toRead.map((r) => r.state);
  const appendedBefore = appendedBytes(watches);
  let read = await readAll(ctx, toRead, req.maxBytes, -1);
  await afterFollowerRead(ctx.store, ctx.replicas.replication, replicaId, readable);
  const maxWaitMs = Math.min(req.maxWaitMs, MAX_FETCH_WAIT_MS);
  if (!failedBefore && !read.failed && read.bytes < req.minBytes && maxWaitMs > 0 && readable.length > 0) {
    const held = toRead.length < readable.length;
    const needed = req.minBytes - read.bytes - (appendedBytes(watches) - appendedBefore);
    // Held partitions may be read once the quota allows: wait no longer than that.
    const waitMs = held ? Math.min(maxWaitMs, Math.max(1, quota!.delayMs())) : maxWaitMs;
    const parkedAt = timing === null ? 0 : performance.now();
    const woken = needed <= 0 || (await ctx.purgatory.wait(watches, needed, waitMs, true));
    addRemoteTime(timing, parkedAt);
    if (woken || held) {
      toRead = withinQuota(readable, throttled, quota);
      read = await readAll(ctx, toRead, req.maxBytes, -1);
    }
  }
  if (throttled.length > 0) quota!.record(recordBytes(throttled));
  for (const r of readable) if (!toRead.includes(r)) answerHeld(r);
  latestHighWatermarks(readable);
  countFetch(ctx, responses, read.bytes, true);
  return createFetchResponse({ responses });
}

const NONE_THROTTLED: readonly Readable[] = Object.freeze([]);

/** The partitions to read now: all but the throttled ones while the quota is used up (those capped otherwise). */
function withinQuota(
  readable: readonly Readable[],
  throttled: readonly Readable[],
  quota: ReplicationThrottle | null | undefined,
): readonly Readable[] {
  if (throttled.length === 0) return readable;
  if (quota!.delayMs() > 0) return readable.filter((r) => !throttled.includes(r));
  for (const r of throttled) r.partitionMaxBytes = quota!.partitionMaxBytes(r.partitionMaxBytes);
  return readable;
}

/** A partition held back by the leader quota: no records, the offsets the follower needs. */
function answerHeld(r: Readable): void {
  const res = r.response;
  res.records = EMPTY;
  res.highWatermark = r.state.highWatermark;
  res.lastStableOffset = r.state.highWatermark;
  res.logStartOffset = -1;
}

function recordBytes(rs: readonly Readable[]): number {
  let n = 0;
  for (const r of rs) {
    const records = r.response.records;
    if (r.response.errorCode === ErrorCode.NONE && records !== null && !Array.isArray(records))
      n += records.length;
  }
  return n;
}

/** Metrics: bytes sent, and partitions answered with an error. */
function countFetch(
  ctx: BrokerContext,
  responses: readonly FetchResponseFetchableTopicResponse[],
  bytes: number,
  follower: boolean,
): void {
  const m = ctx.topicMetrics;
  if (m === null || (bytes === 0 && !hasErrors(responses))) return;
  for (const t of responses) {
    let topicBytes = 0;
    for (const p of t.partitions) {
      if (p.errorCode !== 0) m.failedFetchPartitions++;
      else if (p.records !== null && !Array.isArray(p.records)) topicBytes += p.records.length;
    }
    if (topicBytes === 0) continue;
    if (follower) m.replicated(t.topic, topicBytes);
    else m.fetched(t.topic, topicBytes);
  }
}

function hasErrors(responses: readonly FetchResponseFetchableTopicResponse[]): boolean {
  for (const t of responses) for (const p of t.partitions) if (p.errorCode !== 0) return true;
  return false;
}

/** What the partitions may return at most (their partition_max_bytes). */
function partitionBytes(readable: readonly Readable[]): number {
  let n = 0;
  for (const r of readable) n += r.partitionMaxBytes;
  return n;
}

/** Bytes the partitions' last stable offsets passed (cumulative, partition-state.ts stableBytes). */
function stableBytes(watches: readonly PartitionState[]): number {
  let n = 0;
  for (const w of watches) n += w.stableBytes.passed;
  return n;
}

function unknownStable(watches: readonly PartitionState[]): number {
  let n = 0;
  for (const w of watches) n += w.stableBytes.unknownPasses;
  return n;
}

function appendedBytes(watches: readonly PartitionState[]): number {
  let n = 0;
  for (const w of watches) n += w.appendedBytes;
  return n;
}

/** Reads every partition at once (their owners work in parallel), then shares the response budget in order. */
async function readAll(
  ctx: BrokerContext,
  readable: readonly Readable[],
  responseMaxBytes: number,
  maxOffset: number,
): Promise<{ bytes: number; failed: boolean }> {
  const reads: Promise<ReadResult>[] = [];
  for (const r of readable) {
    const maxBytes = Math.max(0, Math.min(r.partitionMaxBytes, responseMaxBytes));
    const s = r.state;
    reads.push(ctx.store.read(s.topic, s.partition, r.fetchOffset, maxBytes, maxOffset));
  }
  const results = await Promise.all(reads);
  let budget = responseMaxBytes;
  let first = true;
  let bytes = 0;
  let failed = false;
  for (let i = 0; i < readable.length; i++) {
    const r = readable[i]!;
    const result = results[i]!;
    const response = r.response;
    response.errorCode = result.errorCode;
    if (result.errorCode !== ErrorCode.NONE || result.records === null) {
      response.highWatermark = -1;
      response.lastStableOffset = -1;
      response.logStartOffset = -1;
      response.records = EMPTY;
      response.abortedTransactions = null;
      failed = true;
      continue;
    }
    response.highWatermark = result.highWatermark;
    response.lastStableOffset = result.lastStableOffset;
    response.logStartOffset = result.logStartOffset;
    response.abortedTransactions = result.abortedTransactions;
    let records = asBuffer(result.records);
    if (records.length > 0 && !first) {
      records = records.subarray(
        0,
        wholeBatchesWithin(records, Math.max(0, Math.min(budget, r.partitionMaxBytes))),
      );
    }
    if (records.length > 0) first = false;
    budget -= records.length;
    bytes += records.length;
    response.records = records;
  }
  return { bytes, failed };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
