// TLS of every SSL and SASL_SSL listener: each gets its effective settings (its listener.name.X.ssl.* where
// given, else the global ssl.*), listeners with the same files share one TlsContexts (one reload timer per
// file set), and each gets its own acceptor with its ssl.client.auth. The inter-broker listener's files
// are also what this broker presents when it connects to other brokers.
import type { ConnectionOptions } from 'node:tls';
import type { BrokerConfig } from '../../config.js';
import { LogLimiter } from '../../log-limiter.js';
import type { Logger } from '../../logger.js';
import { effectiveSsl } from './listener-overrides.js';
import { type Listener, usesTls } from './listeners.js';
import type { PrincipalRule } from './ssl-principal-mapper.js';
import { TlsContexts } from './tls-config.js';
import { TlsAcceptor } from './tls-listener.js';

/** Log lines per second about failed or refused handshakes; the rest are summed up in one line. */
export const TLS_REFUSAL_LOG_PER_SECOND = 10;

export class ListenerTls {
  readonly #acceptors = new Map<string, TlsAcceptor>();
  readonly #contexts = new Map<string, TlsContexts>();
  readonly #byListener = new Map<string, TlsContexts>();
  /** Failed, timed-out and refused handshakes on every TLS listener: one budget of log lines. */
  readonly refusals: LogLimiter;

  /** Loads every TLS listener's files; throws with the reason when some do not load. */
  constructor(
    config: BrokerConfig,
    listeners: readonly Listener[],
    rules: readonly PrincipalRule[],
    log: Logger,
  ) {
    this.refusals = new LogLimiter(
      log.child('tls'),
      'failed or refused TLS handshakes',
      TLS_REFUSAL_LOG_PER_SECOND,
    );
    try {
      for (const l of listeners) {
        if (!usesTls(l.securityProtocol)) continue;
        const own = config.listenerSsl[l.name];
        const s = effectiveSsl(config, own);
        const files = JSON.stringify([s.certificateLocation, s.keyLocation, s.caLocation, s.keyPassword]);
        let contexts = this.#contexts.get(files);
        if (contexts === undefined) {
          contexts = new TlsContexts(
            {
              keyLocation: s.keyLocation,
              certificateLocation: s.certificateLocation!,
              caLocation: s.caLocation,
              keyPassword: s.keyPassword,
              enabledProtocols: config.sslEnabledProtocols,
              endpointIdentificationAlgorithm: config.sslEndpointIdentificationAlgorithm,
              reloadIntervalMs: config.sslReloadIntervalMs,
            },
            log.child(this.#contexts.size === 0 ? 'tls' : `tls:${l.name}`),
          );
          this.#contexts.set(files, contexts);
        }
        this.#byListener.set(l.name, contexts);
        this.#acceptors.set(
          l.name,
          new TlsAcceptor({
            contexts,
            // As in Kafka, the global ssl.client.auth applies to SSL listeners only; a SASL_SSL listener asks
            // for client certificates only when its own listener.name.X.ssl.client.auth says so.
            clientAuth: l.securityProtocol === 'SSL' ? s.clientAuth : (own?.clientAuth ?? 'none'),
            rules,
            handshakeTimeoutMs: config.sslHandshakeTimeoutMs,
            log: log.child(`tls:${l.name}`),
            refusals: this.refusals,
          }),
        );
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** The acceptor of a TLS listener, undefined for a plain one. */
  acceptor(listenerName: string): TlsAcceptor | undefined {
    return this.#acceptors.get(listenerName);
  }

  /** node:tls options for this broker's connections to another broker's `listenerName` listener. */
  clientOptions(listenerName: string): ConnectionOptions {
    const contexts = this.#byListener.get(listenerName);
    if (contexts === undefined)
      throw new Error(`listener ${listenerName} speaks TLS here but has no TLS files configured`);
    return contexts.clientOptions();
  }

  /** Handshakes in progress on every listener (they count against max.connections). */
  get handshaking(): number {
    let n = 0;
    for (const a of this.#acceptors.values()) n += a.handshaking;
    return n;
  }

  close(): void {
    this.refusals.flush();
    for (const c of this.#contexts.values()) c.close();
  }
}
