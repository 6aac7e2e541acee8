// Kafka's listener model: `listeners` names where the broker accepts connections (NAME://HOST:PORT),
// `listener.security.protocol.map` gives each name its security protocol, `advertised.listeners` what
// clients and other brokers are told per name, and `inter.broker.listener.name` the one brokers use among
// themselves. Parsing is strict: every mistake is an Error whose message names the value (the CLI exits 2).
import { SECURITY_PROTOCOLS, type SecurityProtocol } from './session.js';

/** One listener as configured: its name and where it binds (port 0: a free one). */
export interface ListenerAddress {
  name: string;
  host: string;
  port: number;
}

/** A listener with everything the broker needs to serve it. */
export interface Listener extends ListenerAddress {
  securityProtocol: SecurityProtocol;
  /** Given to clients of this listener; null: the bound address. */
  advertised: { host: string; port: number } | null;
}

/** Kafka's default listener.security.protocol.map: each protocol's name maps to itself. */
export const DEFAULT_PROTOCOL_MAP: Readonly<Record<string, SecurityProtocol>> = Object.freeze(
  Object.fromEntries(SECURITY_PROTOCOLS.map((p) => [p, p])),
);

/** Kafka's numbers for security protocols (RegisterBrokerRecord, BrokerRegistration endpoints). */
export const SECURITY_PROTOCOL_IDS: Readonly<Record<SecurityProtocol, number>> = Object.freeze({
  PLAINTEXT: 0,
  SSL: 1,
  SASL_PLAINTEXT: 2,
  SASL_SSL: 3,
});

export function securityProtocolOfId(id: number): SecurityProtocol | undefined {
  return SECURITY_PROTOCOLS.find((p) => SECURITY_PROTOCOL_IDS[p] === id);
}

/** Whether connections on a listener of this protocol speak TLS. */
export function usesTls(p: SecurityProtocol): boolean {
  return p === 'SSL' || p === 'SASL_SSL';
}

const NAME = /^[A-Za-z0-9_]+$/;

function parseEndpoint(entry: string, defaultName: string): ListenerAddress {
  const m = /^(?:([^:/]+):\/\/)?(.*)$/.exec(entry.trim())!;
  const name = (m[1] ?? defaultName).toUpperCase();
  if (name !== '' && !NAME.test(name)) throw new Error(`bad listener name '${m[1]}' in '${entry}'`);
  const hostPort = m[2]!;
  const i = hostPort.lastIndexOf(':');
  if (i < 0) throw new Error(`expected NAME://HOST:PORT, got '${entry}'`);
  // An empty host binds every interface, as in Kafka.
  const host = hostPort.slice(0, i).replace(/^\[(.*)\]$/, '$1') || '0.0.0.0';
  const portText = hostPort.slice(i + 1);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`bad port '${portText}' in '${entry}'`);
  return { name, host, port };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

/**
 * `listeners`: "NAME://HOST:PORT,..."; an entry without a name (`--listen HOST:PORT`) is the PLAINTEXT
 * listener. Names are upper-cased, as Kafka normalises them.
 */
export function parseListeners(value: string): ListenerAddress[] {
  const out = splitList(value).map((e) => parseEndpoint(e, 'PLAINTEXT'));
  if (out.length === 0) throw new Error('expected at least one NAME://HOST:PORT listener');
  return out;
}

/**
 * `advertised.listeners`: "NAME://HOST:PORT,..."; an entry without a name (`--advertised HOST:PORT`) is
 * for the only listener, and gets its name once the listeners are known (name '').
 */
export function parseAdvertisedListeners(value: string): ListenerAddress[] {
  return splitList(value).map((e) => parseEndpoint(e, ''));
}

