// DescribeQuorum, versions 0-2 (KIP-595, KIP-853 adds directory ids and the voters' listeners in v2): the
// metadata quorum as its leader sees it, for __cluster_metadata-0 only. Answered by the active controller
// (forwarded from any broker); per replica: log end offset, last fetch and last caught-up time (v1+, -1 when
// unknown). Errors: UNKNOWN_TOPIC_OR_PARTITION for any other partition, NOT_CONTROLLER while no leader is
// known. Skipped: authorization.
// Authorization (with --authorizer): DESCRIBE on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { DescribeQuorumApi } from '../../protocol/generated/api-keys.js';
import { createDescribeQuorumResponse } from '../../protocol/generated/describe-quorum.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const describeQuorum = requireCluster(
  AclOperation.DESCRIBE,
  (_req, errorCode) => createDescribeQuorumResponse({ errorCode }),
  defineHandler(DescribeQuorumApi, 0, 2, (ctx, req, version) => ctx.cluster.describeQuorum(req, version)),
);
