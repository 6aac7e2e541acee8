// SCRAM credentials a new cluster starts with (KIP-900, Kafka's `kafka-storage format --add-scram`), so a
// cluster whose listeners are all SASL ones has an admin from its first second. Given to every broker as
// `--add-scram 'SCRAM-SHA-512=[name=admin,password=admin-secret]'`; they become UserScramCredentialRecords
// written once, into a metadata log that holds no metadata yet: a lone broker's first snapshot, or the
// first active controller's first records. Later starts with the flag change nothing (the log is not
// empty), as Kafka's bootstrap records are read only when the log is first written.
import { randomBytes } from 'node:crypto';
import { MetadataRecordType as T } from '../../protocol/generated/metadata/index.js';
import {
  credentialFromSalted,
  SCRAM_MAX_ITERATIONS,
  SCRAM_MIN_ITERATIONS,
  type ScramMechanismName,
  saltedPassword,
  scramMechanismType,
} from '../../protocol/sasl/scram.js';
import type { MetadataImage } from './image.js';
import type { MetadataRecord } from './records.js';

export interface BootstrapScramUser {
  mechanism: ScramMechanismName;
  name: string;
  password: string;
  iterations: number;
}

/** Kafka's --add-scram default. */
const DEFAULT_ITERATIONS = 4096;

/** Splits "a=1,b=\"x,y\"" at commas outside double quotes. */
function splitFields(body: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new Error('a quote is not closed');
  out.push(cur);
  return out;
}

/**
 * One --add-scram value: `MECHANISM=[name=NAME,password=PASSWORD(,iterations=N)]`, values optionally in
 * double quotes (to hold commas or brackets). Throws with the reason.
 */
export function parseAddScram(value: string): BootstrapScramUser {
  const m = /^\s*(SCRAM-SHA-256|SCRAM-SHA-512)\s*=\s*\[(.*)\]\s*$/is.exec(value);
  if (m === null)
    throw new Error(
      `expected SCRAM-SHA-256=[name=NAME,password=PASSWORD] or SCRAM-SHA-512=[...], got '${value.replace(/password=[^,\]]*/gi, 'password=...')}'`,
    );
  const mechanism = m[1]!.toUpperCase() as ScramMechanismName;
  const fields = new Map<string, string>();
  for (const field of splitFields(m[2]!)) {
    const i = field.indexOf('=');
    const key = field.slice(0, i).trim().toLowerCase();
    if (i <= 0) throw new Error(`expected key=value in the brackets, got '${field.trim().slice(0, 20)}'`);
    let v = field.slice(i + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if (key !== 'name' && key !== 'password' && key !== 'iterations')
      throw new Error(`unknown field '${key}' (expected name, password, iterations)`);
    if (fields.has(key)) throw new Error(`${key} is given twice`);
    fields.set(key, v);
  }
  const name = fields.get('name');
  const password = fields.get('password');
  if (name === undefined || name === '') throw new Error(`${mechanism}: name is missing`);
  if (password === undefined || password === '')
    throw new Error(`${mechanism} user ${name}: password is missing`);
  const it = fields.get('iterations');
  const iterations = it === undefined ? DEFAULT_ITERATIONS : Number(it);
  if (!Number.isInteger(iterations) || iterations < SCRAM_MIN_ITERATIONS || iterations > SCRAM_MAX_ITERATIONS)
    throw new Error(
      `${mechanism} user ${name}: iterations must be in [${SCRAM_MIN_ITERATIONS}, ${SCRAM_MAX_ITERATIONS}], not ${it}`,
    );
  return { mechanism, name, password, iterations };
}

/** The records for the users (a new random salt each); the passwords stay out of them. */
export function bootstrapScramRecords(users: readonly BootstrapScramUser[]): MetadataRecord[] {
  return users.map((u) => {
    const salt = randomBytes(32);
    const c = credentialFromSalted(
      u.mechanism,
      saltedPassword(u.mechanism, u.password, salt, u.iterations),
      salt,
      u.iterations,
    );
    return {
      type: T.UserScramCredentialRecord,
      version: 0,
      record: {
        name: u.name,
        mechanism: scramMechanismType(u.mechanism),
        salt: c.salt,
        storedKey: c.storedKey,
        serverKey: c.serverKey,
        iterations: c.iterations,
      },
    };
  });
}

/** True when no metadata record was ever applied to the image (a log with at most control entries). */
export function isEmptyMetadata(image: MetadataImage): boolean {
  return (
    image.brokers.size === 0 &&
    image.topics.size === 0 &&
    image.configs.size === 0 &&
    image.features.size === 0 &&
    image.scramCredentials.size === 0 &&
    image.acls.size === 0 &&
    image.nextProducerId === 0
  );
}
