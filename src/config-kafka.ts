// Reading a Kafka broker's server.properties: Kafka's names for settings Runnel has (broker.id,
// log.retention.hours, PEM key and trust stores, ...) become Runnel's properties, and Kafka settings with
// nothing to act on here (network threads, ZooKeeper, replication factors) are collected so the CLI can
// warn once. KRaft's controller listeners are dropped from `listeners`: Runnel's controllers are reached on
// the inter-broker listener. Any other key stays unknown, which is an error: a typo must not pass silently.

/** Kafka key -> Runnel property, with a factor for keys in coarser units. */
const ALIASES: Record<string, { property: string; factor?: number }> = {
  'broker.id': { property: 'node.id' },
  'log.dir': { property: 'log.dirs' },
  'log.retention.hours': { property: 'log.retention.ms', factor: 3_600_000 },
  'log.retention.minutes': { property: 'log.retention.ms', factor: 60_000 },
  'log.roll.hours': { property: 'log.roll.ms', factor: 3_600_000 },
  'log.flush.interval.ms': { property: 'log.flush.policy' },
  // Kafka's PEM stores (ssl.keystore.type=PEM / ssl.truststore.type=PEM): the keystore file holds the
  // certificate chain and the key.
  'ssl.keystore.location': { property: 'ssl.certificate.location' },
  'ssl.truststore.location': { property: 'ssl.ca.location' },
};

/** Store types read: PEM only (JKS and PKCS12 need a converter: `openssl pkcs12 -nodes`). */
const STORE_TYPES = ['ssl.keystore.type', 'ssl.truststore.type'];

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
  'log.flush.interval.messages',
  'log.flush.scheduler.interval.ms',
  'log.cleaner.enable',
  'log.cleaner.threads',
  'log.cleanup.policy',
  'delete.topic.enable',
  'unclean.leader.election.enable',
  'compression.type',
  'metadata.log.dir',
  'authorizer.class.name',
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

/** A list of listeners ("NAME://...") or map entries ("NAME:PROTOCOL") without those named in `drop`. */
export function withoutListeners(value: string, drop: ReadonlySet<string>): string {
  return value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && !drop.has((/^([^:/]+):/.exec(e)?.[1] ?? '').toUpperCase()))
    .join(',');
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
    if (STORE_TYPES.includes(key)) {
      if (raw.trim().toUpperCase() !== 'PEM')
        throw new Error(`${key}: Runnel reads PEM files only, got '${raw}' (convert with openssl)`);
      continue;
    }
    if (key === 'security.inter.broker.protocol') continue;
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
  const controllers = input.get('controller.listener.names');
  if (controllers !== undefined) {
    const drop = new Set(controllers.split(',').map((n) => n.trim().toUpperCase()));
    for (const key of ['listeners', 'advertised.listeners', 'listener.security.protocol.map']) {
      const v = props.get(key);
      if (v !== undefined) props.set(key, withoutListeners(v, drop));
    }
  }
  // Kafka's older spelling: the inter-broker listener is the one named like the protocol.
  const protocol = input.get('security.inter.broker.protocol');
  if (protocol !== undefined && !props.has('inter.broker.listener.name'))
    props.set('inter.broker.listener.name', protocol.trim());
  const dirs = props.get('log.dirs');
  if (dirs?.includes(',')) throw new Error(`log.dirs: Runnel uses one data directory, got '${dirs}'`);
  return { props, ignored };
}
