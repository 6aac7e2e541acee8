// SWIM + Lifeguard timings and limits in one place (the shape of memberlist's DefaultLANConfig). Every value
// is explicit; resolveMembershipConfig rejects what the protocol cannot honour instead of clamping it.

export interface MembershipConfig {
  /** Time between two probes of one member each (round-robin over a shuffled list). */
  probeIntervalMs: number;
  /** How long a direct ping waits for its ack before asking others to probe (scaled by local health). */
  probeTimeoutMs: number;
  /** Members asked to probe indirectly when a direct ping goes unanswered. */
  indirectChecks: number;
  /** Suspicion lasts suspicionMult x max(1, log10(n)) x probe interval once fully confirmed. */
  suspicionMult: number;
  /** A fresh suspicion starts this many times longer than its minimum and shrinks with confirmations. */
  suspicionMaxTimeoutMult: number;
  /** Each update is piggybacked retransmitMult x ceil(log10(n + 1)) times. */
  retransmitMult: number;
  /** Time between two gossip rounds. */
  gossipIntervalMs: number;
  /** Members each gossip round sends to. */
  gossipNodes: number;
  /** Dead members keep receiving gossip this long, so a wrongly declared member learns it and refutes. */
  gossipToTheDeadMs: number;
  /** Time between two full-state exchanges with a random member (scaled up past 32 members). */
  pushPullIntervalMs: number;
  /** Lifeguard: local health score ceiling; timeouts are stretched by (score + 1). */
  awarenessMaxMultiplier: number;
  /** Largest datagram sent, bytes (keep under the path MTU). */
  maxDatagramBytes: number;
  /** Largest reliable (stream) message, bytes: bounds a full-state exchange. */
  maxStreamBytes: number;
  /** Updates waiting to be piggybacked; past it the most-sent are dropped first. */
  maxQueuedBroadcasts: number;
  /** Members tracked, this node included; a new member past it is ignored (and logged). */
  maxMembers: number;
  /** Dead or left members are forgotten this long after they were declared. */
  deadMemberReapMs: number;
  /** Largest meta a member may carry (bytes): larger is refused by updateMeta and dropped when received. */
  maxMetaBytes: number;
}

/** For brokers on one LAN (memberlist's LAN defaults). */
export const LAN_MEMBERSHIP_CONFIG: Readonly<MembershipConfig> = Object.freeze({
  probeIntervalMs: 1000,
  probeTimeoutMs: 500,
  indirectChecks: 3,
  suspicionMult: 4,
  suspicionMaxTimeoutMult: 6,
  retransmitMult: 4,
  gossipIntervalMs: 200,
  gossipNodes: 3,
  gossipToTheDeadMs: 30_000,
  pushPullIntervalMs: 30_000,
  awarenessMaxMultiplier: 8,
  maxDatagramBytes: 1400,
  maxStreamBytes: 4 * 1024 * 1024,
  maxQueuedBroadcasts: 4096,
  maxMembers: 4096,
  deadMemberReapMs: 24 * 60 * 60 * 1000,
  maxMetaBytes: 512,
});

/** For brokers on one host (loopback): faster failure detection, fewer indirect checks. */
export const LOCAL_MEMBERSHIP_CONFIG: Readonly<MembershipConfig> = Object.freeze({
  ...LAN_MEMBERSHIP_CONFIG,
  probeIntervalMs: 1000,
  probeTimeoutMs: 200,
  indirectChecks: 1,
  suspicionMult: 3,
  retransmitMult: 2,
  gossipIntervalMs: 100,
  gossipToTheDeadMs: 15_000,
  pushPullIntervalMs: 15_000,
});

/** Smallest datagram that still holds one ping with a full member record. */
export const MIN_DATAGRAM_BYTES = 512;

function invalid(name: string, value: unknown, why: string): never {
  throw new RangeError(`membership ${name}=${String(value)}: ${why}`);
}

function intIn(cfg: MembershipConfig, name: keyof MembershipConfig, min: number, max: number): void {
  const v = cfg[name];
  if (!Number.isSafeInteger(v) || v < min || v > max)
    invalid(name, v, `must be an integer in [${min}, ${max}]`);
}

/** Defaults (LAN unless given) merged with overrides and checked; throws RangeError naming the value. */
export function resolveMembershipConfig(
  overrides: Partial<MembershipConfig> = {},
  base: Readonly<MembershipConfig> = LAN_MEMBERSHIP_CONFIG,
): MembershipConfig {
  const cfg: MembershipConfig = { ...base };
  for (const key of Object.keys(overrides) as (keyof MembershipConfig)[]) {
    const v = overrides[key];
    if (v !== undefined) cfg[key] = v;
  }
  intIn(cfg, 'probeIntervalMs', 10, 600_000);
  intIn(cfg, 'probeTimeoutMs', 1, 600_000);
  if (cfg.probeTimeoutMs >= cfg.probeIntervalMs)
    invalid('probeTimeoutMs', cfg.probeTimeoutMs, 'must be below probeIntervalMs');
  intIn(cfg, 'indirectChecks', 0, 16);
  intIn(cfg, 'suspicionMult', 1, 100);
  intIn(cfg, 'suspicionMaxTimeoutMult', 1, 100);
  intIn(cfg, 'retransmitMult', 1, 100);
  intIn(cfg, 'gossipIntervalMs', 1, 600_000);
  intIn(cfg, 'gossipNodes', 1, 64);
  intIn(cfg, 'gossipToTheDeadMs', 0, 86_400_000);
  intIn(cfg, 'pushPullIntervalMs', 100, 86_400_000);
  intIn(cfg, 'awarenessMaxMultiplier', 1, 64);
  intIn(cfg, 'maxDatagramBytes', MIN_DATAGRAM_BYTES, 65_507);
  intIn(cfg, 'maxStreamBytes', 64 * 1024, 1 << 30);
  intIn(cfg, 'maxQueuedBroadcasts', 16, 1 << 20);
  intIn(cfg, 'maxMembers', 2, 1 << 16);
  intIn(cfg, 'deadMemberReapMs', 0, Number.MAX_SAFE_INTEGER);
  // updateMeta also refuses a meta whose Alive, names included, would not fit one datagram.
  intIn(cfg, 'maxMetaBytes', 0, cfg.maxDatagramBytes);
  return cfg;
}
