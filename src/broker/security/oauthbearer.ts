// SASL OAUTHBEARER (RFC 7628) with JWTs (RFC 7519): the client's one message carries "auth=Bearer TOKEN".
// A token is accepted when it is signed (RS256, RS384, RS512, ES256, ES384) by a key of the configured JWKS
// file, or, only when unsecured tokens are enabled (development), unsigned (alg none); and its claims pass:
// exp in the future, nbf (if any) in the past, both with the configured clock skew; aud and iss when
// expected ones are configured; the principal's name from the sub claim (or the configured one). The
// session then ends at exp at the latest (KIP-368). A refused token is answered with
// SASL_AUTHENTICATION_FAILED directly, not RFC 7628's error challenge: every client handles that.
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SaslExchange, SaslStep } from './mechanisms.js';

export interface OAuthBearerConfig {
  /** JWKS file (path or file: URL); null: no signed token is accepted. */
  jwksFile: string | null;
  allowUnsecured: boolean;
  expectedAudience: readonly string[];
  expectedIssuer: string | null;
  subClaimName: string;
  clockSkewSeconds: number;
}

const ALGORITHMS: Record<string, { hash: string; ec: boolean }> = {
  RS256: { hash: 'sha256', ec: false },
  RS384: { hash: 'sha384', ec: false },
  RS512: { hash: 'sha512', ec: false },
  ES256: { hash: 'sha256', ec: true },
  ES384: { hash: 'sha384', ec: true },
};

/** A JWKS file's keys by kid ('' for keys without one), re-read when the file changes (checked once a second). */
export class JwksFile {
  readonly path: string;
  #keys = new Map<string, KeyObject>();
  #mtimeMs = -1;
  #checkedAt = 0;

  constructor(pathOrUrl: string) {
    this.path = pathOrUrl.startsWith('file:') ? fileURLToPath(pathOrUrl) : pathOrUrl;
    this.#load(); // a missing or broken file stops the start
  }

  #load(): void {
    const st = statSync(this.path);
    const doc = JSON.parse(readFileSync(this.path, 'utf8')) as { keys?: unknown };
    if (!Array.isArray(doc.keys)) throw new Error(`${this.path}: not a JWKS (no "keys" array)`);
    const keys = new Map<string, KeyObject>();
    for (const jwk of doc.keys as Record<string, unknown>[]) {
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
      keys.set(typeof jwk.kid === 'string' ? jwk.kid : '', key);
    }
    this.#keys = keys;
    this.#mtimeMs = st.mtimeMs;
  }

  key(kid: string | undefined, now: number): KeyObject | undefined {
    if (now - this.#checkedAt >= 1000) {
      this.#checkedAt = now;
      try {
        if (statSync(this.path).mtimeMs !== this.#mtimeMs) this.#load();
      } catch {
        // Keep the keys we have: a file being rewritten must not lock everyone out.
      }
    }
    if (kid !== undefined) return this.#keys.get(kid);
    return this.#keys.size === 1 ? [...this.#keys.values()][0] : this.#keys.get('');
  }
}

function decodePart(s: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The bearer token of an OAUTHBEARER client message, or null. */
export function bearerToken(message: Buffer): string | null {
  const text = message.toString('utf8');
  // gs2 header, then key=value pairs each ended by ^A, then a closing ^A.
  const SOH = '\u0001';
  const header = /^n,(?:a=[^,]*)?,/.exec(text);
  if (header === null) return null;
  const rest = text.slice(header[0].length);
  if (!rest.startsWith(SOH) || !rest.endsWith(SOH + SOH)) return null;
  for (const kv of rest.slice(1, -2).split(SOH)) {
    const a = /^auth=Bearer ([\x21-\x7e]+)$/.exec(kv);
    if (a !== null) return a[1]!;
  }
  return null;
}

export type TokenCheck = { ok: true; principal: string; expiresAtMs: number } | { ok: false; reason: string };

export function validateToken(
  token: string,
  config: OAuthBearerConfig,
  jwks: JwksFile | null,
  nowMs: number,
): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const header = decodePart(parts[0]!);
  const claims = decodePart(parts[1]!);
  if (header === null || claims === null) return { ok: false, reason: 'unreadable JWT header or claims' };
  const alg = header.alg;
  if (alg === 'none') {
    if (!config.allowUnsecured) return { ok: false, reason: 'unsecured tokens are not accepted' };
    if (parts[2] !== '') return { ok: false, reason: 'an unsecured token carries a signature' };
  } else {
    const spec = typeof alg === 'string' ? ALGORITHMS[alg] : undefined;
    if (spec === undefined) return { ok: false, reason: `algorithm ${String(alg)} not accepted` };
    if (jwks === null) return { ok: false, reason: 'no JWKS configured for signed tokens' };
    const key = jwks.key(typeof header.kid === 'string' ? header.kid : undefined, nowMs);
    if (key === undefined) return { ok: false, reason: `no key ${String(header.kid ?? '')} in the JWKS` };
    if ((key.asymmetricKeyType === 'ec') !== spec.ec) return { ok: false, reason: `key does not fit ${alg}` };
    const signature = Buffer.from(parts[2]!, 'base64url');
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
    let valid: boolean;
    try {
      valid = verify(spec.hash, signed, spec.ec ? { key, dsaEncoding: 'ieee-p1363' } : key, signature);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad signature' };
  }
  const skewMs = config.clockSkewSeconds * 1000;
  const exp = claims.exp;
  if (typeof exp !== 'number') return { ok: false, reason: 'no exp claim' };
  if (exp * 1000 + skewMs <= nowMs) return { ok: false, reason: 'token expired' };
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf * 1000 - skewMs > nowMs))
    return { ok: false, reason: 'token not valid yet' };
  if (config.expectedIssuer !== null && claims.iss !== config.expectedIssuer)
    return { ok: false, reason: 'unexpected issuer' };
  if (config.expectedAudience.length > 0) {
    const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
    if (!aud.some((a) => typeof a === 'string' && config.expectedAudience.includes(a)))
      return { ok: false, reason: 'unexpected audience' };
  }
  const sub = claims[config.subClaimName];
  if (typeof sub !== 'string' || sub === '') return { ok: false, reason: `no ${config.subClaimName} claim` };
  return { ok: true, principal: sub, expiresAtMs: exp * 1000 };
}

export class OAuthBearerExchange implements SaslExchange {
  constructor(
    readonly config: OAuthBearerConfig,
    readonly jwks: JwksFile | null,
  ) {}

  evaluate(message: Buffer): SaslStep {
    const token = bearerToken(message);
    if (token === null) return { kind: 'fail', attempted: null, reason: 'malformed OAUTHBEARER message' };
    const check = validateToken(token, this.config, this.jwks, Date.now());
    if (!check.ok) {
      const sub = decodePart(token.split('.')[1] ?? '')?.[this.config.subClaimName];
      return { kind: 'fail', attempted: typeof sub === 'string' ? sub : null, reason: check.reason };
    }
    return { kind: 'done', name: check.principal, bytes: Buffer.alloc(0), expiresAtMs: check.expiresAtMs };
  }
}
