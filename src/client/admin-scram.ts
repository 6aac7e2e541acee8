// SCRAM users for Admin, shaped after the Java admin client's describeUserScramCredentials and
// alterUserScramCredentials: an upsertion takes the password here and sends only the salted password
// (PBKDF2 of it with a fresh salt), never the password itself. Errors are per user.
import { randomBytes } from 'node:crypto';
import {
  AlterUserScramCredentialsApi,
  DescribeUserScramCredentialsApi,
} from '../protocol/generated/api-keys.js';
import {
  SCRAM_MAX_ITERATIONS,
  type ScramMechanismName,
  saltedPassword,
  scramMechanismName,
  scramMechanismType,
} from '../protocol/sasl/scram.js';
import type { Connection } from './connection.js';
import { ClientError, ErrorCode, KafkaError } from './errors.js';

export type ScramMechanismOption = 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'scram-sha-256' | 'scram-sha-512';

export type ScramAlteration =
  | { user: string; mechanism: ScramMechanismOption; password: string; iterations?: number }
  | { user: string; mechanism: ScramMechanismOption; delete: true };

export interface ScramUserDescription {
  user: string;
  errorCode: number;
  credentials: { mechanism: ScramMechanismName; iterations: number }[];
}

/** Kafka's default iterations for a new credential (kafka-configs uses 4096; more is safer and allowed). */
export const DEFAULT_SCRAM_ITERATIONS = 8192;

type OnController = <T>(fn: (conn: Connection) => Promise<T>) => Promise<T>;

function mechanismType(m: string): number {
  const t = scramMechanismType(m);
  if (t === 0) throw new ClientError(`unknown SCRAM mechanism '${m}' (SCRAM-SHA-256 or SCRAM-SHA-512)`);
  return t;
}

/** Users with SCRAM credentials (all of them when `users` is absent or empty). */
export async function describeUserScramCredentials(
  onController: OnController,
  users?: readonly string[],
): Promise<ScramUserDescription[]> {
  const res = await onController((conn) =>
    conn.request(DescribeUserScramCredentialsApi, {
      users: users === undefined || users.length === 0 ? null : users.map((name) => ({ name })),
    }),
  );
  if (res.errorCode !== ErrorCode.NONE)
    throw new KafkaError(res.errorCode, res.errorMessage ?? 'DescribeUserScramCredentials');
  return res.results.map((r) => ({
    user: r.user,
    errorCode: r.errorCode,
    credentials: r.credentialInfos.map((c) => ({
      mechanism: scramMechanismName(c.mechanism) ?? ('UNKNOWN' as ScramMechanismName),
      iterations: c.iterations,
    })),
  }));
}

/** Creates, replaces or deletes credentials; resolves with each user's outcome (errorCode 0: done). */
export async function alterUserScramCredentials(
  onController: OnController,
  alterations: readonly ScramAlteration[],
): Promise<{ user: string; errorCode: number; errorMessage: string | null }[]> {
  const deletions: { name: string; mechanism: number }[] = [];
  const upsertions: {
    name: string;
    mechanism: number;
    iterations: number;
    salt: Buffer;
    saltedPassword: Buffer;
  }[] = [];
  for (const a of alterations) {
    const mechanism = mechanismType(a.mechanism);
    if ('delete' in a) {
      deletions.push({ name: a.user, mechanism });
      continue;
    }
    const iterations = a.iterations ?? DEFAULT_SCRAM_ITERATIONS;
    const salt = randomBytes(32);
    // Out of range goes to the broker as it is (UNACCEPTABLE_CREDENTIAL), without deriving a huge PBKDF2.
    const salted =
      Number.isInteger(iterations) && iterations >= 1 && iterations <= SCRAM_MAX_ITERATIONS
        ? saltedPassword(scramMechanismName(mechanism)!, a.password, salt, iterations)
        : Buffer.alloc(1);
    upsertions.push({ name: a.user, mechanism, iterations, salt, saltedPassword: salted });
  }
  const res = await onController((conn) =>
    conn.request(AlterUserScramCredentialsApi, { deletions, upsertions }),
  );
  return res.results.map((r) => ({ user: r.user, errorCode: r.errorCode, errorMessage: r.errorMessage }));
}
