// DescribeTransactions, version 0: the state, producer, timeout, start time and partitions of each
// transactional id this broker coordinates; NOT_COORDINATOR for ids it does not, TRANSACTIONAL_ID_NOT_FOUND
// for ids it has never seen (or that expired).
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeTransactionsApi } from '../../protocol/generated/api-keys.js';
import { createDescribeTransactionsResponse } from '../../protocol/generated/describe-transactions.js';
import { defineHandler } from '../handler.js';
import { txnCoordinatorOf } from '../transactions/context.js';

export const describeTransactions = defineHandler(DescribeTransactionsApi, 0, 0, (ctx, req) => {
  const coordinator = txnCoordinatorOf(ctx);
  const transactionStates =
    coordinator === null
      ? req.transactionalIds.map((transactionalId) => ({
          errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
          transactionalId,
          transactionState: '',
          transactionTimeoutMs: 0,
          transactionStartTimeMs: -1,
          producerId: -1,
          producerEpoch: -1,
          topics: [],
        }))
      : coordinator.describe(req.transactionalIds);
  return createDescribeTransactionsResponse({ transactionStates });
});
