// SCRAM (RFC 5802, RFC 7677) as Kafka uses it: the key derivation and the four messages, shared by the
// broker (server side), the controller (credentials from AlterUserScramCredentials) and the client. Parsers
// return null for anything malformed; nothing here throws on input from the network.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramMechanismName = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** Kafka's ScramMechanism enum as AlterUserScramCredentials and the metadata records number it. */
export const ScramMechanism = { UNKNOWN: 0, SCRAM_SHA_256: 1, SCRAM_SHA_512: 2 } as const;

/** Kafka's bounds on iterations (ScramMechanism.minIterations, and its upper limit for credentials). */
export const SCRAM_MIN_ITERATIONS = 4096;
export const SCRAM_MAX_ITERATIONS = 16384;

export function scramMechanismName(type: number): ScramMechanismName | null {
  if (type === ScramMechanism.SCRAM_SHA_256) return 'SCRAM-SHA-256';
  if (type === ScramMechanism.SCRAM_SHA_512) return 'SCRAM-SHA-512';
  return null;
}

export function scramMechanismType(name: string): number {
  const n = name.toUpperCase();
  if (n === 'SCRAM-SHA-256') return ScramMechanism.SCRAM_SHA_256;
  if (n === 'SCRAM-SHA-512') return ScramMechanism.SCRAM_SHA_512;
  return ScramMechanism.UNKNOWN;
}

const hashOf = (m: ScramMechanismName) => (m === 'SCRAM-SHA-256' ? 'sha256' : 'sha512');
const keyLength = (m: ScramMechanismName) => (m === 'SCRAM-SHA-256' ? 32 : 64);

export function hmac(m: ScramMechanismName, key: Buffer, data: string | Buffer): Buffer {
  return createHmac(hashOf(m), key).update(data).digest();
}

export function hash(m: ScramMechanismName, data: Buffer): Buffer {
  return createHash(hashOf(m)).update(data).digest();
}

/** Hi() of RFC 5802: PBKDF2 with the mechanism's HMAC. */
export function saltedPassword(
  m: ScramMechanismName,
  password: string,
  salt: Buffer,
  iterations: number,
): Buffer {
  return pbkdf2Sync(
    Buffer.from(password.normalize('NFKC'), 'utf8'),
    salt,
    iterations,
    keyLength(m),
    hashOf(m),
  );
}

/** What a server keeps of a password: never the password, nor the salted password. */
export interface ScramCredential {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
  iterations: number;
}

export function credentialFromSalted(
  m: ScramMechanismName,
  salted: Buffer,
  salt: Buffer,
  iterations: number,
): ScramCredential {
  const clientKey = hmac(m, salted, 'Client Key');
  return {
    salt,
    storedKey: hash(m, clientKey),
    serverKey: hmac(m, salted, 'Server Key'),
    iterations,
  };
}

export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

export function nonce(): string {
  return randomBytes(24).toString('base64').replace(/[+/=]/g, 'x');
}

/** saslname of RFC 5802: ',' and '=' escaped. */
export function escapeName(name: string): string {
  return name.replaceAll('=', '=3D').replaceAll(',', '=2C');
}

/** null when an '=' is not one of the two escapes. */
export function unescapeName(s: string): string | null {
  if (/=(?!2C|3D)/.test(s)) return null;
  return s.replaceAll('=2C', ',').replaceAll('=3D', '=');
}

function attributes(s: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const part of s.split(',')) {
    if (part.length < 2 || part[1] !== '=') return null;
    out.set(part[0]!, part.slice(2));
  }
  return out;
}

const PRINTABLE_NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;

export interface ClientFirst {
  /** gs2 header (e.g. "n,,"), kept for the channel binding check. */
  gs2Header: string;
  user: string;
  nonce: string;
  /** client-first-message-bare, part of the AuthMessage. */
  bare: string;
  /** Kafka's extensions (tokenauth=true for delegation tokens). */
  extensions: Map<string, string>;
}

