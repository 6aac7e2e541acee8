// InitProducerId, versions 0-5: ids for idempotent producers (transactional id null). v3+ carries the
// producer's current id and epoch so it can ask for an epoch bump after an error (KIP-360).
// A transactional id goes to the transaction coordinator (transactions/coordinator.ts): a new id, or the
// epoch bumped to fence the previous producer; PRODUCER_FENCED reaches v0-3 clients as
// INVALID_PRODUCER_EPOCH. Ids come in blocks from the active controller
// (a broker alone is its own); while no block can be had (no controller, a metadata log that cannot commit)
// the answer is the controller's retriable error, e.g. COORDINATOR_LOAD_IN_PROGRESS, as Kafka answers while
// it has no block to hand out.

// Authorization (with --authorizer): WRITE on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
// an idempotent producer IDEMPOTENT_WRITE on the cluster or WRITE on some topic (KIP-679), else
// CLUSTER_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { InitProducerIdApi } from '../../protocol/generated/api-keys.js';
import { createInitProducerIdResponse } from '../../protocol/generated/init-producer-id.js';
import { defineHandler } from '../handler.js';
import { MAX_PRODUCER_EPOCH } from '../producer-ids.js';
import { fencedForVersion, txnCoordinatorOf } from '../transactions/context.js';

export const initProducerId = defineHandler(
  InitProducerIdApi,
  0,
  5,
  async (ctx, req, version, _header, _timing, session) => {
    const authz = ctx.authorizer;
    if (authz !== null) {
      if (req.transactionalId !== null) {
        if (!authz.authorize(session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId))
          return failed(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      } else if (
        !authz.authorizeCluster(session, AclOperation.IDEMPOTENT_WRITE) &&
        !authz.authorizeByResourceType(session, AclOperation.WRITE, ResourceType.TOPIC)
      ) {
        return failed(ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
      }
    }
    if (req.transactionalId !== null) {
      const coordinator = txnCoordinatorOf(ctx);
      if (coordinator === null) return failed(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      const r = await coordinator.initProducerId(
        req.transactionalId,
        req.transactionTimeoutMs,
        version >= 3 ? req.producerId : -1,
        version >= 3 ? req.producerEpoch : -1,
      );
      return createInitProducerIdResponse({ ...r, errorCode: fencedForVersion(r.errorCode, version, 4) });
    }
    if (req.producerId >= 0 || req.producerEpoch >= 0) {
      // Any broker may have issued it; the controller's image bounds the ids ever handed out.
      const issued = req.producerId >= 0 && req.producerId < ctx.cluster.image.nextProducerId;
      if (!issued || req.producerEpoch < 0) return failed(ErrorCode.INVALID_PRODUCER_EPOCH);
      if (req.producerEpoch < MAX_PRODUCER_EPOCH) {
        return createInitProducerIdResponse({
          errorCode: ErrorCode.NONE,
          producerId: req.producerId,
          producerEpoch: req.producerEpoch + 1,
        });
      }
    }
    // Ids come in blocks from the controller (ProducerIdsRecord), so no two brokers ever hand out the same one.
    const { errorCode, producerId } = await ctx.cluster.allocateProducerId();
    if (errorCode !== ErrorCode.NONE) return failed(errorCode);
    return createInitProducerIdResponse({ errorCode, producerId, producerEpoch: 0 });
  },
);

function failed(errorCode: number) {
  return createInitProducerIdResponse({ errorCode, producerId: -1, producerEpoch: -1 });
}
