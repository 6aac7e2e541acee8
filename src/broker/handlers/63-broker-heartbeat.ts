// BrokerHeartbeat, versions 0-1: a registered broker keeps its session with the active controller and
// learns whether it is fenced. Answered by the controller when it is this node, else NOT_CONTROLLER.
import { BrokerHeartbeatApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const brokerHeartbeat = defineHandler(BrokerHeartbeatApi, 0, 1, (ctx, req, version) =>
  ctx.cluster.brokerHeartbeat(req, version),
);
