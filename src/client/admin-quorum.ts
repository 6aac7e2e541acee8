// The metadata quorum's voters (KIP-853) from the admin client: addRaftVoter, removeRaftVoter and
// describeQuorum, each sent to the controller (any broker forwards it there). A change another one still
// holds up (REQUEST_TIMED_OUT) or a controller that moved (NOT_CONTROLLER) is retried until timeoutMs; every
// other error is thrown as a KafkaError naming the voter.
import { AddRaftVoterApi, DescribeQuorumApi, RemoveRaftVoterApi } from '../protocol/generated/api-keys.js';
import { ZERO_UUID } from '../protocol/reader.js';
import { sleep } from './cluster.js';
import type { Connection } from './connection.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';

type ToController = <T>(fn: (conn: Connection) => Promise<T>) => Promise<T>;

export interface RaftVoterListener {
  name: string;
  host: string;
  port: number;
}

export interface QuorumReplica {
  replicaId: number;
  /** ZERO_UUID when not known. */
  directoryId: string;
  logEndOffset: number;
  /** Epoch ms of its last fetch from the leader; -1 when unknown. */
  lastFetchTimestamp: number;
  /** Epoch ms when it last reached the leader's log end; -1 when unknown. */
  lastCaughtUpTimestamp: number;
}

export interface QuorumInfo {
  leaderId: number;
  leaderEpoch: number;
  highWatermark: number;
  voters: QuorumReplica[];
  observers: QuorumReplica[];
  /** The voters' listeners (DescribeQuorum v2). */
  nodes: { nodeId: number; listeners: RaftVoterListener[] }[];
}

const RETRIED = new Set<number>([ErrorCode.REQUEST_TIMED_OUT, ErrorCode.NOT_CONTROLLER]);

/**
 * Sends until NONE, retrying NOT_CONTROLLER and REQUEST_TIMED_OUT. A change may have committed although its
 * answer was one of those (the controller moved after appending it): on a retry, `doneCode` (the change is
 * already in place: DUPLICATE_VOTER for an add, VOTER_NOT_FOUND for a remove) counts as done.
 */
async function retrying(
  what: string,
  timeoutMs: number,
  doneCode: number,
  send: () => Promise<{ errorCode: number; errorMessage: string | null }>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 100, retried = false; ; wait = Math.min(1000, wait * 2), retried = true) {
    const res = await send();
    if (res.errorCode === ErrorCode.NONE || (retried && res.errorCode === doneCode)) return;
    if (!RETRIED.has(res.errorCode) || Date.now() + wait > deadline) {
      throw new KafkaError(res.errorCode, `${what}: ${res.errorMessage ?? ''}`.trim());
    }
    await sleep(wait);
  }
}

function checkId(id: number, what: string): void {
  if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) throw new ClientError(`${what}: bad node id ${id}`);
}

export function addRaftVoter(
  controller: ToController,
  opts: {
    voterId: number;
    voterDirectoryId?: string;
    listeners: readonly RaftVoterListener[];
    timeoutMs: number;
  },
): Promise<void> {
  checkId(opts.voterId, 'add voter');
  return retrying(`add voter ${opts.voterId}`, opts.timeoutMs, ErrorCode.DUPLICATE_VOTER, () =>
    controller((conn) =>
      conn.request(AddRaftVoterApi, {
        clusterId: null,
        timeoutMs: opts.timeoutMs,
        voterId: opts.voterId,
        voterDirectoryId: opts.voterDirectoryId ?? ZERO_UUID,
        listeners: opts.listeners.map((l) => ({ ...l })),
      }),
    ),
  );
}

export function removeRaftVoter(
  controller: ToController,
  opts: { voterId: number; voterDirectoryId?: string; timeoutMs: number },
): Promise<void> {
  checkId(opts.voterId, 'remove voter');
  return retrying(`remove voter ${opts.voterId}`, opts.timeoutMs, ErrorCode.VOTER_NOT_FOUND, () =>
    controller((conn) =>
      conn.request(RemoveRaftVoterApi, {
        clusterId: null,
        voterId: opts.voterId,
        voterDirectoryId: opts.voterDirectoryId ?? ZERO_UUID,
      }),
    ),
  );
}

export async function describeQuorum(controller: ToController, timeoutMs: number): Promise<QuorumInfo> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 100; ; wait = Math.min(1000, wait * 2)) {
    const res = await controller((conn) =>
      conn.request(DescribeQuorumApi, {
        topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }],
      }),
    );
    const p = res.topics[0]?.partitions[0];
    const code =
      res.errorCode !== ErrorCode.NONE ? res.errorCode : (p?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR);
    if (code === ErrorCode.NONE && p !== undefined) {
      const replica = (r: (typeof p.currentVoters)[number]): QuorumReplica => ({
        replicaId: r.replicaId,
        directoryId: r.replicaDirectoryId,
        logEndOffset: r.logEndOffset,
        lastFetchTimestamp: r.lastFetchTimestamp,
        lastCaughtUpTimestamp: r.lastCaughtUpTimestamp,
      });
      return {
        leaderId: p.leaderId,
        leaderEpoch: p.leaderEpoch,
        highWatermark: p.highWatermark,
        voters: p.currentVoters.map(replica),
        observers: p.observers.map(replica),
        nodes: res.nodes.map((n) => ({ nodeId: n.nodeId, listeners: n.listeners.map((l) => ({ ...l })) })),
      };
    }
    const retriable = code === ErrorCode.NOT_CONTROLLER || code === ErrorCode.NOT_LEADER_OR_FOLLOWER;
    if (!retriable || Date.now() + wait > deadline) {
      throw new KafkaError(code, `describe quorum: ${res.errorMessage ?? p?.errorMessage ?? ''}`.trim());
    }
    await sleep(wait);
  }
}
