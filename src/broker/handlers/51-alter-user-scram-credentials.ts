// AlterUserScramCredentials, version 0: decided by the active controller (through the cluster, as
// CreateTopics is), which writes UserScramCredentialRecord / RemoveUserScramCredentialRecord to the metadata
// log so that every broker knows the credentials; answered once the changes show here. Per user all or
// nothing; the error codes are listed in src/cluster/metadata/scram-credentials.ts.
import { AlterUserScramCredentialsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const alterUserScramCredentials = defineHandler(
  AlterUserScramCredentialsApi,
  0,
  0,
  (ctx, req, version) => ctx.cluster.alterUserScramCredentials(req, version),
);
