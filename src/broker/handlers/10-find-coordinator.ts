// FindCoordinator, versions 0-6.
//
// For key type 0 (group) the coordinator is the leader of the group's __consumer_offsets partition, at its
// address on the listener the request came in on (see coordinatorAt; on a broker alone, always itself). v0-v3 ask for one key; v4+
// ask for a batch (coordinator_keys) and get one entry per key. For key type 1 (transaction) it is the
// leader of the transactional id's __transaction_state partition (an empty id: INVALID_REQUEST); other key
// types (2, share groups) get INVALID_REQUEST. A key whose partition is not loaded here (loading, or not
// hosted) gets COORDINATOR_NOT_AVAILABLE, as Kafka answers while that partition has no ready leader.
import { type BrokerCluster, brokerAddress } from '../../cluster/broker-cluster.js';
import { ErrorCode } from '../../protocol/errors.js';
import { FindCoordinatorApi } from '../../protocol/generated/api-keys.js';
import {
  createFindCoordinatorResponse,
  type FindCoordinatorResponseCoordinator,
} from '../../protocol/generated/find-coordinator.js';
import { OFFSETS_TOPIC } from '../groups/records.js';
import { type BrokerContext, defineHandler } from '../handler.js';
import { txnCoordinatorOf } from '../transactions/context.js';
import { TRANSACTION_STATE_TOPIC } from '../transactions/records.js';

const KEY_TYPE_GROUP = 0;
const KEY_TYPE_TRANSACTION = 1;

function lookup(
  ctx: BrokerContext,
  key: string,
  keyType: number,
  listener: string,
): FindCoordinatorResponseCoordinator {
  const entry: FindCoordinatorResponseCoordinator = {
    key,
    nodeId: -1,
    host: '',
    port: -1,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
  };
  if (keyType === KEY_TYPE_GROUP) {
    const groups = ctx.groups;
    return coordinatorAt(ctx, ctx.cluster, listener, entry, OFFSETS_TOPIC, groups.partitionFor(key), () =>
      groups.hosts(key),
    );
  }
  const txn = txnCoordinatorOf(ctx);
  if (keyType !== KEY_TYPE_TRANSACTION || key.length === 0) entry.errorCode = ErrorCode.INVALID_REQUEST;
  else if (txn === null) entry.errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
  else
    return coordinatorAt(
      ctx,
      ctx.cluster,
      listener,
      entry,
      TRANSACTION_STATE_TOPIC,
      txn.partitionFor(key),
      () => txn.hosts(key),
    );
  return entry;
}

/**
 * The coordinator is the leader of the key's partition of the internal topic, wherever it is.
 * The topic is asked of the controller on first use (as Kafka creates it); until it exists, has a leader,
 * or (here) has been loaded, the answer is COORDINATOR_NOT_AVAILABLE, which clients retry.
 */
function coordinatorAt(
  ctx: BrokerContext,
  cluster: BrokerCluster,
  listener: string,
  entry: FindCoordinatorResponseCoordinator,
  topic: string,
  partition: number,
  hostedHere: () => boolean,
): FindCoordinatorResponseCoordinator {
  const leader = cluster.image.partition(topic, partition)?.leader ?? -1;
  if (!cluster.image.topics.has(topic)) cluster.autoCreateTopic(topic);
  const at = leader < 0 ? undefined : brokerAddress(cluster.image, leader, listener);
  if (at === undefined || (leader === ctx.nodeId && !hostedHere())) {
    entry.errorCode = ErrorCode.COORDINATOR_NOT_AVAILABLE;
    return entry;
  }
  entry.nodeId = at.nodeId;
  entry.host = at.host;
  entry.port = at.port;
  return entry;
}

export const findCoordinator = defineHandler(
  FindCoordinatorApi,
  0,
  6,
  (ctx, req, version, _header, _timing, session) => {
    if (version >= 4) {
      return createFindCoordinatorResponse({
        coordinators: req.coordinatorKeys.map((key) => lookup(ctx, key, req.keyType, session.listenerName)),
      });
    }
    const one = lookup(ctx, req.key, version >= 1 ? req.keyType : KEY_TYPE_GROUP, session.listenerName);
    return createFindCoordinatorResponse({
      errorCode: one.errorCode,
      errorMessage: one.errorMessage,
      nodeId: one.nodeId,
      host: one.host,
      port: one.port,
    });
  },
);
