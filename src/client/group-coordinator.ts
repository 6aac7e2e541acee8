// The client's link to its group's coordinator: FindCoordinator (asked of any broker), then every
// group request on a connection of its own. A JoinGroup is held by the coordinator until the
// rebalance completes, and a broker answers a connection's requests in order, so sharing the fetch
// connection would stall fetches (and sharing with metadata would let their timeouts kill a join).
// NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE and network failures forget the coordinator; the next
// request looks it up again. Offset commit and fetch live here too: they are plain coordinator RPCs.
import {
  type ApiCodec,
  FindCoordinatorApi,
  OffsetCommitApi,
  OffsetFetchApi,
} from '../protocol/generated/api-keys.js';
import { createFindCoordinatorRequest } from '../protocol/generated/find-coordinator.js';
import { createOffsetCommitRequest } from '../protocol/generated/offset-commit.js';
import { createOffsetFetchRequest } from '../protocol/generated/offset-fetch.js';
import { type Cluster, sleep } from './cluster.js';
import type { Connection, RequestOptions } from './connection.js';
import type { TopicPartition } from './consumer.js';
import { byTopic } from './consumer-protocol.js';
import { ErrorCode, KafkaError } from './errors.js';

/** FindCoordinator key types. */
export const KEY_TYPE_GROUP = 0;
export const KEY_TYPE_TRANSACTION = 1;

/** Errors after which the coordinator must be looked up again. */
export function isCoordinatorGone(code: number): boolean {
  return (
    code === ErrorCode.NOT_COORDINATOR ||
    code === ErrorCode.COORDINATOR_NOT_AVAILABLE ||
    code === ErrorCode.NETWORK_EXCEPTION ||
    code === ErrorCode.REQUEST_TIMED_OUT
  );
}

export interface OffsetToCommit extends TopicPartition {
  offset: number;
  leaderEpoch?: number;
  metadata?: string | null;
}

export interface GenerationInfo {
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export class CoordinatorLink {
  /** The coordinator, while known. */
  node: { nodeId: number; host: string; port: number } | null = null;
  #finding: Promise<Connection> | null = null;

  readonly #lookup: Cluster;
  readonly #own: Cluster;

  /**
   * @param lookup cluster whose brokers answer FindCoordinator (the consumer's metadata cluster)
   * @param own cluster that holds only the coordinator connection
   * @param groupId the group, or the transactional id with keyType KEY_TYPE_TRANSACTION (a transaction
   * coordinator is found and reached the same way; the group RPCs below are not for it)
   */
  constructor(
    lookup: Cluster,
    own: Cluster,
    readonly groupId: string,
    readonly keyType = KEY_TYPE_GROUP,
  ) {
    this.#lookup = lookup;
    this.#own = own;
  }

  get coordinatorId(): number {
    return this.node?.nodeId ?? -1;
  }

  /** Forgets the coordinator (after NOT_COORDINATOR or a failed connection). */
  markDead(why: string): void {
    if (this.node === null) return;
    const what = this.keyType === KEY_TYPE_GROUP ? 'group' : 'transactional id';
    this.#lookup.logger.info(`${what} ${this.groupId}: coordinator ${this.node.nodeId} lost (${why})`);
    this.node = null;
  }

  /** The coordinator's connection, looking it up (retrying until `deadline`) when unknown. */
  connection(deadline = Date.now() + this.#lookup.requestTimeoutMs): Promise<Connection> {
    if (this.node !== null) return Promise.resolve(this.#own.connectionTo(this.node.host, this.node.port));
    this.#finding ??= this.#find(deadline).finally(() => {
      this.#finding = null;
    });
    return this.#finding;
  }

