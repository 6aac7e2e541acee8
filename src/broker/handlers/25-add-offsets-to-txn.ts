// AddOffsetsToTxn, versions 0-4: the group's __consumer_offsets partition joins the producer's transaction,
// so its TxnOffsetCommit is committed or aborted with it. PRODUCER_FENCED reaches v0-1 clients as
// INVALID_PRODUCER_EPOCH.
import { ErrorCode } from '../../protocol/errors.js';
import { createAddOffsetsToTxnResponse } from '../../protocol/generated/add-offsets-to-txn.js';
import { AddOffsetsToTxnApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { fencedForVersion, txnCoordinatorOf } from '../transactions/context.js';

export const addOffsetsToTxn = defineHandler(AddOffsetsToTxnApi, 0, 4, async (ctx, req, version) => {
  const coordinator = txnCoordinatorOf(ctx);
  if (coordinator === null)
    return createAddOffsetsToTxnResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
  if (typeof req.groupId !== 'string' || req.groupId.length === 0) {
    return createAddOffsetsToTxnResponse({ errorCode: ErrorCode.INVALID_GROUP_ID });
  }
  const code = await coordinator.addOffsets(
    req.transactionalId,
    req.producerId,
    req.producerEpoch,
    req.groupId,
  );
  return createAddOffsetsToTxnResponse({ errorCode: fencedForVersion(code, version, 2) });
});