/** "n,[a=authzid],n=user,r=nonce[,ext=...]". No channel binding ('p=' or 'y' refused: Kafka has none). */
export function parseClientFirst(msg: string): ClientFirst | null {
  const m = /^(n,(?:a=[^,]*)?,)(.*)$/.exec(msg);
  if (m === null) return null;
  const bare = m[2]!;
  const attrs = bare.split(',');
  if (attrs.length < 2 || !attrs[0]!.startsWith('n=') || !attrs[1]!.startsWith('r=')) return null;
  const user = unescapeName(attrs[0]!.slice(2));
  const clientNonce = attrs[1]!.slice(2);
  if (user === null || user === '' || !PRINTABLE_NONCE.test(clientNonce)) return null;
  const extensions = new Map<string, string>();
  for (const e of attrs.slice(2)) {
    const i = e.indexOf('=');
    if (i <= 0) return null;
    extensions.set(e.slice(0, i), e.slice(i + 1));
  }
  return { gs2Header: m[1]!, user, nonce: clientNonce, bare, extensions };
}

export function formatServerFirst(combinedNonce: string, salt: Buffer, iterations: number): string {
  return `r=${combinedNonce},s=${salt.toString('base64')},i=${iterations}`;
}

export interface ServerFirst {
  nonce: string;
  salt: Buffer;
  iterations: number;
}

export function parseServerFirst(msg: string): ServerFirst | null {
  const a = attributes(msg);
  const r = a?.get('r');
  const s = a?.get('s');
  const i = a?.get('i');
  if (r === undefined || s === undefined || i === undefined || !/^\d+$/.test(i)) return null;
  return { nonce: r, salt: Buffer.from(s, 'base64'), iterations: Number(i) };
}

export interface ClientFinal {
  channelBinding: string;
  nonce: string;
  proof: Buffer;
  /** client-final-message-without-proof, part of the AuthMessage. */
  withoutProof: string;
}

export function parseClientFinal(msg: string): ClientFinal | null {
  const i = msg.lastIndexOf(',p=');
  if (i < 0) return null;
  const withoutProof = msg.slice(0, i);
  const a = attributes(withoutProof);
  const c = a?.get('c');
  const r = a?.get('r');
  const p = msg.slice(i + 3);
  if (c === undefined || r === undefined || !/^[A-Za-z0-9+/]+=*$/.test(p)) return null;
  return { channelBinding: c, nonce: r, proof: Buffer.from(p, 'base64'), withoutProof };
}

/** The client side of one exchange: first message, then the final one from the server's first. */
export class ScramClient {
  readonly #mechanism: ScramMechanismName;
  readonly #user: string;
  readonly #password: string;
  readonly #nonce: string;
  #expectedServerSignature: Buffer | null = null;

  /** `clientNonce`: for test vectors only; a fresh random one otherwise. */
  constructor(mechanism: ScramMechanismName, user: string, password: string, clientNonce = nonce()) {
    this.#nonce = clientNonce;
    this.#mechanism = mechanism;
    this.#user = user;
    this.#password = password;
  }

  #bare(): string {
    return `n=${escapeName(this.#user)},r=${this.#nonce}`;
  }

  firstMessage(): Buffer {
    return Buffer.from(`n,,${this.#bare()}`, 'utf8');
  }

  /** The client-final message, or an error text when the server's first message is unusable. */
  finalMessage(serverFirst: Buffer): Buffer | string {
    const text = serverFirst.toString('utf8');
    const sf = parseServerFirst(text);
    if (sf === null) return 'malformed server-first message';
    if (!sf.nonce.startsWith(this.#nonce) || sf.nonce.length === this.#nonce.length)
      return 'server nonce does not extend the client nonce';
    if (sf.iterations < 1 || sf.iterations > 1_000_000) return `iterations ${sf.iterations} out of range`;
    const m = this.#mechanism;
    const salted = saltedPassword(m, this.#password, sf.salt, sf.iterations);
    const withoutProof = `c=biws,r=${sf.nonce}`;
    const authMessage = `${this.#bare()},${text},${withoutProof}`;
    const clientKey = hmac(m, salted, 'Client Key');
    const signature = hmac(m, hash(m, clientKey), authMessage);
    this.#expectedServerSignature = hmac(m, hmac(m, salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${xor(clientKey, signature).toString('base64')}`, 'utf8');
  }

  /** Checks the server-final message: true when the server proved it knows the credential. */
  verifyServerFinal(serverFinal: Buffer): boolean {
    const a = attributes(serverFinal.toString('utf8'));
    const v = a?.get('v');
    const expected = this.#expectedServerSignature;
    if (v === undefined || expected === null) return false;
    const got = Buffer.from(v, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected);
  }
}
