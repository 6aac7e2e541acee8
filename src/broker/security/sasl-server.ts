// SASL on SASL_PLAINTEXT and SASL_SSL listeners (KIP-43 handshake, KIP-152 framed tokens, KIP-368
// re-authentication): one state per connection, keyed by its Session.
//
// Before a connection has authenticated it may send only ApiVersions, SaslHandshake (v1: v0 asks for
// unframed tokens after it, which Runnel does not speak, so a v0 handshake closes the connection) and
// SaslAuthenticate; anything else closes it, as does a frame over sasl.server.max.receive.size or not
// finishing within sasl.server.authentication.timeout.ms of connecting. A failed login is logged (the
// user name claimed and the client's address, never a password or token), answered
// SASL_AUTHENTICATION_FAILED after connection.failed.authentication.delay.ms (a timer: other connections
// are not held up), and the connection is then closed.
//
// Re-authentication: with connections.max.reauth.ms > 0, SaslAuthenticate v1+ tells the client its
// session_lifetime_ms (shortened to a token's exp); once it has passed, any request other than SaslHandshake
// or SaslAuthenticate closes the connection. A re-authentication must use the same mechanism and end with the
// same principal; requests keep being served while it runs.
import type { SaslOptions } from '../../client/sasl.js';
import type { BrokerConfig } from '../../config.js';
import { LogLimiter } from '../../log-limiter.js';
import type { Logger } from '../../logger.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ApiKey } from '../../protocol/generated/api-keys.js';
import type { SaslAuthenticateResponse } from '../../protocol/generated/sasl-authenticate.js';
import type { SaslHandshakeResponse } from '../../protocol/generated/sasl-handshake.js';
import type { Connection } from '../connection.js';
import type { SaslExchange, SaslStep } from './mechanisms.js';
import { JwksFile, type OAuthBearerConfig, OAuthBearerExchange } from './oauthbearer.js';
import { loadJaasFile, PlainExchange } from './plain.js';
import { PlainUsersFile } from './plain-users.js';
import { type ScramCredentialLookup, ScramExchange } from './scram.js';
import type { Session } from './session.js';

export function isSaslProtocol(p: Session['securityProtocol']): boolean {
  return p === 'SASL_PLAINTEXT' || p === 'SASL_SSL';
}

const NO_USERS: ReadonlyMap<string, string> = new Map();

/** Failed-login log lines per second; the rest are counted and summed up in one line. */
const FAILED_LOGIN_LOG_PER_SECOND = 10;
/** Lines per second about connections closed before they authenticated; the rest summed up likewise. */
export const PRE_AUTH_CLOSE_LOG_PER_SECOND = 10;

/**
 * The broker's own login for other brokers' SASL listener (sasl.mechanism.inter.broker.protocol, with the
 * username and password of sasl.plain.users.file), or null when its listener is not a SASL one. Throws when
 * they are missing: a broker that could not reach its peers must not start.
 */
export function interBrokerSasl(
  config: BrokerConfig,
  interBrokerProtocol: Session['securityProtocol'],
): SaslOptions | null {
  if (!isSaslProtocol(interBrokerProtocol)) return null;
  const file = config.saslPlainUsersFile;
  const own = file === null ? null : loadJaasFile(file);
  if (own === null || own.username === null || own.password === null)
    throw new Error(
      'the inter-broker listener is a SASL one: sasl.plain.users.file must give this broker\'s own username="..." and password="..." for inter-broker logins',
    );
  const mechanism = config.saslMechanismInterBrokerProtocol as 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  return { mechanism, username: own.username, password: own.password };
}

class SaslState {
  /** The exchange in progress, from a SaslHandshake until its last SaslAuthenticate. */
  exchange: SaslExchange | null = null;
  mechanism: string | null = null;
  authenticated = false;
  /** When the session ends (KIP-368); 0: never. */
  expiresAtMs = 0;
  /** A login failed: the connection closes once the answer is written; nothing more is served. */
  failed = false;
  timer: NodeJS.Timeout | null = null;

  constructor(
    readonly conn: Connection,
    readonly mechanisms: readonly string[],
  ) {}
}

export interface SaslServerOptions {
  config: BrokerConfig;
  /** SCRAM credentials as the committed metadata has them. */
  scramCredentials: ScramCredentialLookup;
  log: Logger;
  now?: () => number;
}

