// KIP-966's unclean recovery manager, on the active controller. A partition whose ISR and ELR are both
// empty (every replica that held its committed records restarted uncleanly, so any of them may have lost an
// unflushed suffix) is not handed to the first member of its last known ELR that comes back: the controller
// asks its live replicas for their last written leader epoch and log end offset (GetReplicaLogInfo, api key
// 93) and elects the one with the highest (epoch, end offset), alone in the new ISR. A replica outside the
// last known ELR that kept more of the log than they did therefore wins.
//
// When to elect is the strategy (unclean.recovery.strategy):
// - Balanced (Runnel's default, as Kafka's): once every member of the last known ELR (every replica, if it
//   is empty) is live and has answered, and either every live replica has answered or timeoutMs has passed
//   since the last known ELR was all live. Waiting for the whole last known ELR keeps the copies most likely
//   to be longest in the choice; other live replicas get timeoutMs to join it (a live replica answers in
//   milliseconds: the timeout is for one that is registered but unreachable).
// - Aggressive: as soon as any live replica has answered (availability first).
// - None: never; the partition waits for ElectLeaders (`runnel cluster elect --unclean`).
//
// A state machine over the injectable clock: poll() with the controller's latest image starts and advances
// rounds (one per partition) and returns the election records to propose; answers come in through
// onAnswer(). An answer counts only while the broker keeps the epoch it answered under (a restart since
// may have changed its log); a request unanswered for requestTimeoutMs is sent again. Nothing is stored in
// the metadata log until the election: a new controller starts its rounds afresh.
//
// Limits: one round per leaderless partition; at most maxPartitionsPerRequest partitions per request (more
// go in further requests to the same broker).
import type { Clock } from '../../clock.js';
import type { LogSink } from '../../logger.js';
import { ErrorCode } from '../../protocol/errors.js';
import type {
  GetReplicaLogInfoRequest,
  GetReplicaLogInfoResponse,
} from '../../protocol/generated/get-replica-log-info.js';
import { isLive, partitionChange } from './elections.js';
import type { MetadataImage, PartitionRegistration } from './image.js';
import type { MetadataRecord } from './records.js';

export const UNCLEAN_RECOVERY_STRATEGIES = ['None', 'Balanced', 'Aggressive'] as const;
export type UncleanRecoveryStrategy = (typeof UNCLEAN_RECOVERY_STRATEGIES)[number];

export interface UncleanRecoveryConfig {
  /** unclean.recovery.manager.enabled: off, the last known ELR's first live member leads (Kafka's ELR rule). */
  enabled: boolean;
  /** unclean.recovery.strategy. */
  strategy: UncleanRecoveryStrategy;
  /** unclean.recovery.timeout.ms: how long Balanced waits for live replicas beyond the last known ELR. */
  timeoutMs: number;
  /** A GetReplicaLogInfo unanswered this long is sent again. */
  requestTimeoutMs: number;
  /** How often the active controller looks for partitions to recover and rounds to decide. */
  pollIntervalMs: number;
  /** Partitions in one request (Kafka's answer holds at most 1000). */
  maxPartitionsPerRequest: number;
}

export const DEFAULT_UNCLEAN_RECOVERY: Readonly<UncleanRecoveryConfig> = Object.freeze({
  enabled: true,
  strategy: 'Balanced',
  timeoutMs: 30_000,
  requestTimeoutMs: 2_000,
  pollIntervalMs: 250,
  maxPartitionsPerRequest: 1000,
});

/** What a replica said of its log. */
export interface ReplicaLogAnswer {
  brokerEpoch: number;
  lastWrittenEpoch: number;
  logEndOffset: number;
}

/** Sends GetReplicaLogInfo to a broker; `answer` is called with its response, or never (lost). */
export type ReplicaLogInfoSend = (
  brokerId: number,
  request: GetReplicaLogInfoRequest,
  answer: (response: GetReplicaLogInfoResponse) => void,
) => void;

/**
 * A partition waiting for unclean recovery: its ISR and ELR are empty and it has no leader. One with a
 * single replica is not: there is nothing to compare, and the election rules give it its replica back at
 * once (in the same batch as the unfencing, which a full disk's metadata reserve still pays for).
 */
export function needsUncleanRecovery(p: PartitionRegistration): boolean {
  return p.leader < 0 && p.isr.length === 0 && p.eligibleLeaderReplicas.length === 0 && p.replicas.length > 1;
}

