// FindCoordinator, versions 0-6.
//
// One broker: for key type 0 (group) the coordinator is always this node, at its advertised address. v0-v3
// ask for one key; v4+ ask for a batch (coordinator_keys) and get one entry per key. Key type 1
// (transaction) gets COORDINATOR_NOT_AVAILABLE while no transaction coordinator exists; other key types
// (2, share groups) get INVALID_REQUEST. A group key whose __consumer_offsets partition is not loaded here
// (loading, or not hosted) gets COORDINATOR_NOT_AVAILABLE, as Kafka answers while that partition has no
// ready leader.
import { ErrorCode } from '../../protocol/errors.js';
import { FindCoordinatorApi } from '../../protocol/generated/api-keys.js';
import {
  createFindCoordinatorResponse,
  type FindCoordinatorResponseCoordinator,
} from '../../protocol/generated/find-coordinator.js';
import { groupsOf } from '../groups/context.js';
import { type BrokerContext, defineHandler } from '../handler.js';

const KEY_TYPE_GROUP = 0;
const KEY_TYPE_TRANSACTION = 1;

function lookup(ctx: BrokerContext, key: string, keyType: number): FindCoordinatorResponseCoordinator {
  const entry: FindCoordinatorResponseCoordinator = {
    key,
    nodeId: -1,
    host: '',
    port: -1,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
  };
  if (keyType === KEY_TYPE_GROUP) {
    if (groupsOf(ctx)?.hosts(key) !== true) entry.errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
  } else if (keyType === KEY_TYPE_TRANSACTION) {
    entry.errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
  } else {
    entry.errorCode = ErrorCode.INVALID_REQUEST;
  }
  if (entry.errorCode === ErrorCode.NONE) {
    entry.nodeId = ctx.nodeId;
    entry.host = ctx.advertised.host;
    entry.port = ctx.advertised.port;
  }
  return entry;
}

export const findCoordinator = defineHandler(FindCoordinatorApi, 0, 6, (ctx, req, version) => {
  if (version >= 4) {
    return createFindCoordinatorResponse({
      coordinators: req.coordinatorKeys.map((key) => lookup(ctx, key, req.keyType)),
    });
  }
  const one = lookup(ctx, req.key, version >= 1 ? req.keyType : KEY_TYPE_GROUP);
  return createFindCoordinatorResponse({
    errorCode: one.errorCode,
    errorMessage: one.errorMessage,
    nodeId: one.nodeId,
    host: one.host,
    port: one.port,
  });
});
