// DescribeTransactions, version 0: the state, producer, timeout, start time and partitions of each
// transactional id this broker coordinates; NOT_COORDINATOR for ids it does not, TRANSACTIONAL_ID_NOT_FOUND
// for ids it has never seen (or that expired).
// Authorization (with --authorizer): DESCRIBE on each transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
// the partitions of topics the principal may not DESCRIBE are left out.
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeTransactionsApi } from '../../protocol/generated/api-keys.js';
import { createDescribeTransactionsResponse } from '../../protocol/generated/describe-transactions.js';
import { defineHandler } from '../handler.js';
import { txnCoordinatorOf } from '../transactions/context.js';

export const describeTransactions = defineHandler(
  DescribeTransactionsApi,
  0,
  0,
  (ctx, req, _v, _h, _t, session) => {
    const authz = ctx.authorizer;
    const may = (type: number, name: string) =>
      authz === null || authz.authorize(session, AclOperation.DESCRIBE, type, name);
    const refused = req.transactionalIds.filter((id) => !may(ResourceType.TRANSACTIONAL_ID, id));
    const transactionalIds = req.transactionalIds.filter((id) => may(ResourceType.TRANSACTIONAL_ID, id));
    const coordinator = txnCoordinatorOf(ctx);
    const described =
      coordinator === null
        ? transactionalIds.map((transactionalId) => ({
            errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
            transactionalId,
            transactionState: '',
            transactionTimeoutMs: 0,
            transactionStartTimeMs: -1,
            producerId: -1,
            producerEpoch: -1,
            topics: [],
          }))
        : coordinator.describe(transactionalIds);
    const transactionStates = described.map((t) =>
      authz === null ? t : { ...t, topics: t.topics.filter((x) => may(ResourceType.TOPIC, x.topic)) },
    );
    for (const transactionalId of refused) {
      transactionStates.push({
        errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
        transactionalId,
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: -1,
        producerId: -1,
        producerEpoch: -1,
        topics: [],
      });
    }
    return createDescribeTransactionsResponse({ transactionStates });
  },
);