/** `listener.security.protocol.map`: "NAME:PROTOCOL,...". */
export function parseProtocolMap(value: string): Record<string, SecurityProtocol> {
  const out: Record<string, SecurityProtocol> = {};
  for (const entry of splitList(value)) {
    const i = entry.indexOf(':');
    const name = entry.slice(0, i).trim().toUpperCase();
    const protocol = entry
      .slice(i + 1)
      .trim()
      .toUpperCase();
    if (i <= 0 || !NAME.test(name)) throw new Error(`expected NAME:PROTOCOL, got '${entry}'`);
    if (!(SECURITY_PROTOCOLS as readonly string[]).includes(protocol))
      throw new Error(
        `unknown security protocol '${entry.slice(i + 1).trim()}' for listener ${name} (expected ${SECURITY_PROTOCOLS.join(', ')})`,
      );
    if (out[name] !== undefined) throw new Error(`listener ${name} is mapped twice`);
    out[name] = protocol as SecurityProtocol;
  }
  if (Object.keys(out).length === 0) throw new Error('expected NAME:PROTOCOL,...');
  return out;
}

export interface ListenerSettings {
  listeners: readonly ListenerAddress[];
  advertisedListeners: readonly ListenerAddress[];
  listenerSecurityProtocolMap: Readonly<Record<string, SecurityProtocol>>;
  interBrokerListenerName: string | null;
}

/**
 * The listeners with their protocols and advertised addresses, and the inter-broker listener's name.
 * Throws on a name without a protocol, a name or port used twice, an advertised name that is no
 * listener, or an inter-broker listener that is not defined.
 */
export function resolveListeners(s: ListenerSettings): { listeners: Listener[]; interBroker: string } {
  if (s.listeners.length === 0) throw new Error('listeners: at least one listener is needed');
  const map = s.listenerSecurityProtocolMap;
  const out: Listener[] = [];
  const ports = new Map<number, string>();
  for (const l of s.listeners) {
    const securityProtocol = map[l.name];
    if (securityProtocol === undefined)
      throw new Error(
        `listener ${l.name} has no security protocol: name it in listener.security.protocol.map (${Object.keys(map).join(', ')} are)`,
      );
    if (out.some((o) => o.name === l.name)) throw new Error(`listeners: ${l.name} is defined twice`);
    const other = ports.get(l.port);
    if (l.port !== 0 && other !== undefined)
      throw new Error(`listeners: ${other} and ${l.name} both use port ${l.port}`);
    ports.set(l.port, l.name);
    out.push({ ...l, securityProtocol, advertised: null });
  }
  for (const a of s.advertisedListeners) {
    let name = a.name;
    if (name === '') {
      if (out.length !== 1)
        throw new Error(
          `advertised.listeners: '${a.host}:${a.port}' names no listener; with several listeners write NAME://HOST:PORT`,
        );
      name = out[0]!.name;
    }
    const l = out.find((o) => o.name === name);
    if (l === undefined)
      throw new Error(
        `advertised.listeners: ${name} is not a listener (listeners: ${out.map((o) => o.name).join(', ')})`,
      );
    if (l.advertised !== null) throw new Error(`advertised.listeners: ${name} is advertised twice`);
    if (a.port === 0) throw new Error(`advertised.listeners: ${name} needs a port other than 0`);
    l.advertised = { host: a.host === '0.0.0.0' ? l.host : a.host, port: a.port };
  }
  // Unset: Kafka's default inter-broker protocol is PLAINTEXT, i.e. the listener of that name; a broker with
  // a single listener uses it whatever its name.
  let interBroker = s.interBrokerListenerName?.toUpperCase() ?? null;
  if (interBroker === null) {
    if (out.some((o) => o.name === 'PLAINTEXT')) interBroker = 'PLAINTEXT';
    else if (out.length === 1) interBroker = out[0]!.name;
    else
      throw new Error(
        `inter.broker.listener.name is needed: there is no PLAINTEXT listener among ${out.map((o) => o.name).join(', ')}`,
      );
  }
  if (!out.some((o) => o.name === interBroker))
    throw new Error(
      `inter.broker.listener.name ${interBroker} is not a listener (listeners: ${out.map((o) => o.name).join(', ')})`,
    );
  return { listeners: out, interBroker };
}
