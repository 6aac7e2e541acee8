// UnregisterBroker, version 0 (KIP-631): removes a decommissioned broker's registration. Decided by the
// active controller (forwarded from any broker); answered once the broker is gone from this node's metadata.
// Stricter than Kafka, which drops any registration: the broker must be shut down (fenced) and host no
// replica, so a decommission never strands a partition. Errors: BROKER_ID_NOT_REGISTERED, INVALID_REQUEST
// (running, or still hosting replicas), REASSIGNMENT_IN_PROGRESS (a reassignment still moves replicas off it).
import { UnregisterBrokerApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const unregisterBroker = defineHandler(UnregisterBrokerApi, 0, 0, (ctx, req, version) =>
  ctx.cluster.unregisterBroker(req, version),
);
