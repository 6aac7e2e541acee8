// CreatePartitions, versions 0-3.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the new partitions exist on this broker. Grows
// a topic to `count` partitions (never shrinks: INVALID_PARTITIONS), placed by the controller or as the
// manual assignments say (registered brokers, one replica each until followers fetch:
// INVALID_REPLICA_ASSIGNMENT otherwise). validate_only checks without changing anything.
// Skipped: timeout_ms (answers wait for the commit), quotas.
import { CreatePartitionsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';

export const createPartitions = defineHandler(CreatePartitionsApi, 0, 3, (ctx, req, version) =>
  ctx.cluster.createPartitions(req, version),
);
