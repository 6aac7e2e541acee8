// SCRAM-SHA-256 and SCRAM-SHA-512, server side (RFC 5802): client-first -> server-first (salt, iterations,
// nonce), client-final -> server-final (the server's signature). Credentials are the metadata image's
// (UserScramCredentialRecord), so every broker knows the same ones. An unknown user gets a made-up salt
// derived from its name and fails at the proof like a wrong password does: the exchange does not tell which
// users exist. Kafka's tokenauth extension (delegation tokens) is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatServerFirst,
  hash,
  hmac,
  nonce,
  parseClientFinal,
  parseClientFirst,
  SCRAM_MIN_ITERATIONS,
  type ScramCredential,
  type ScramMechanismName,
  xor,
} from '../../protocol/sasl/scram.js';
import type { SaslExchange, SaslStep } from './mechanisms.js';

export type ScramCredentialLookup = (
  user: string,
  mechanism: ScramMechanismName,
) => ScramCredential | undefined;

/** Per-process secret the fake salts of unknown users derive from (stable for a user within a run). */
const FAKE_SALT_KEY = randomBytes(32);

export class ScramExchange implements SaslExchange {
  readonly #mechanism: ScramMechanismName;
  readonly #lookup: ScramCredentialLookup;
  #state: 'first' | 'final' | 'over' = 'first';
  #user = '';
  #credential: ScramCredential | null = null;
  #clientFirstBare = '';
  #serverFirst = '';
  #nonce = '';
  #gs2Header = '';

  readonly #serverNonce: () => string;

  /** `serverNonce`: for test vectors only. */
  constructor(mechanism: ScramMechanismName, lookup: ScramCredentialLookup, serverNonce = nonce) {
    this.#mechanism = mechanism;
    this.#lookup = lookup;
    this.#serverNonce = serverNonce;
  }

  evaluate(token: Buffer): SaslStep {
    if (this.#state === 'first') return this.#first(token);
    if (this.#state === 'final') return this.#final(token);
    return { kind: 'fail', attempted: this.#user || null, reason: 'SCRAM exchange already over' };
  }

  #first(token: Buffer): SaslStep {
    this.#state = 'final';
    const cf = parseClientFirst(token.toString('utf8'));
    if (cf === null) {
      this.#state = 'over';
      return { kind: 'fail', attempted: null, reason: 'malformed SCRAM client-first message' };
    }
    this.#user = cf.user;
    if (cf.extensions.get('tokenauth') === 'true') {
      this.#state = 'over';
      return { kind: 'fail', attempted: cf.user, reason: 'delegation tokens are not supported' };
    }
    this.#credential = this.#lookup(cf.user, this.#mechanism) ?? null;
    const salt = this.#credential?.salt ?? createHmac('sha256', FAKE_SALT_KEY).update(cf.user).digest();
    const iterations = this.#credential?.iterations ?? SCRAM_MIN_ITERATIONS;
    this.#nonce = cf.nonce + this.#serverNonce();
    this.#clientFirstBare = cf.bare;
    this.#gs2Header = cf.gs2Header;
    this.#serverFirst = formatServerFirst(this.#nonce, salt, iterations);
    return { kind: 'challenge', bytes: Buffer.from(this.#serverFirst, 'utf8') };
  }

  #final(token: Buffer): SaslStep {
    this.#state = 'over';
    const user = this.#user;
    const cf = parseClientFinal(token.toString('utf8'));
    if (cf === null) return { kind: 'fail', attempted: user, reason: 'malformed SCRAM client-final message' };
    // Kafka checks endsWith, not equality: librdkafka (2.0) sends its own nonce again in front.
    if (!cf.nonce.endsWith(this.#nonce))
      return { kind: 'fail', attempted: user, reason: 'SCRAM nonce mismatch' };
    if (Buffer.from(cf.channelBinding, 'base64').toString('utf8') !== this.#gs2Header)
      return { kind: 'fail', attempted: user, reason: 'SCRAM channel binding mismatch' };
    const credential = this.#credential;
    const m = this.#mechanism;
    const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${cf.withoutProof}`;
    if (credential === null || cf.proof.length !== credential.storedKey.length)
      return { kind: 'fail', attempted: user, reason: 'wrong user name or password' };
    const clientKey = xor(cf.proof, hmac(m, credential.storedKey, authMessage));
    if (!timingSafeEqual(hash(m, clientKey), credential.storedKey))
      return { kind: 'fail', attempted: user, reason: 'wrong user name or password' };
    const serverSignature = hmac(m, credential.serverKey, authMessage);
    return {
      kind: 'done',
      name: user,
      bytes: Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8'),
      expiresAtMs: null,
    };
  }
}
