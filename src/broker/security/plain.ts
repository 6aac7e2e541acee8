// SASL PLAIN (RFC 4616): one message, "authzid NUL authcid NUL password". Users come from a JAAS-style file
// (user_NAME="password" entries, as Kafka's PlainLoginModule takes them; plain-users.ts re-reads it). Passwords
// are compared through their SHA-256 digests with timingSafeEqual, and an unknown user is compared against a
// dummy, so neither the length nor the existence of a password shows in the time a login takes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SaslExchange, SaslStep } from './mechanisms.js';

/** Longest user name or password taken (RFC 4616 allows 255 bytes each). */
export const PLAIN_MAX_FIELD_BYTES = 255;

export interface JaasCredentials {
  /** user_NAME="password": PLAIN's users. */
  users: Map<string, string>;
  /** username="..." password="...": the broker's own, for inter-broker logins. */
  username: string | null;
  password: string | null;
}

/** Reads JAAS-style options: NAME="value" (or NAME=value) pairs anywhere in the text; '#' starts a comment. */
export function parseJaas(text: string): JaasCredentials {
  const out: JaasCredentials = { users: new Map(), username: null, password: null };
  const noComments = text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n');
  const re = /([A-Za-z_][\w.-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+))/g;
  for (let m = re.exec(noComments); m !== null; m = re.exec(noComments)) {
    const key = m[1]!;
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    if (key.startsWith('user_') && key.length > 5) out.users.set(key.slice(5), value);
    else if (key === 'username') out.username = value;
    else if (key === 'password') out.password = value;
  }
  return out;
}

export function loadJaasFile(path: string): JaasCredentials {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the SASL users file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  return parseJaas(text);
}

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();
const DUMMY = digest('runnel: no such user');

export class PlainExchange implements SaslExchange {
  constructor(readonly users: ReadonlyMap<string, string>) {}

  evaluate(token: Buffer): SaslStep {
    const first = token.indexOf(0);
    const second = first < 0 ? -1 : token.indexOf(0, first + 1);
    if (first < 0 || second < 0 || token.indexOf(0, second + 1) >= 0)
      return { kind: 'fail', attempted: null, reason: 'malformed PLAIN message' };
    const authzid = token.subarray(0, first).toString('utf8');
    const user = token.subarray(first + 1, second).toString('utf8');
    const password = token.subarray(second + 1);
    if (user === '' || password.length === 0)
      return { kind: 'fail', attempted: user || null, reason: 'empty user name or password' };
    if (second - first - 1 > PLAIN_MAX_FIELD_BYTES || password.length > PLAIN_MAX_FIELD_BYTES)
      return { kind: 'fail', attempted: null, reason: 'user name or password too long' };
    const known = this.users.get(user);
    const ok = timingSafeEqual(digest(password), known === undefined ? DUMMY : digest(known));
    if (!ok || known === undefined)
      return { kind: 'fail', attempted: user, reason: 'wrong user name or password' };
    // Kafka: an authorization id, if given, must be the user itself.
    if (authzid !== '' && authzid !== user)
      return { kind: 'fail', attempted: user, reason: 'authorization id differs from the user' };
    return { kind: 'done', name: user, bytes: Buffer.alloc(0), expiresAtMs: null };
  }
}