/**
 * The replica to elect among those that answered: the highest last written epoch, then the longest log;
 * on a tie a member of the last known ELR, then replica order. Null when nobody answered.
 */
export function longestLog(
  p: PartitionRegistration,
  answers: ReadonlyMap<number, ReplicaLogAnswer>,
): number | null {
  let best: number | null = null;
  let bestAnswer: ReplicaLogAnswer | null = null;
  const rank = (id: number) => (p.lastKnownElr.includes(id) ? 0 : 1);
  for (const id of p.replicas) {
    const a = answers.get(id);
    if (a === undefined) continue;
    if (
      bestAnswer === null ||
      a.lastWrittenEpoch > bestAnswer.lastWrittenEpoch ||
      (a.lastWrittenEpoch === bestAnswer.lastWrittenEpoch && a.logEndOffset > bestAnswer.logEndOffset) ||
      (a.lastWrittenEpoch === bestAnswer.lastWrittenEpoch &&
        a.logEndOffset === bestAnswer.logEndOffset &&
        rank(id) < rank(best!))
    ) {
      best = id;
      bestAnswer = a;
    }
  }
  return best;
}

interface Round {
  topicId: string;
  partition: number;
  partitionEpoch: number;
  /** When the replicas the strategy waits for were all live (asking began); -1 while they are not. */
  startedAt: number;
  answers: Map<number, ReplicaLogAnswer>;
  /** When each replica was last asked. */
  askedAt: Map<number, number>;
}

const keyOf = (topicId: string, partition: number) => `${topicId}:${partition}`;

export class UncleanRecoveryManager {
  readonly config: UncleanRecoveryConfig;
  readonly #clock: Clock;
  readonly #send: ReplicaLogInfoSend;
  readonly #logger: LogSink | null;
  readonly #rounds = new Map<string, Round>();
  /** Bumped by reset(): answers to a previous term's requests are dropped. */
  #term = 0;
  /** Recoveries decided (for tests and metrics). */
  elections = 0;

  constructor(config: UncleanRecoveryConfig, clock: Clock, send: ReplicaLogInfoSend, logger?: LogSink) {
    this.config = config;
    this.#clock = clock;
    this.#send = send;
    this.#logger = logger ?? null;
  }

  /** The manager elects where the ISR and ELR are empty (nextPartition then leaves them leaderless). */
  get active(): boolean {
    return this.config.enabled;
  }

  /** Partitions in recovery now. */
  get recovering(): number {
    return this.#rounds.size;
  }

  /** Forgets every round (this node stopped being the active controller). */
  reset(): void {
    this.#rounds.clear();
    this.#term++;
  }

