// PLAIN's users file (sasl.plain.users.file), re-read when it changes, as the TLS files are: its inode, mtime
// and size are compared every sasl.plain.users.reload.interval.ms. New logins use the new users; sessions
// already authenticated go on until they re-authenticate (KIP-368), as in Kafka. A changed file that cannot
// be used (unreadable, empty, or an entry that does not parse, as a file caught half written would be) is
// logged and the previous users kept; the next check tries again.
import { readFileSync } from 'node:fs';
import { fileFingerprint } from '../../file-fingerprint.js';
import type { Logger } from '../../logger.js';
import { parseJaas } from './plain.js';

/** Reads and checks the file; throws with the reason. */
export function readPlainUsers(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the SASL users file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  if (text.trim() === '') throw new Error(`the SASL users file ${path} is empty`);
  const parsed = parseJaas(text);
  // Every user_ entry in the text must have parsed (an unclosed quote would silently drop one).
  const entries = text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .join('\n')
    .match(/(^|[\s;{])user_[\w.-]+\s*=/g);
  const expected = new Set((entries ?? []).map((e) => e.replace(/^[\s;{]/, '').replace(/\s*=$/, '')));
  if (expected.size !== parsed.users.size)
    throw new Error(
      `the SASL users file ${path} has a user_ entry that does not parse (a value without its closing quote?)`,
    );
  return parsed.users;
}

export class PlainUsersFile {
  readonly #path: string;
  readonly #log: Logger;
  #users: ReadonlyMap<string, string>;
  #fingerprint: string;
  /** The version last found unusable: logged once, not at every check. */
  #bad = '';
  #timer: NodeJS.Timeout | null = null;
  /** Successful reloads since start. */
  reloads = 0;

  /** Reads the file now; throws when it cannot be used (the broker then does not start). */
  constructor(path: string, reloadIntervalMs: number, log: Logger) {
    this.#path = path;
    this.#log = log;
    this.#fingerprint = fileFingerprint([path]);
    this.#users = readPlainUsers(path);
    if (reloadIntervalMs > 0) {
      this.#timer = setInterval(() => this.reloadIfChanged(), reloadIntervalMs);
      this.#timer.unref();
    }
  }

  get users(): ReadonlyMap<string, string> {
    return this.#users;
  }

  /** Re-reads a changed file (the timer calls it); true when the users were replaced. */
  reloadIfChanged(): boolean {
    const now = fileFingerprint([this.#path]);
    if (now === this.#fingerprint || now === this.#bad) return false;
    try {
      const users = readPlainUsers(this.#path);
      this.#users = users;
      this.#fingerprint = now;
      this.reloads++;
      this.#log.info(`SASL users file ${this.#path} changed: ${users.size} PLAIN users for new logins`);
      return true;
    } catch (e) {
      // The fingerprint stays old, so the file's next version is read again.
      this.#bad = now;
      this.#log.warn(
        `SASL users file changed but cannot be used, keeping the previous users: ${(e as Error).message}`,
      );
      return false;
    }
  }

  close(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
