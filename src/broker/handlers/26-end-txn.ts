// EndTxn, versions 0-5: commits or aborts the producer's transaction. Answered once PrepareCommit or
// PrepareAbort is in __transaction_state; the markers and Complete* follow (transactions/coordinator.ts).
// v5 is Kafka's transaction version 2 (KIP-890 part 2): the epoch is bumped at every end and the answer
// carries the producer id and epoch to go on with. PRODUCER_FENCED reaches v0-1 clients as
// INVALID_PRODUCER_EPOCH.
// Authorization (with --authorizer): WRITE on the transactional id, else TRANSACTIONAL_ID_AUTHORIZATION_FAILED.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { EndTxnApi } from '../../protocol/generated/api-keys.js';
import { createEndTxnResponse } from '../../protocol/generated/end-txn.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';
import { fencedForVersion, txnCoordinatorOf } from '../transactions/context.js';

export const endTxn = defineHandler(EndTxnApi, 0, 5, async (ctx, req, version, _header, _timing, session) => {
  if (
    !allowed(ctx.authorizer, session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId)
  ) {
    return createEndTxnResponse({
      errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      producerId: -1,
      producerEpoch: -1,
    });
  }
  const coordinator = txnCoordinatorOf(ctx);
  if (coordinator === null) {
    return createEndTxnResponse({
      errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
      producerId: -1,
      producerEpoch: -1,
    });
  }
  const r = await coordinator.endTxn(
    req.transactionalId,
    req.producerId,
    req.producerEpoch,
    req.committed,
    version >= 5,
  );
  return createEndTxnResponse({
    errorCode: fencedForVersion(r.errorCode, version, 2),
    producerId: r.producerId,
    producerEpoch: r.producerEpoch,
  });
});
