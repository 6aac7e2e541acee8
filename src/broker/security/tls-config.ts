// The broker's TLS material and settings: the PEM key, certificate chain and CA files, read into one
// server SecureContext for SSL / SASL_SSL listeners and into the options the broker's own clients use to
// reach other brokers over such a listener. The files are checked every ssl.reload.interval.ms; a change
// (rotated certificate, new CA) builds new contexts that the next connections get, while connections
// already open keep theirs. A change that does not load (a key and certificate that do not match, a file
// half written) is logged and the previous contexts stay until the files load again.
//
// Limits: a handshake not finished ssl.handshake.timeout.ms after accept closes the connection
// (tls-listener.ts); protocol versions are only those of ssl.enabled.protocols.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, SecureContextOptions, SecureVersion } from 'node:tls';
import { createSecureContext } from 'node:tls';
import { fileFingerprint } from '../../file-fingerprint.js';
import type { Logger } from '../../logger.js';

export type SslClientAuth = 'required' | 'requested' | 'none';

export const DEFAULT_SSL_CONFIG = Object.freeze({
  clientAuth: 'none' as SslClientAuth,
  enabledProtocols: Object.freeze(['TLSv1.2', 'TLSv1.3']),
  principalMappingRules: 'DEFAULT',
  endpointIdentificationAlgorithm: 'https',
  handshakeTimeoutMs: 10_000,
  reloadIntervalMs: 30_000,
});

const PROTOCOLS: readonly SecureVersion[] = ['TLSv1.2', 'TLSv1.3'];

export function parseClientAuth(v: string): SslClientAuth {
  const s = v.trim().toLowerCase();
  if (s === 'required' || s === 'requested' || s === 'none') return s;
  throw new Error(`expected required, requested or none, got '${v}'`);
}

/** ssl.enabled.protocols: TLSv1.2 and/or TLSv1.3 (older versions are not offered). */
export function parseEnabledProtocols(v: string): string[] {
  const out = v
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (out.length === 0) throw new Error('expected TLSv1.2, TLSv1.3 or both');
  for (const p of out) {
    if (!(PROTOCOLS as readonly string[]).includes(p))
      throw new Error(`unsupported TLS version '${p}' (expected ${PROTOCOLS.join(' or ')})`);
  }
  return [...new Set(out)];
}

export interface TlsSettings {
  keyLocation: string | null;
  certificateLocation: string;
  caLocation: string | null;
  keyPassword: string | null;
  enabledProtocols: readonly string[];
  endpointIdentificationAlgorithm: string;
  reloadIntervalMs: number;
}

interface Material {
  key: Buffer;
  cert: Buffer;
  ca: Buffer | null;
}

export class TlsContexts {
  readonly #settings: TlsSettings;
  readonly #log: Logger;
  #material: Material;
  readonly #reloadListeners: (() => void)[] = [];
  #fingerprint: string;
  #timer: NodeJS.Timeout | null = null;
  /** Successful reloads since start, for tests and logs. */
  reloads = 0;

  /** Loads the files now; throws with the reason when they do not make a usable context. */
  constructor(settings: TlsSettings, log: Logger) {
    this.#settings = settings;
    this.#log = log;
    this.#fingerprint = fileFingerprint(this.#files());
    this.#material = this.#read();
    this.#check(this.#material);
    if (settings.reloadIntervalMs > 0) {
      this.#timer = setInterval(() => this.reloadIfChanged(), settings.reloadIntervalMs);
      this.#timer.unref();
    }
  }

  /** What new server-side connections get (node:tls createServer / setSecureContext options). */
  serverOptions(): SecureContextOptions {
    return this.#options(this.#material);
  }

  /** Called after each successful reload (TLS servers take the new options then). */
  onReload(listener: () => void): void {
    this.#reloadListeners.push(listener);
  }

  /** node:tls options for the broker's own connections to another broker's TLS listener. */
  clientOptions(): ConnectionOptions {
    const m = this.#material;
    const s = this.#settings;
    return {
      key: m.key,
      cert: m.cert,
      ...(m.ca === null ? {} : { ca: m.ca }),
      ...(s.keyPassword === null ? {} : { passphrase: s.keyPassword }),
      minVersion: this.#minVersion(),
      maxVersion: this.#maxVersion(),
      ...(s.endpointIdentificationAlgorithm === '' ? { checkServerIdentity: () => undefined } : {}),
    };
  }

  close(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Loads changed files now (the timer calls it); true when new contexts were made. */
  reloadIfChanged(): boolean {
    const now = fileFingerprint(this.#files());
    if (now === this.#fingerprint) return false;
    try {
      const material = this.#read();
      this.#check(material);
      this.#material = material;
      this.#fingerprint = now;
      this.reloads++;
      for (const l of this.#reloadListeners) l();
      this.#log.info('TLS key, certificate or CA files changed: new connections use them');
      return true;
    } catch (e) {
      // Keep the fingerprint old, so the next check tries again (the files may be mid-rotation).
      this.#log.warn(
        `TLS files changed but cannot be loaded, keeping the previous ones: ${(e as Error).message}`,
      );
      return false;
    }
  }

  #files(): (string | null)[] {
    const s = this.#settings;
    return [s.certificateLocation, s.keyLocation, s.caLocation];
  }

  #read(): Material {
    const s = this.#settings;
    const read = (what: string, file: string) => {
      try {
        return readFileSync(file);
      } catch (e) {
        throw new Error(
          `cannot read the ${what} file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
    };
    const cert = read('certificate', s.certificateLocation);
    const key = s.keyLocation === null ? cert : read('key', s.keyLocation);
    const ca = s.caLocation === null ? null : read('CA', s.caLocation);
    return { key, cert, ca };
  }

  #minVersion(): SecureVersion {
    return this.#settings.enabledProtocols.includes('TLSv1.2') ? 'TLSv1.2' : 'TLSv1.3';
  }

  #maxVersion(): SecureVersion {
    return this.#settings.enabledProtocols.includes('TLSv1.3') ? 'TLSv1.3' : 'TLSv1.2';
  }

  #options(m: Material): SecureContextOptions {
    return {
      key: m.key,
      cert: m.cert,
      ...(m.ca === null ? {} : { ca: m.ca }),
      ...(this.#settings.keyPassword === null ? {} : { passphrase: this.#settings.keyPassword }),
      minVersion: this.#minVersion(),
      maxVersion: this.#maxVersion(),
    };
  }

  /** Throws when the material does not make a context (a key that is not the certificate's, bad PEM). */
  #check(m: Material): void {
    try {
      createSecureContext(this.#options(m));
    } catch (e) {
      throw new Error(`the TLS key and certificate do not load: ${(e as Error).message}`);
    }
  }
}
