// Metadata quorum timings and limits (KRaft's controller.quorum.* settings). Every value is explicit;
// resolveRaftConfig rejects what the protocol cannot honour instead of clamping it.

export interface RaftConfig {
  /** controller.quorum.election.timeout.ms: a voter with no leader waits this (plus jitter) to stand. */
  electionTimeoutMs: number;
  /** controller.quorum.fetch.timeout.ms: a follower that hears nothing from its leader this long stands. */
  fetchTimeoutMs: number;
  /** controller.quorum.election.backoff.max.ms: the longest random wait after a lost election. */
  electionBackoffMaxMs: number;
  /** controller.quorum.request.timeout.ms: an unanswered request is given up (and retried) after this. */
  requestTimeoutMs: number;
  /** How long a follower waits between fetches that found nothing new (the leader answers at once). */
  fetchIntervalMs: number;
  /** Most entries one fetch response carries. */
  maxFetchEntries: number;
  /** controller.quorum.append.linger.ms: a leader flushes appended entries within this. */
  appendLingerMs: number;
  /** Entries proposed and not yet committed; past it propose() refuses. */
  maxUncommittedEntries: number;
  /** Most snapshot bytes one FetchSnapshot response carries. */
  snapshotChunkBytes: number;
  /** Largest snapshot a follower takes (it is held in memory until whole); a larger one is refused. */
  maxSnapshotBytes: number;
}

export const DEFAULT_RAFT_CONFIG: Readonly<RaftConfig> = Object.freeze({
  electionTimeoutMs: 1000,
  fetchTimeoutMs: 2000,
  electionBackoffMaxMs: 1000,
  requestTimeoutMs: 2000,
  fetchIntervalMs: 50,
  maxFetchEntries: 500,
  appendLingerMs: 25,
  maxUncommittedEntries: 10_000,
  snapshotChunkBytes: 1024 * 1024,
  maxSnapshotBytes: 256 * 1024 * 1024,
});

function intIn(cfg: RaftConfig, name: keyof RaftConfig, min: number, max: number): void {
  const v = cfg[name];
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new RangeError(`raft ${name}=${String(v)}: must be an integer in [${min}, ${max}]`);
  }
}

/** Defaults merged with overrides and checked; throws RangeError naming the value. */
export function resolveRaftConfig(overrides: Partial<RaftConfig> = {}): RaftConfig {
  const cfg: RaftConfig = { ...DEFAULT_RAFT_CONFIG };
  for (const key of Object.keys(overrides) as (keyof RaftConfig)[]) {
    const v = overrides[key];
    if (v !== undefined) cfg[key] = v;
  }
  intIn(cfg, 'electionTimeoutMs', 10, 600_000);
  intIn(cfg, 'fetchTimeoutMs', 10, 600_000);
  intIn(cfg, 'electionBackoffMaxMs', 1, 600_000);
  intIn(cfg, 'requestTimeoutMs', 10, 600_000);
  intIn(cfg, 'fetchIntervalMs', 1, 60_000);
  intIn(cfg, 'maxFetchEntries', 1, 1_000_000);
  intIn(cfg, 'appendLingerMs', 0, 60_000);
  intIn(cfg, 'maxUncommittedEntries', 1, 10_000_000);
  intIn(cfg, 'snapshotChunkBytes', 1, 64 * 1024 * 1024);
  intIn(cfg, 'maxSnapshotBytes', 1, 2 ** 31 - 1);
  if (cfg.fetchIntervalMs >= cfg.fetchTimeoutMs) {
    throw new RangeError(`raft fetchIntervalMs=${cfg.fetchIntervalMs}: must be below fetchTimeoutMs`);
  }
  return cfg;
}
