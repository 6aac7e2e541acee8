// Reading a Kafka broker's server.properties: Kafka's names for settings Runnel has (broker.id,
// listeners=PLAINTEXT://host:port, log.retention.hours, ...) become Runnel's properties, and Kafka settings
// with nothing to act on here (network threads, ZooKeeper, replication factors, TLS) are collected so the
// CLI can warn once. Any other key stays unknown, which is an error: a typo must not pass silently.

/** Kafka key -> Runnel property, with a factor for keys in coarser units. */
const ALIASES: Record<string, { property: string; factor?: number }> = {
  'broker.id': { property: 'node.id' },
  'log.dir': { property: 'log.dirs' },
  'log.retention.hours': { property: 'log.retention.ms', factor: 3_600_000 },
  'log.retention.minutes': { property: 'log.retention.ms', factor: 60_000 },
  'log.roll.hours': { property: 'log.roll.ms', factor: 3_600_000 },
  'log.flush.interval.ms': { property: 'log.flush.policy' },
};

/** Kafka broker settings without an effect on a single Runnel broker (accepted with a warning). */
const IGNORED = new Set([
  'num.network.threads',
  'num.recovery.threads.per.data.dir',
  'num.replica.fetchers',
  'background.threads',
  'socket.send.buffer.bytes',
  'socket.receive.buffer.bytes',
  'queued.max.requests',
  'min.insync.replicas',
  'transaction.state.log.replication.factor',
  'transaction.state.log.min.isr',
  'process.roles',
  'node.roles',
  'inter.broker.listener.name',
  'listener.security.protocol.map',
  'security.inter.broker.protocol',
  'log.flush.interval.messages',
  'log.flush.scheduler.interval.ms',
  'log.cleaner.enable',
  'log.cleaner.threads',
  'log.cleanup.policy',
  'delete.topic.enable',
  'unclean.leader.election.enable',
  'compression.type',
  'metadata.log.dir',
  'group.coordinator.rebalance.protocols',
]);
const IGNORED_PREFIXES = [
  'zookeeper.',
  'controller.',
  'transaction.',
  'replica.',
  'ssl.',
  'sasl.',
  'share.',
  'confluent.',
];

/**
 * The first PLAINTEXT listener of a Kafka listener list ("PLAINTEXT://:9092,CONTROLLER://:9093"), as
 * HOST:PORT; an empty host means every interface, as in Kafka. An entry without a scheme passes.
 */
export function pickListener(value: string): string {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  // A listener named otherwise may be TLS or SASL (listener.security.protocol.map), which Runnel lacks.
  const plain = entries.find((e) => /^PLAINTEXT:\/\//i.test(e) || !e.includes('://'));
  if (plain === undefined) {
    throw new Error(
      `expected a PLAINTEXT://HOST:PORT listener (Runnel serves no TLS or SASL), got '${value}'`,
    );
  }
  const hostPort = plain.replace(/^[A-Za-z_]+:\/\//, '');
  return hostPort.startsWith(':') ? `0.0.0.0${hostPort}` : hostPort;
}

export interface KafkaProperties {
  /** Properties by Runnel's names; keys neither Runnel's nor known to Kafka are left as they were. */
  props: Map<string, string>;
  /** Known Kafka keys that have no effect here, in file order. */
  ignored: string[];
}

/**
 * Maps Kafka's names onto Runnel's. A setting given under several names resolves as in Kafka: the finer
 * unit wins (log.retention.ms over .minutes over .hours), and Runnel's own name over an alias.
 */
export function fromKafkaProperties(
  input: ReadonlyMap<string, string>,
  known: ReadonlySet<string>,
): KafkaProperties {
  const props = new Map<string, string>();
  const ignored: string[] = [];
  const setBy = new Map<string, number>(); // property -> factor of the key that set it (1: exact)
  for (const [key, raw] of input) {
    const alias = known.has(key) ? undefined : ALIASES[key];
    if (alias === undefined) {
      if (!known.has(key) && (IGNORED.has(key) || IGNORED_PREFIXES.some((p) => key.startsWith(p)))) {
        ignored.push(key);
        continue;
      }
      props.set(key, raw);
      setBy.set(key, 1);
      continue;
    }
    const factor = alias.factor ?? 1;
    const previous = setBy.get(alias.property);
    if (previous !== undefined && previous <= factor) continue;
    let value = raw;
    if (alias.factor !== undefined) {
      const n = Number(raw.trim());
      // -1 (no limit) stays -1 in every unit.
      value = /^-?\d+$/.test(raw.trim()) && n !== -1 ? String(n * alias.factor) : raw;
    }
    props.set(alias.property, value);
    setBy.set(alias.property, factor);
  }
  for (const key of ['listeners', 'advertised.listeners']) {
    const v = props.get(key);
    if (v !== undefined) props.set(key, pickListener(v));
  }
  const dirs = props.get('log.dirs');
  if (dirs?.includes(',')) throw new Error(`log.dirs: Runnel uses one data directory, got '${dirs}'`);
  return { props, ignored };
}
