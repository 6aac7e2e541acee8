// Who is on the other end of a connection, as Kafka's RequestContext carries it: the principal (Kafka's
// KafkaPrincipal, "User:name"), the listener the connection came in on and that listener's security
// protocol, and the client's address. A connection starts as User:ANONYMOUS; TLS client authentication or
// SASL replace the principal once they succeed. Handlers get the session of the request's connection
// (authorization reads it); nothing in it is ever a credential.

/** Kafka's security protocols (listener.security.protocol.map values). */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

export const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = [
  'PLAINTEXT',
  'SSL',
  'SASL_PLAINTEXT',
  'SASL_SSL',
];

/** Kafka's KafkaPrincipal: a type ("User") and a name. */
export interface KafkaPrincipal {
  readonly type: string;
  readonly name: string;
}

export const ANONYMOUS: KafkaPrincipal = Object.freeze({ type: 'User', name: 'ANONYMOUS' });

/** "User:alice", as ACLs and super.users write principals. */
export function principalString(p: KafkaPrincipal): string {
  return `${p.type}:${p.name}`;
}

/** Parses "Type:name" (the name may itself contain ':'); null when there is no type. */
export function parsePrincipal(s: string): KafkaPrincipal | null {
  const i = s.indexOf(':');
  if (i <= 0) return null;
  return { type: s.slice(0, i), name: s.slice(i + 1) };
}

export class Session {
  /** Who the requests are made as; ANONYMOUS until an authentication replaces it. */
  principal: KafkaPrincipal = ANONYMOUS;

  constructor(
    /** The listener's name (PLAINTEXT, CLIENT, INTERNAL, ...). */
    readonly listenerName: string,
    readonly securityProtocol: SecurityProtocol,
    /** host:port of the client. */
    readonly clientAddress: string,
  ) {}
}

/** A session for requests made by the broker itself or in-process callers (tests): PLAINTEXT, ANONYMOUS. */
export function internalSession(): Session {
  return new Session('PLAINTEXT', 'PLAINTEXT', 'internal');
}