  /**
   * Starts rounds for partitions that need recovery, sends the requests due, and returns the election
   * records of the rounds that are decided (the caller proposes them).
   */
  poll(image: MetadataImage): MetadataRecord[] {
    if (!this.config.enabled || this.config.strategy === 'None') {
      this.#rounds.clear();
      return [];
    }
    const now = this.#clock.now();
    const seen = new Set<string>();
    const records: MetadataRecord[] = [];
    const toAsk = new Map<number, Map<string, number[]>>();
    for (const topic of image.topics.values()) {
      for (const [index, p] of topic.partitions) {
        if (!needsUncleanRecovery(p)) continue;
        const key = keyOf(topic.id, index);
        seen.add(key);
        let round = this.#rounds.get(key);
        if (round === undefined || round.partitionEpoch !== p.partitionEpoch) {
          round = {
            topicId: topic.id,
            partition: index,
            partitionEpoch: p.partitionEpoch,
            startedAt: -1,
            answers: new Map(),
            askedAt: new Map(),
          };
          this.#rounds.set(key, round);
        }
        const live = p.replicas.filter((id) => isLive(image, id));
        // An answer stands while its broker is live under the epoch it answered with.
        for (const [id, a] of round.answers)
          if (!live.includes(id) || image.brokers.get(id)?.epoch !== a.brokerEpoch) round.answers.delete(id);
        const required = p.lastKnownElr.length > 0 ? p.lastKnownElr : p.replicas;
        if (this.config.strategy === 'Balanced' && !required.every((id) => live.includes(id))) {
          round.startedAt = -1;
          continue;
        }
        if (round.startedAt < 0) round.startedAt = now;
        const leader = this.#decide(p, round, live, required, now);
        if (leader !== null) {
          const a = round.answers.get(leader)!;
          // A choice between replicas is worth a warning; a partition's only replica back is routine.
          const log = round.answers.size > 1 ? this.#logger?.warn : this.#logger?.info;
          log?.call(
            this.#logger,
            `unclean recovery of ${topic.name}-${index}: electing broker ${leader} (last epoch ` +
              `${a.lastWrittenEpoch}, log end ${a.logEndOffset}) out of ${describeAnswers(round.answers)}`,
          );
          records.push(
            partitionChange(topic.id, index, { leader, isr: [leader], elr: [], lastKnownElr: [] }),
          );
          this.#rounds.delete(key);
          this.elections++;
          continue;
        }
        for (const id of live) {
          if (round.answers.has(id)) continue;
          const asked = round.askedAt.get(id);
          if (asked !== undefined && now - asked < this.config.requestTimeoutMs) continue;
          round.askedAt.set(id, now);
          let topics = toAsk.get(id);
          if (topics === undefined) toAsk.set(id, (topics = new Map()));
          const list = topics.get(topic.id) ?? [];
          list.push(index);
          topics.set(topic.id, list);
        }
      }
    }
    for (const key of this.#rounds.keys()) if (!seen.has(key)) this.#rounds.delete(key);
    for (const [brokerId, topics] of toAsk) this.#ask(brokerId, topics);
    return records;
  }

  /** A broker's answer: each partition's log info joins its round (errors are asked again later). */
  onAnswer(brokerId: number, response: GetReplicaLogInfoResponse): void {
    for (const t of response.topicPartitionLogInfoList) {
      for (const info of t.partitionLogInfo) {
        const round = this.#rounds.get(keyOf(t.topicId, info.partition));
        if (round === undefined) continue;
        // Not ready (a log still opening after a restart): asked again a poll interval later (not at once:
        // an answer triggers a poll, and an instant error would loop over the network).
        if (info.errorCode !== ErrorCode.NONE) {
          const c = this.config;
          round.askedAt.set(brokerId, this.#clock.now() - c.requestTimeoutMs + c.pollIntervalMs);
          continue;
        }
        round.answers.set(brokerId, {
          brokerEpoch: response.brokerEpoch,
          lastWrittenEpoch: info.lastWrittenLeaderEpoch,
          logEndOffset: info.logEndOffset,
        });
      }
    }
  }

  #decide(
    p: PartitionRegistration,
    round: Round,
    live: readonly number[],
    required: readonly number[],
    now: number,
  ): number | null {
    if (round.answers.size === 0) return null;
    if (this.config.strategy === 'Balanced') {
      if (!required.every((id) => round.answers.has(id))) return null;
      const everyone = live.every((id) => round.answers.has(id));
      if (!everyone && now - round.startedAt < this.config.timeoutMs) return null;
    }
    return longestLog(p, round.answers);
  }

  #ask(brokerId: number, topics: Map<string, number[]>): void {
    const term = this.#term;
    let batch: { topicId: string; partitions: number[] }[] = [];
    let count = 0;
    const flush = () => {
      if (batch.length === 0) return;
      const request: GetReplicaLogInfoRequest = { topicPartitions: batch };
      batch = [];
      count = 0;
      this.#send(brokerId, request, (response) => {
        if (term === this.#term) this.onAnswer(brokerId, response);
      });
    };
    for (const [topicId, partitions] of topics) {
      let rest = partitions;
      while (rest.length > 0) {
        const room = this.config.maxPartitionsPerRequest - count;
        batch.push({ topicId, partitions: rest.slice(0, room) });
        count += Math.min(room, rest.length);
        rest = rest.slice(room);
        if (count >= this.config.maxPartitionsPerRequest) flush();
      }
    }
    flush();
  }
}

function describeAnswers(answers: ReadonlyMap<number, ReplicaLogAnswer>): string {
  return [...answers].map(([id, a]) => `${id}: epoch ${a.lastWrittenEpoch} end ${a.logEndOffset}`).join(', ');
}

/** unclean.recovery.strategy as written (case-insensitive), or null. */
export function parseUncleanRecoveryStrategy(value: string): UncleanRecoveryStrategy | null {
  const v = value.trim().toLowerCase();
  return UNCLEAN_RECOVERY_STRATEGIES.find((s) => s.toLowerCase() === v) ?? null;
}