export class SaslServer {
  readonly #config: BrokerConfig;
  readonly #lookup: ScramCredentialLookup;
  readonly #now: () => number;
  readonly #states = new WeakMap<Session, SaslState>();
  readonly #plainUsers: PlainUsersFile | null;
  readonly #oauth: OAuthBearerConfig;
  readonly #jwks: JwksFile | null;
  readonly #failureLog: LogLimiter;
  /** Connections closed before they authenticated (pre-authentication refusals, timeouts): one budget. */
  readonly preAuthLog: LogLimiter;

  /** Throws (with the reason) when a configured file cannot be read: the broker then does not start. */
  constructor(o: SaslServerOptions) {
    const c = o.config;
    this.#config = c;
    this.#lookup = o.scramCredentials;
    this.#now = o.now ?? Date.now;
    this.#failureLog = new LogLimiter(
      o.log,
      'failed authentications',
      FAILED_LOGIN_LOG_PER_SECOND,
      1000,
      this.#now,
    );
    this.preAuthLog = new LogLimiter(
      o.log,
      'connections closed before authenticating',
      PRE_AUTH_CLOSE_LOG_PER_SECOND,
      1000,
      this.#now,
    );
    this.#plainUsers =
      c.saslPlainUsersFile === null
        ? null
        : new PlainUsersFile(c.saslPlainUsersFile, c.saslPlainUsersReloadIntervalMs, o.log);
    this.#oauth = {
      jwksFile: c.saslOauthbearerJwksEndpointUrl,
      allowUnsecured: c.saslOauthbearerUnsecuredEnable,
      expectedAudience: c.saslOauthbearerExpectedAudience,
      expectedIssuer: c.saslOauthbearerExpectedIssuer,
      subClaimName: c.saslOauthbearerSubClaimName,
      clockSkewSeconds: c.saslOauthbearerClockSkewSeconds,
    };
    try {
      this.#jwks =
        c.saslOauthbearerJwksEndpointUrl === null ? null : new JwksFile(c.saslOauthbearerJwksEndpointUrl);
    } catch (e) {
      throw new Error(`sasl.oauthbearer.jwks.endpoint.url: ${(e as Error).message}`);
    }
  }

  /** Stops the users file's reload timer. */
  close(): void {
    this.#plainUsers?.close();
    this.#failureLog.flush();
    this.preAuthLog.flush();
  }

  /** Whether the connection of this session on a SASL listener has logged in. */
  authenticated(session: Session): boolean {
    return this.#states.get(session)?.authenticated === true;
  }

  /** The mechanisms a listener offers: its listener.name.X.sasl.enabled.mechanisms, else sasl.enabled.mechanisms. */
  mechanismsFor(listenerName: string): readonly string[] {
    return (
      this.#config.listenerSaslEnabledMechanisms[listenerName.toUpperCase()] ??
      this.#config.saslEnabledMechanisms
    );
  }

  /** A new connection on a SASL listener: small frames only and a deadline until it has authenticated. */
  attach(conn: Connection): void {
    const state = new SaslState(conn, this.mechanismsFor(conn.session.listenerName));
    this.#states.set(conn.session, state);
    conn.maxFrameBytes = Math.min(conn.maxFrameBytes, this.#config.saslServerMaxReceiveSize);
    const timeout = this.#config.saslServerAuthenticationTimeoutMs;
    state.timer = setTimeout(() => {
      if (state.authenticated || conn.closed) return;
      this.preAuthLog.warn(
        `closing connection ${conn.id} from ${conn.remote}: not authenticated within ${timeout} ms`,
      );
      conn.close();
    }, timeout);
    state.timer.unref();
  }

  detach(conn: Connection): void {
    const state = this.#states.get(conn.session);
    if (state?.timer != null) clearTimeout(state.timer);
  }

  /**
   * Whether a request with this api key may be served on the session; null when it may, else why the
   * connection must close.
   */
  refusal(session: Session, apiKey: number): string | null {
    const state = this.#states.get(session);
    if (state === undefined) return 'no SASL state for this connection';
    if (state.failed) return 'authentication failed';
    const saslApi = apiKey === ApiKey.SaslHandshake || apiKey === ApiKey.SaslAuthenticate;
    if (!state.authenticated) {
      return saslApi || apiKey === ApiKey.ApiVersions ? null : `api key ${apiKey} before SASL authentication`;
    }
    if (state.expiresAtMs > 0 && !saslApi && this.#now() >= state.expiresAtMs)
      return 'the SASL session expired without re-authentication (connections.max.reauth.ms)';
    return null;
  }

  handshake(session: Session, mechanism: string): SaslHandshakeResponse {
    const state = this.#states.get(session)!;
    const mechanisms = [...state.mechanisms];
    if (state.exchange !== null)
      return this.#handshakeFailed(state, ErrorCode.ILLEGAL_SASL_STATE, mechanisms);
    if (!state.mechanisms.includes(mechanism))
      return this.#handshakeFailed(state, ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms);
    // KIP-368: a re-authentication keeps the mechanism.
    if (state.authenticated && mechanism !== state.mechanism)
      return this.#handshakeFailed(state, ErrorCode.ILLEGAL_SASL_STATE, mechanisms);
    state.exchange = this.#exchange(mechanism);
    state.mechanism = mechanism;
    return { errorCode: ErrorCode.NONE, mechanisms };
  }

  #handshakeFailed(state: SaslState, errorCode: number, mechanisms: string[]): SaslHandshakeResponse {
    state.failed = true;
    state.conn.closeAfterResponses();
    return { errorCode, mechanisms };
  }

  #exchange(mechanism: string): SaslExchange {
    switch (mechanism) {
      case 'PLAIN':
        return new PlainExchange(this.#plainUsers?.users ?? NO_USERS);
      case 'SCRAM-SHA-256':
      case 'SCRAM-SHA-512':
        return new ScramExchange(mechanism, this.#lookup);
      default:
        return new OAuthBearerExchange(this.#oauth, this.#jwks);
    }
  }

  authenticate(
    session: Session,
    authBytes: Buffer,
  ): SaslAuthenticateResponse | Promise<SaslAuthenticateResponse> {
    const state = this.#states.get(session)!;
    const exchange = state.exchange;
    if (exchange === null) {
      state.failed = true;
      state.conn.closeAfterResponses();
      return answer(ErrorCode.ILLEGAL_SASL_STATE, 'SaslAuthenticate before SaslHandshake');
    }
    let step: SaslStep;
    try {
      step = exchange.evaluate(authBytes);
    } catch (e) {
      step = { kind: 'fail', attempted: null, reason: `mechanism error: ${(e as Error).message}` };
    }
    if (step.kind === 'challenge') return answer(ErrorCode.NONE, null, step.bytes);
    state.exchange = null;
    if (step.kind === 'done' && state.authenticated && session.principal.name !== step.name) {
      step = {
        kind: 'fail',
        attempted: step.name,
        reason: `re-authenticated as another user than ${session.principal.name}`,
      };
    }
    if (step.kind === 'fail') return this.#failed(state, session, step);
    const now = this.#now();
    const reauthMs = this.#config.connectionsMaxReauthMs;
    let lifetimeMs = 0;
    if (reauthMs > 0) {
      lifetimeMs =
        step.expiresAtMs === null ? reauthMs : Math.min(reauthMs, Math.max(1, step.expiresAtMs - now));
    }
    state.expiresAtMs = lifetimeMs > 0 ? now + lifetimeMs : 0;
    if (!state.authenticated) {
      state.authenticated = true;
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
      state.conn.maxFrameBytes = this.#config.socketRequestMaxBytes;
      session.principal = { type: 'User', name: step.name };
    }
    return { ...answer(ErrorCode.NONE, null, step.bytes), sessionLifetimeMs: lifetimeMs };
  }

  #failed(
    state: SaslState,
    session: Session,
    step: Extract<SaslStep, { kind: 'fail' }>,
  ): Promise<SaslAuthenticateResponse> {
    state.failed = true;
    this.#failureLog.warn(
      `failed ${state.mechanism} authentication of ${step.attempted === null ? 'an unreadable user' : `user '${step.attempted}'`} ` +
        `from ${session.clientAddress} on listener ${session.listenerName}: ${step.reason}`,
    );
    const res = answer(
      ErrorCode.SASL_AUTHENTICATION_FAILED,
      `Authentication failed: invalid credentials with SASL mechanism ${state.mechanism}`,
    );
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        state.conn.closeAfterResponses();
        resolve(res);
      }, this.#config.connectionFailedAuthenticationDelayMs);
      t.unref();
    });
  }
}

function answer(
  errorCode: number,
  errorMessage: string | null,
  authBytes: Buffer = Buffer.alloc(0),
): SaslAuthenticateResponse {
  return { errorCode, errorMessage, authBytes, sessionLifetimeMs: 0 };
}
