// ListTransactions, versions 0-1: the transactions this broker coordinates, filtered by state names (unknown
// names come back in unknownStateFilters), producer ids, and (v1) a minimum duration: only transactions
// open at least that long (-1: no filter).
// Authorization (with --authorizer): only the transactional ids the principal may DESCRIBE are listed.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ListTransactionsApi } from '../../protocol/generated/api-keys.js';
import { createListTransactionsResponse } from '../../protocol/generated/list-transactions.js';
import { defineHandler } from '../handler.js';
import { allowed } from '../security/authorizer.js';
import { txnCoordinatorOf } from '../transactions/context.js';

export const listTransactions = defineHandler(
  ListTransactionsApi,
  0,
  1,
  (ctx, req, version, _h, _t, session) => {
    const coordinator = txnCoordinatorOf(ctx);
    if (coordinator === null)
      return createListTransactionsResponse({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE });
    const r = coordinator.list(
      req.stateFilters,
      req.producerIdFilters,
      version >= 1 ? req.durationFilter : -1,
    );
    return createListTransactionsResponse({
      errorCode: r.errorCode,
      unknownStateFilters: r.unknownStateFilters,
      transactionStates: r.transactions.filter((t) =>
        allowed(
          ctx.authorizer,
          session,
          AclOperation.DESCRIBE,
          ResourceType.TRANSACTIONAL_ID,
          t.transactionalId,
        ),
      ),
    });
  },
);