  async #find(deadline: number): Promise<Connection> {
    // v0-v3 read `key`, v4+ `coordinatorKeys`; setting both suits whichever version is negotiated.
    const req = createFindCoordinatorRequest({
      key: this.groupId,
      keyType: this.keyType,
      coordinatorKeys: [this.groupId],
    });
    for (;;) {
      let err: KafkaError;
      try {
        const res = await this.#lookup.withAnyBroker((c) => c.request(FindCoordinatorApi, req), {
          idempotent: true,
        });
        const entry = res.coordinators[0] ?? res;
        if (entry.errorCode === ErrorCode.NONE) {
          this.node = { nodeId: entry.nodeId, host: entry.host, port: entry.port };
          return this.#own.connectionTo(entry.host, entry.port);
        }
        err = new KafkaError(entry.errorCode, `FindCoordinator ${this.groupId}`);
      } catch (e) {
        if (!(e instanceof KafkaError)) throw e;
        err = e;
      }
      if (!err.retriable || Date.now() >= deadline) throw err;
      await sleep(this.#lookup.retryBackoffMs);
    }
  }

  /** One request to the coordinator; a failed connection forgets it (the error is rethrown). */
  async request<Req, Res>(codec: ApiCodec<Req, Res>, body: Req, opts?: RequestOptions): Promise<Res> {
    const conn = await this.connection();
    try {
      return await conn.request(codec, body, opts);
    } catch (err) {
      if (err instanceof KafkaError && isCoordinatorGone(err.code)) this.markDead(err.message);
      throw err;
    }
  }

  /**
   * OffsetCommit with the member's generation (or -1 and no member outside group management).
   * Retries coordinator moves and loading until `deadline`; any other error is thrown, the first
   * partition error found being the one reported.
   */
  async commit(offsets: readonly OffsetToCommit[], gen: GenerationInfo, deadline: number): Promise<void> {
    if (offsets.length === 0) return;
    const byName = new Map<string, OffsetToCommit[]>();
    for (const o of offsets) {
      const l = byName.get(o.topic);
      if (l === undefined) byName.set(o.topic, [o]);
      else l.push(o);
    }
    const req = createOffsetCommitRequest({
      groupId: this.groupId,
      generationIdOrMemberEpoch: gen.generationId,
      memberId: gen.memberId,
      groupInstanceId: gen.groupInstanceId,
      topics: [...byName].map(([name, list]) => ({
        name,
        partitions: list.map((o) => ({
          partitionIndex: o.partition,
          committedOffset: o.offset,
          committedLeaderEpoch: o.leaderEpoch ?? -1,
          commitTimestamp: -1,
          committedMetadata: o.metadata ?? '',
        })),
      })),
    });
    await this.#retrying(deadline, 'OffsetCommit', async () => {
      const res = await this.request(OffsetCommitApi, req);
      for (const t of res.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== ErrorCode.NONE)
            throw new KafkaError(p.errorCode, `OffsetCommit ${this.groupId} ${t.name}-${p.partitionIndex}`);
        }
      }
    });
  }

  /** Committed offsets (-1 where none), in input order. */
  async fetchOffsets(tps: readonly TopicPartition[], deadline: number): Promise<number[]> {
    if (tps.length === 0) return [];
    const topics = byTopic(tps).map((t) => ({ name: t.topic, partitionIndexes: t.partitions }));
    // v0-v7 ask for one group at the top level, v8+ in `groups`; both are filled.
    const req = createOffsetFetchRequest({
      groupId: this.groupId,
      topics,
      groups: [{ groupId: this.groupId, memberId: null, memberEpoch: -1, topics }],
      requireStable: true,
    });
    return this.#retrying(deadline, 'OffsetFetch', async () => {
      const res = await this.request(OffsetFetchApi, req);
      const group = res.groups[0] ?? res;
      if (group.errorCode !== ErrorCode.NONE)
        throw new KafkaError(group.errorCode, `OffsetFetch ${this.groupId}`);
      const found = new Map<string, number>();
      for (const t of group.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== ErrorCode.NONE)
            throw new KafkaError(p.errorCode, `OffsetFetch ${this.groupId} ${t.name}-${p.partitionIndex}`);
          found.set(`${t.name}\u0000${p.partitionIndex}`, p.committedOffset);
        }
      }
      return tps.map((tp) => found.get(`${tp.topic}\u0000${tp.partition}`) ?? -1);
    });
  }

  /** Runs `fn` again after retriable coordinator errors until `deadline`. */
  async #retrying<T>(deadline: number, what: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof KafkaError)) throw err;
        const code = err.code;
        const again =
          isCoordinatorGone(code) ||
          code === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS ||
          code === ErrorCode.UNSTABLE_OFFSET_COMMIT;
        if (!again || Date.now() >= deadline) throw err;
        if (isCoordinatorGone(code)) this.markDead(`${what}: ${err.message}`);
        await sleep(this.#lookup.retryBackoffMs);
      }
    }
  }
}
