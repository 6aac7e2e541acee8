// The server side of TLS on an SSL or SASL_SSL listener: accepted TCP sockets go through a node:tls Server
// (never listening itself) with the current key, certificate and CA, and are handed on only once their
// handshake is done, with the principal their client certificate maps to (ssl.principal.mapping.rules). A
// handshake that fails (a certificate the CA did not sign, none where ssl.client.auth=required, a protocol
// version not enabled, no rule matching the subject) closes the socket.
//
// Limit: a handshake not finished handshakeTimeoutMs after accept closes the socket, however slowly the
// peer keeps sending (Node's own handshakeTimeout is an idle timeout, which a trickle defeats).
//
// Gossip's full-state sync is plain TCP to the inter-broker listener's port; its first byte (0xff) never
// starts a TLS record (0x16), so such a connection is handed on without TLS.
import type { Socket } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { Logger } from '../../logger.js';
import type { KafkaPrincipal } from './session.js';
import { mapPrincipalName, type PrincipalRule, subjectRfc2253 } from './ssl-principal-mapper.js';
import type { SslClientAuth, TlsContexts } from './tls-config.js';

export interface TlsAcceptOptions {
  contexts: TlsContexts;
  /** ssl.client.auth on this listener (SASL_SSL listeners: none, as in Kafka). */
  clientAuth: SslClientAuth;
  rules: readonly PrincipalRule[];
  handshakeTimeoutMs: number;
  log: Logger;
  /** Where failed, timed-out and refused handshakes are logged (a rate-limited log); default `log`. */
  refusals?: Pick<Logger, 'info'>;
}

export type TlsAccepted =
  | { kind: 'tls'; socket: TLSSocket; principal: KafkaPrincipal | null }
  | { kind: 'plain'; socket: Socket };

const GOSSIP_FIRST_BYTE = 0xff;

interface Pending {
  remote: string;
  raw: Socket;
  timer: NodeJS.Timeout;
  done: (accepted: TlsAccepted) => void;
}

export class TlsAcceptor {
  readonly #o: TlsAcceptOptions;
  readonly #refusals: Pick<Logger, 'info'>;
  readonly #server: Server;
  /** Handshakes in progress, by the client's address (the TLSSocket shows the same one). */
  readonly #pending = new Map<string, Pending>();

  constructor(o: TlsAcceptOptions) {
    this.#o = o;
    this.#refusals = o.refusals ?? o.log;
    this.#server = createServer({
      ...o.contexts.serverOptions(),
      requestCert: o.clientAuth !== 'none',
      rejectUnauthorized: o.clientAuth === 'required',
      // Ours is the limit; Node's idle one only has to stay out of the way.
      handshakeTimeout: o.handshakeTimeoutMs + 60_000,
    });
    o.contexts.onReload(() => this.#server.setSecureContext(o.contexts.serverOptions()));
    this.#server.on('secureConnection', (socket: TLSSocket) => this.#secure(socket));
    this.#server.on('tlsClientError', (err: Error, socket: TLSSocket) => {
      const p = this.#take(`${socket.remoteAddress}:${socket.remotePort}`);
      if (p === undefined) return;
      this.#refusals.info(`TLS handshake with ${p.remote} failed: ${err.message}`);
      socket.destroy();
      p.raw.destroy();
    });
  }

  /** Handshakes in progress. */
  get handshaking(): number {
    return this.#pending.size;
  }

  /**
   * Starts the handshake of `raw` (accepted paused); `done` gets the TLS socket once it completes (or the
   * plain socket of a gossip stream when `gossip`). On failure or timeout the socket is destroyed and
   * `done` is never called.
   */
  accept(raw: Socket, gossip: boolean, done: (accepted: TlsAccepted) => void): void {
    const remote = `${raw.remoteAddress}:${raw.remotePort}`;
    const timer = setTimeout(() => {
      if (this.#take(remote) === undefined) return;
      this.#refusals.info(
        `closing ${remote}: TLS handshake not finished within ${this.#o.handshakeTimeoutMs} ms`,
      );
      raw.destroy();
    }, this.#o.handshakeTimeoutMs);
    this.#pending.set(remote, { remote, raw, timer, done });
    raw.on('error', () => {});
    raw.once('close', () => this.#take(remote));
    raw.once('data', (first: Buffer) => {
      raw.pause();
      if (!this.#pending.has(remote)) return;
      raw.unshift(first);
      if (gossip && first[0] === GOSSIP_FIRST_BYTE) {
        this.#take(remote)!.done({ kind: 'plain', socket: raw });
        return;
      }
      this.#server.emit('connection', raw);
    });
    raw.resume();
  }

  #take(remote: string): Pending | undefined {
    const p = this.#pending.get(remote);
    if (p === undefined) return undefined;
    this.#pending.delete(remote);
    clearTimeout(p.timer);
    return p;
  }

  #secure(socket: TLSSocket): void {
    const p = this.#take(`${socket.remoteAddress}:${socket.remotePort}`);
    if (p === undefined) {
      // Timed out meanwhile.
      socket.destroy();
      return;
    }
    const refuse = (why: string) => {
      this.#refusals.info(`TLS client ${p.remote} refused: ${why}`);
      socket.destroy();
    };
    // requested: a certificate given must verify; only a missing one passes (as ANONYMOUS).
    const cert = socket.getPeerX509Certificate();
    if (cert !== undefined && !socket.authorized) {
      refuse(`client certificate not trusted (${String(socket.authorizationError)})`);
      return;
    }
    let principal: KafkaPrincipal | null = null;
    if (cert !== undefined) {
      const dn = subjectRfc2253(cert);
      const name = mapPrincipalName(this.#o.rules, dn);
      if (name === null) {
        refuse(`no ssl.principal.mapping.rules rule matches '${dn}'`);
        return;
      }
      principal = { type: 'User', name };
    }
    p.done({ kind: 'tls', socket, principal });
  }
}
