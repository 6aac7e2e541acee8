// DescribeUserScramCredentials, version 0: the users with SCRAM credentials and each credential's
// mechanism and iterations (never a salt or key), from this broker's metadata image. users null or empty:
// every user. A user named twice gets DUPLICATE_RESOURCE, one without credentials RESOURCE_NOT_FOUND.
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeUserScramCredentialsApi } from '../../protocol/generated/api-keys.js';
import type { DescribeUserScramCredentialsResponseDescribeUserScramCredentialsResult as Result } from '../../protocol/generated/describe-user-scram-credentials.js';
import { defineHandler } from '../handler.js';

export const describeUserScramCredentials = defineHandler(
  DescribeUserScramCredentialsApi,
  0,
  0,
  (ctx, req) => {
    const all = ctx.cluster.image.scramCredentials;
    const asked =
      req.users === null || req.users.length === 0 ? [...all.keys()].sort() : req.users.map((u) => u.name);
    const counts = new Map<string, number>();
    for (const u of asked) counts.set(u, (counts.get(u) ?? 0) + 1);
    const results: Result[] = [];
    for (const user of new Set(asked)) {
      const credentials = all.get(user);
      if (counts.get(user)! > 1) {
        results.push({
          user,
          errorCode: ErrorCode.DUPLICATE_RESOURCE,
          errorMessage: 'a user may be named only once',
          credentialInfos: [],
        });
      } else if (credentials === undefined) {
        results.push({
          user,
          errorCode: ErrorCode.RESOURCE_NOT_FOUND,
          errorMessage: 'the user has no SCRAM credentials',
          credentialInfos: [],
        });
      } else {
        results.push({
          user,
          errorCode: ErrorCode.NONE,
          errorMessage: null,
          credentialInfos: [...credentials]
            .sort((a, b) => a[0] - b[0])
            .map(([mechanism, c]) => ({ mechanism, iterations: c.iterations })),
        });
      }
    }
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, results };
  },
);
