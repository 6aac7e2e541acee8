// AddOffsetsToTxn, versions 0-4: the group's __consumer_offsets partition joins the producer's transaction,
// so its TxnOffsetCommit is committed or aborted with it. PRODUCER_FENCED reaches v0-1 clients as
// INVALID_PRODUCER_EPOCH.
// Authorization (with --authorizer): WRITE on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED),
// READ on the group (GROUP_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { createAddOffsetsToTxnResponse } from '../../protocol/generated/add-offsets-to-txn.js';
import { AddOffsetsToTxnApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';
import { fencedForVersion, txnCoordinatorOf } from '../transactions/context.js';

export const addOffsetsToTxn = defineHandler(
  AddOffsetsToTxnApi,
  0,
  4,
  async (ctx, req, version, _h, _t, session) => {
    if (
      !allowed(
        ctx.authorizer,
        session,
        AclOperation.WRITE,
        ResourceType.TRANSACTIONAL_ID,
        req.transactionalId,
      )
    )
      return createAddOffsetsToTxnResponse({ errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED });
    if (!allowed(ctx.authorizer, session, AclOperation.READ, ResourceType.GROUP, req.groupId))
      return createAddOffsetsToTxnResponse({ errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED });
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
  },
);
