// AlterUserScramCredentials decided against the image: per user, every deletion and upsertion of the
// request or none (the user's result is then the first error), as Kafka's ScramControlManager does.
// Errors: UNACCEPTABLE_CREDENTIAL (empty user name, empty salt or salted password, iterations outside
// 4096..16384), UNSUPPORTED_SASL_MECHANISM, DUPLICATE_RESOURCE (a user's mechanism named twice),
// RESOURCE_NOT_FOUND (deleting a credential that does not exist). An upsertion carries the salted password
// the client derived; only the stored and server keys computed from it go into the record.
import { ErrorCode } from '../../protocol/errors.js';
import type { AlterUserScramCredentialsRequest } from '../../protocol/generated/alter-user-scram-credentials.js';
import { MetadataRecordType as T } from '../../protocol/generated/metadata/index.js';
import {
  credentialFromSalted,
  SCRAM_MAX_ITERATIONS,
  SCRAM_MIN_ITERATIONS,
  scramMechanismName,
} from '../../protocol/sasl/scram.js';
import type { MetadataImage } from './image.js';
import type { MetadataRecord } from './records.js';

export interface ScramUserResult {
  user: string;
  errorCode: number;
  errorMessage: string | null;
}

export function alterScramCredentials(
  image: MetadataImage,
  req: AlterUserScramCredentialsRequest,
): { records: MetadataRecord[]; results: ScramUserResult[] } {
  const users: string[] = [];
  const problems = new Map<string, { errorCode: number; errorMessage: string }>();
  const recordsOf = new Map<string, MetadataRecord[]>();
  const fail = (user: string, errorCode: number, errorMessage: string) => {
    if (!problems.has(user)) problems.set(user, { errorCode, errorMessage });
  };
  const check = (user: string, mechanism: number): boolean => {
    if (!users.includes(user)) users.push(user);
    if (user === '') {
      fail(user, ErrorCode.UNACCEPTABLE_CREDENTIAL, 'the user name must not be empty');
      return false;
    }
    if (scramMechanismName(mechanism) === null) {
      fail(user, ErrorCode.UNSUPPORTED_SASL_MECHANISM, `unknown SCRAM mechanism ${mechanism}`);
      return false;
    }
    return !problems.has(user);
  };
  const add = (user: string, r: MetadataRecord) => {
    const list = recordsOf.get(user) ?? [];
    list.push(r);
    recordsOf.set(user, list);
  };
  // A user's mechanism named twice anywhere in the request fails that user before anything else.
  const named = new Map<string, number>();
  for (const x of [...req.deletions, ...req.upsertions]) {
    const key = `${x.mechanism}:${x.name}`;
    named.set(key, (named.get(key) ?? 0) + 1);
  }
  for (const x of [...req.deletions, ...req.upsertions]) {
    if (!users.includes(x.name)) users.push(x.name);
    if (named.get(`${x.mechanism}:${x.name}`)! > 1)
      fail(x.name, ErrorCode.DUPLICATE_RESOURCE, 'a credential cannot be altered twice in one request');
  }
  for (const d of req.deletions) {
    if (!check(d.name, d.mechanism)) continue;
    if (image.scramCredentials.get(d.name)?.get(d.mechanism) === undefined) {
      fail(d.name, ErrorCode.RESOURCE_NOT_FOUND, 'no such credential to delete');
      continue;
    }
    add(d.name, {
      type: T.RemoveUserScramCredentialRecord,
      version: 0,
      record: { name: d.name, mechanism: d.mechanism },
    });
  }
  for (const u of req.upsertions) {
    if (!check(u.name, u.mechanism)) continue;
    if (u.iterations < SCRAM_MIN_ITERATIONS || u.iterations > SCRAM_MAX_ITERATIONS) {
      fail(
        u.name,
        ErrorCode.UNACCEPTABLE_CREDENTIAL,
        `iterations must be in [${SCRAM_MIN_ITERATIONS}, ${SCRAM_MAX_ITERATIONS}], not ${u.iterations}`,
      );
      continue;
    }
    if (u.salt.length === 0 || u.saltedPassword.length === 0) {
      fail(u.name, ErrorCode.UNACCEPTABLE_CREDENTIAL, 'empty salt or salted password');
      continue;
    }
    const m = scramMechanismName(u.mechanism)!;
    const c = credentialFromSalted(m, u.saltedPassword, Buffer.from(u.salt), u.iterations);
    add(u.name, {
      type: T.UserScramCredentialRecord,
      version: 0,
      record: {
        name: u.name,
        mechanism: u.mechanism,
        salt: c.salt,
        storedKey: c.storedKey,
        serverKey: c.serverKey,
        iterations: c.iterations,
      },
    });
  }
  const records: MetadataRecord[] = [];
  const results: ScramUserResult[] = users.map((user) => {
    const p = problems.get(user);
    if (p !== undefined) return { user, ...p };
    records.push(...(recordsOf.get(user) ?? []));
    return { user, errorCode: ErrorCode.NONE, errorMessage: null };
  });
  return { records, results };
}
