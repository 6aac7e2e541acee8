// Kafka's per-listener settings: a property prefixed `listener.name.<name>.` (the listener's name in lower
// case, as Kafka writes it; any case is taken) sets that one setting for that listener only. Each setting a
// listener does not override falls back to the global one, key by key, as in Kafka. Taken for the TLS files
// and client authentication, and for the SASL mechanisms a listener offers; other prefixed keys are errors.
import type { SslClientAuth } from './tls-config.js';
import { parseClientAuth } from './tls-config.js';

/** What one listener may set for itself. */
export interface ListenerSslOverrides {
  keyLocation?: string;
  certificateLocation?: string;
  caLocation?: string;
  keyPassword?: string;
  clientAuth?: SslClientAuth;
}

const PREFIX = /^listener\.name\.([A-Za-z0-9_]+)\.(.+)$/;

/** Kafka's PEM store names are read as the files they name (ssl.keystore.type=PEM). */
const SSL_KEYS: Record<string, keyof ListenerSslOverrides> = {
  'ssl.key.location': 'keyLocation',
  'ssl.certificate.location': 'certificateLocation',
  'ssl.keystore.location': 'certificateLocation',
  'ssl.ca.location': 'caLocation',
  'ssl.truststore.location': 'caLocation',
  'ssl.key.password': 'keyPassword',
  'ssl.client.auth': 'clientAuth',
};

export type ListenerProperty =
  | { listener: string; kind: 'ssl'; key: keyof ListenerSslOverrides; value: string | SslClientAuth }
  | { listener: string; kind: 'sasl.enabled.mechanisms'; value: string }
  /** ssl.keystore.type / ssl.truststore.type: PEM, checked, nothing to keep. */
  | { listener: string; kind: 'store-type' };

/**
 * A `listener.name.NAME.KEY` property, or null when `key` has no such prefix. Throws on a prefixed key
 * that cannot be set per listener, or a bad value.
 */
export function parseListenerProperty(key: string, value: string): ListenerProperty | null {
  const m = PREFIX.exec(key);
  if (m === null) return null;
  const listener = m[1]!.toUpperCase();
  const rest = m[2]!;
  if (rest === 'sasl.enabled.mechanisms') return { listener, kind: rest, value };
  if (rest === 'ssl.keystore.type' || rest === 'ssl.truststore.type') {
    if (value.trim().toUpperCase() !== 'PEM')
      throw new Error(`Runnel reads PEM files only, got '${value}' (convert with openssl)`);
    return { listener, kind: 'store-type' };
  }
  const field = SSL_KEYS[rest];
  if (field === undefined)
    throw new Error(
      `${rest} cannot be set per listener (per listener: ${[...Object.keys(SSL_KEYS), 'sasl.enabled.mechanisms'].join(', ')})`,
    );
  const v = value.trim();
  if (v === '') throw new Error('expected a value');
  return { listener, kind: 'ssl', key: field, value: field === 'clientAuth' ? parseClientAuth(v) : v };
}

/** The global TLS settings a listener falls back to. */
export interface GlobalSsl {
  sslKeyLocation: string | null;
  sslCertificateLocation: string | null;
  sslCaLocation: string | null;
  sslKeyPassword: string | null;
  sslClientAuth: SslClientAuth;
}

export interface EffectiveSsl {
  keyLocation: string | null;
  certificateLocation: string | null;
  caLocation: string | null;
  keyPassword: string | null;
  clientAuth: SslClientAuth;
}

/** A listener's TLS settings: its own where it has them, else the global ones. */
export function effectiveSsl(global: GlobalSsl, own: ListenerSslOverrides | undefined): EffectiveSsl {
  return {
    keyLocation: own?.keyLocation ?? global.sslKeyLocation,
    certificateLocation: own?.certificateLocation ?? global.sslCertificateLocation,
    caLocation: own?.caLocation ?? global.sslCaLocation,
    keyPassword: own?.keyPassword ?? global.sslKeyPassword,
    clientAuth: own?.clientAuth ?? global.sslClientAuth,
  };
}
