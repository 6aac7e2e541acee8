// Gossip encryption, memberlist's way: a keyring of AES-256-GCM keys shared by every broker. The first key
// (primary) seals what this broker sends; every key is tried on what it receives, so keys rotate without
// a flag day: add the new key second everywhere, make it first everywhere, then drop the old one. The key
// file is re-read when it changes (GossipKeyFile), so each step is an edit of the file on every broker. A packet no key opens (wrong key, no key, altered or cut bytes) is dropped
// and counted, never decoded. Each sealed packet is: version (1 byte), a random 12-byte nonce, the
// ciphertext, the 16-byte GCM tag; the additional data says datagram or stream, so neither passes for
// the other.
//
// Limit: at most MAX_GOSSIP_KEYS keys (each one is tried on a packet the others do not open).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileFingerprint } from '../../file-fingerprint.js';
import type { LogSink } from '../../logger.js';
import type { MembershipTransport } from './membership.js';
import type { TransportReceiver } from './socket-transport.js';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const MAX_GOSSIP_KEYS = 8;
/** Bytes sealing adds to a packet. */
export const SEAL_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

const AAD_DATAGRAM = Buffer.from('runnel-gossip-datagram');
const AAD_STREAM = Buffer.from('runnel-gossip-stream');

export type GossipChannel = 'datagram' | 'stream';

export class GossipKeyring {
  readonly #keys: readonly Buffer[];

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error('a gossip keyring needs at least one key');
    if (keys.length > MAX_GOSSIP_KEYS)
      throw new Error(`at most ${MAX_GOSSIP_KEYS} gossip keys, got ${keys.length}`);
    for (const k of keys)
      if (k.length !== KEY_BYTES)
        throw new Error(`a gossip key must be ${KEY_BYTES} bytes (AES-256), got ${k.length}`);
    this.#keys = keys;
  }

  get size(): number {
    return this.#keys.length;
  }

  /** The packet sealed with the primary key. */
  seal(plain: Uint8Array, channel: GossipChannel): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys[0]!, nonce);
    cipher.setAAD(channel === 'datagram' ? AAD_DATAGRAM : AAD_STREAM);
    const out = Buffer.allocUnsafe(SEAL_OVERHEAD + plain.length);
    out[0] = VERSION;
    nonce.copy(out, 1);
    let at = 1 + NONCE_BYTES;
    at += cipher.update(plain).copy(out, at);
    at += cipher.final().copy(out, at);
    cipher.getAuthTag().copy(out, at);
    return out;
  }

  /** The plaintext, or null when no key opens the packet. */
  open(sealed: Uint8Array, channel: GossipChannel): Buffer | null {
    if (sealed.length < SEAL_OVERHEAD || sealed[0] !== VERSION) return null;
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const nonce = buf.subarray(1, 1 + NONCE_BYTES);
    const body = buf.subarray(1 + NONCE_BYTES, buf.length - TAG_BYTES);
    const tag = buf.subarray(buf.length - TAG_BYTES);
    for (const key of this.#keys) {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(channel === 'datagram' ? AAD_DATAGRAM : AAD_STREAM);
      decipher.setAuthTag(tag);
      const head = decipher.update(body);
      try {
        return Buffer.concat([head, decipher.final()]);
      } catch {
        // Not this key (or not a packet of ours): try the next.
      }
    }
    return null;
  }
}

/**
 * A keyring file: one base64 key (32 bytes once decoded) per line, the primary first; blank lines and
 * lines starting with '#' are skipped. Throws with the reason.
 */
export function loadGossipKeyring(path: string): GossipKeyring {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the gossip key file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const keys: Buffer[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(line))
      throw new Error(`${path} line ${i + 1}: not a base64 key (make one with: openssl rand -base64 32)`);
    const key = Buffer.from(line, 'base64');
    if (key.length !== KEY_BYTES)
      throw new Error(
        `${path} line ${i + 1}: a key must be ${KEY_BYTES} bytes once decoded, this one is ${key.length}`,
      );
    keys.push(key);
  });
  if (keys.length === 0) throw new Error(`${path} holds no key`);
  return new GossipKeyring(keys);
}

/**
 * The key file, re-read when its inode, mtime or size changes (checked every reloadIntervalMs; 0: read
 * once). A changed file that does not load (a key cut short mid-write, no key) is logged once and the
 * previous keyring kept.
 */
export class GossipKeyFile {
  readonly #path: string;
  readonly #log: LogSink;
  #keyring: GossipKeyring;
  #fingerprint: string;
  #bad = '';
  #timer: NodeJS.Timeout | null = null;
  /** Called with the new keyring after each successful reload. */
  onChange: ((keyring: GossipKeyring) => void) | null = null;

  /** Loads the file now; throws with the reason. */
  constructor(path: string, reloadIntervalMs: number, log: LogSink) {
    this.#path = path;
    this.#log = log;
    this.#fingerprint = fileFingerprint([path]);
    this.#keyring = loadGossipKeyring(path);
    if (reloadIntervalMs > 0) {
      this.#timer = setInterval(() => this.reloadIfChanged(), reloadIntervalMs);
      this.#timer.unref();
    }
  }

  get keyring(): GossipKeyring {
    return this.#keyring;
  }

  /** Re-reads a changed file (the timer calls it); true when the keyring was replaced. */
  reloadIfChanged(): boolean {
    const now = fileFingerprint([this.#path]);
    if (now === this.#fingerprint || now === this.#bad) return false;
    try {
      const keyring = loadGossipKeyring(this.#path);
      this.#keyring = keyring;
      this.#fingerprint = now;
      this.#log.info(`gossip key file changed: ${keyring.size} keys, the first seals`);
      this.onChange?.(keyring);
      return true;
    } catch (e) {
      this.#bad = now;
      this.#log.warn(
        `gossip key file changed but cannot be used, keeping the previous keys: ${(e as Error).message}`,
      );
      return false;
    }
  }

  close(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/** Counts of what the keyring refused. */
export interface GossipCryptoDrops {
  /** Packets and stream frames no key opened. */
  undecryptable: number;
}

/**
 * The membership's transport with sealing in front: what Membership sends is sealed, what arrives is
 * opened before Membership sees it (dropped and counted when no key opens it).
 */
export class SealedTransport implements MembershipTransport {
  readonly drops: GossipCryptoDrops = { undecryptable: 0 };

  /** Replaced when the key file changes. */
  keyring: GossipKeyring;

  constructor(
    keyring: GossipKeyring,
    readonly inner: MembershipTransport,
  ) {
    this.keyring = keyring;
  }

  sendDatagram(to: string, bytes: Uint8Array): void {
    this.inner.sendDatagram(to, this.keyring.seal(bytes, 'datagram'));
  }

  sendStream(to: string, bytes: Uint8Array): void {
    this.inner.sendStream(to, this.keyring.seal(bytes, 'stream'));
  }

  /** Opens what arrives before handing it to `receiver`. */
  receiver(receiver: TransportReceiver): TransportReceiver {
    return {
      receiveDatagram: (from, bytes) => {
        const plain = this.keyring.open(bytes, 'datagram');
        if (plain === null) this.drops.undecryptable++;
        else receiver.receiveDatagram(from, plain);
      },
      receiveStream: (from, bytes) => {
        const plain = this.keyring.open(bytes, 'stream');
        if (plain === null) this.drops.undecryptable++;
        else receiver.receiveStream(from, plain);
      },
    };
  }
}
