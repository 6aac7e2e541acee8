// AllocateProducerIds, version 0: a broker asks the active controller for a block of producer ids, so
// ids stay unique across the cluster. Answered by the controller when it is this node, else NOT_CONTROLLER.
import { AllocateProducerIdsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const allocateProducerIds = defineHandler(AllocateProducerIdsApi, 0, 0, (ctx, req, version) =>
  ctx.cluster.allocateProducerIds(req, version),
);
