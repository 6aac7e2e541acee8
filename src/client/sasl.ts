// SASL for Runnel's client, configured as KafkaJS users write it:
//   sasl: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512', username, password }
//   sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: token }) }
// After ApiVersions the connection sends SaslHandshake v1 and the mechanism's tokens in SaslAuthenticate
// (KIP-152). A broker that answers a session lifetime (KIP-368) is re-authenticated on the same connection
// before it runs out (connection.ts schedules it).
import { ErrorCode } from '../protocol/errors.js';
import { type ApiCodec, SaslAuthenticateApi, SaslHandshakeApi } from '../protocol/generated/api-keys.js';
import type { SaslAuthenticateResponse } from '../protocol/generated/sasl-authenticate.js';
import type { SaslHandshakeResponse } from '../protocol/generated/sasl-handshake.js';
import { ScramClient } from '../protocol/sasl/scram.js';
import { ClientError, KafkaError } from './errors.js';

export type SaslOptions =
  | { mechanism: 'plain' | 'PLAIN'; username: string; password: string }
  | {
      mechanism: 'scram-sha-256' | 'scram-sha-512' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
      username: string;
      password: string;
    }
  | { mechanism: 'oauthbearer' | 'OAUTHBEARER'; oauthBearerProvider: () => Promise<{ value: string }> };

export type SaslSend = <Req, Res>(codec: ApiCodec<Req, Res>, body: Req, version: number) => Promise<Res>;

/** Kafka's name of the mechanism; throws ConfigError for an unknown one. */
export function saslMechanismName(o: SaslOptions): string {
  const m = String(o.mechanism).toUpperCase();
  if (m === 'PLAIN' || m === 'SCRAM-SHA-256' || m === 'SCRAM-SHA-512' || m === 'OAUTHBEARER') return m;
  throw new ClientError(
    `unknown SASL mechanism '${o.mechanism}' (plain, scram-sha-256, scram-sha-512, oauthbearer)`,
  );
}

/**
 * One authentication: handshake, then the mechanism's exchange. Resolves with the session lifetime the
 * broker granted (0: no limit); rejects with the broker's KafkaError (SASL_AUTHENTICATION_FAILED,
 * UNSUPPORTED_SASL_MECHANISM, ...).
 */
export async function saslAuthenticate(
  send: SaslSend,
  authenticateVersion: number,
  o: SaslOptions,
  address: string,
): Promise<number> {
  const mechanism = saslMechanismName(o);
  const hs = (await send(SaslHandshakeApi, { mechanism }, 1)) as SaslHandshakeResponse;
  if (hs.errorCode !== ErrorCode.NONE) {
    throw new KafkaError(
      hs.errorCode,
      `${address}: SASL mechanism ${mechanism} refused (the broker offers ${hs.mechanisms.join(', ') || 'none'})`,
    );
  }
  const step = async (bytes: Buffer): Promise<SaslAuthenticateResponse> => {
    const res = (await send(
      SaslAuthenticateApi,
      { authBytes: bytes },
      authenticateVersion,
    )) as SaslAuthenticateResponse;
    if (res.errorCode !== ErrorCode.NONE)
      throw new KafkaError(
        res.errorCode,
        `${address}: ${res.errorMessage ?? `SASL ${mechanism} authentication failed`}`,
      );
    return res;
  };
  if (mechanism === 'PLAIN') {
    const p = o as { username: string; password: string };
    const res = await step(Buffer.from(`\u0000${p.username}\u0000${p.password}`, 'utf8'));
    return res.sessionLifetimeMs;
  }
  if (mechanism === 'OAUTHBEARER') {
    const token = await (
      o as { oauthBearerProvider: () => Promise<{ value: string }> }
    ).oauthBearerProvider();
    if (typeof token?.value !== 'string' || token.value === '')
      throw new ClientError('oauthBearerProvider returned no token value');
    const res = await step(Buffer.from(`n,,\u0001auth=Bearer ${token.value}\u0001\u0001`, 'utf8'));
    return res.sessionLifetimeMs;
  }
  const p = o as { username: string; password: string };
  const scram = new ScramClient(mechanism as 'SCRAM-SHA-256' | 'SCRAM-SHA-512', p.username, p.password);
  const first = await step(scram.firstMessage());
  const final = scram.finalMessage(first.authBytes);
  if (typeof final === 'string')
    throw new KafkaError(ErrorCode.SASL_AUTHENTICATION_FAILED, `${address}: ${final}`);
  const last = await step(final);
  if (!scram.verifyServerFinal(last.authBytes))
    throw new KafkaError(
      ErrorCode.SASL_AUTHENTICATION_FAILED,
      `${address}: the broker's SCRAM signature is wrong`,
    );
  return last.sessionLifetimeMs;
}

/** When to re-authenticate a session of `lifetimeMs`: at 85-95% of it, as the Java client does. */
export function reauthDelayMs(lifetimeMs: number, random = Math.random): number {
  return Math.max(0, Math.floor(lifetimeMs * (0.85 + 0.1 * random())));
}
