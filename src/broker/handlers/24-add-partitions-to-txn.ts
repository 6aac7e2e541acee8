// AddPartitionsToTxn, versions 0-5. v0-3 (clients): one transaction's partitions join it, all or none;
// a partition of an unknown topic (or past its partition count) gets UNKNOWN_TOPIC_OR_PARTITION and the
// others OPERATION_NOT_ATTEMPTED, as Kafka checks them before the coordinator. v4+ (brokers, KIP-890):
// a batch of transactions; verifyOnly ones are only checked (NONE per partition the ongoing transaction
// includes, INVALID_TXN_STATE otherwise), the others added as in v0-3. PRODUCER_FENCED reaches v0-1 clients
// as INVALID_PRODUCER_EPOCH.
// Authorization (with --authorizer): v0-3 (producers) WRITE on the transactional id
// (TRANSACTIONAL_ID_AUTHORIZATION_FAILED) and on each topic (TOPIC_AUTHORIZATION_FAILED, the others
// OPERATION_NOT_ATTEMPTED); v4+ (brokers) CLUSTER_ACTION (CLUSTER_AUTHORIZATION_FAILED).
import { AclOperation, ResourceType } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import type {
  AddPartitionsToTxnRequestAddPartitionsToTxnTopic,
  AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult,
} from '../../protocol/generated/add-partitions-to-txn.js';
import { createAddPartitionsToTxnResponse } from '../../protocol/generated/add-partitions-to-txn.js';
import { AddPartitionsToTxnApi } from '../../protocol/generated/api-keys.js';
import { partitionExists } from '../groups/context.js';
import { type BrokerContext, defineHandler } from '../handler.js';
import { fencedForVersion, txnCoordinatorOf } from '../transactions/context.js';
import type { TransactionCoordinator } from '../transactions/coordinator.js';

type TopicResult = AddPartitionsToTxnResponseAddPartitionsToTxnTopicResult;

function uniform(
  topics: readonly AddPartitionsToTxnRequestAddPartitionsToTxnTopic[],
  code: number,
): TopicResult[] {
  return topics.map((t) => ({
    name: t.name,
    resultsByPartition: t.partitions.map((p) => ({ partitionIndex: p, partitionErrorCode: code })),
  }));
}

async function addOne(
  ctx: BrokerContext,
  coordinator: TransactionCoordinator | null,
  transactionalId: string,
  producerId: number,
  producerEpoch: number,
  verifyOnly: boolean,
  topics: readonly AddPartitionsToTxnRequestAddPartitionsToTxnTopic[],
  version: number,
): Promise<TopicResult[]> {
  if (coordinator === null) return uniform(topics, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const asked = topics.map((t) => ({ topic: t.name, partitions: t.partitions }));
  if (verifyOnly) {
    const results = coordinator.verify(transactionalId, producerId, producerEpoch, asked);
    let i = 0;
    return topics.map((t) => ({
      name: t.name,
      resultsByPartition: t.partitions.map((p) => ({
        partitionIndex: p,
        partitionErrorCode: results[i++]!.errorCode,
      })),
    }));
  }
  const unknown = topics.some((t) => t.partitions.some((p) => !partitionExists(ctx, t.name, p)));
  if (unknown) {
    return topics.map((t) => ({
      name: t.name,
      resultsByPartition: t.partitions.map((p) => ({
        partitionIndex: p,
        partitionErrorCode: partitionExists(ctx, t.name, p)
          ? ErrorCode.OPERATION_NOT_ATTEMPTED
          : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      })),
    }));
  }
  const code = await coordinator.addPartitions(transactionalId, producerId, producerEpoch, asked);
  return uniform(topics, fencedForVersion(code, version, 2));
}

export const addPartitionsToTxn = defineHandler(
  AddPartitionsToTxnApi,
  0,
  5,
  async (ctx, req, version, _h, _t, session) => {
    const authz = ctx.authorizer;
    const coordinator = txnCoordinatorOf(ctx);
    if (version <= 3) {
      const id = req.v3AndBelowTransactionalId;
      const topics = req.v3AndBelowTopics;
      if (authz !== null) {
        if (!authz.authorize(session, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, id)) {
          const results = uniform(topics, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
          return createAddPartitionsToTxnResponse({ resultsByTopicV3AndBelow: results });
        }
        const mayWrite = (name: string) =>
          authz.authorize(session, AclOperation.WRITE, ResourceType.TOPIC, name);
        if (!topics.every((t) => mayWrite(t.name))) {
          // Kafka: the refused topics TOPIC_AUTHORIZATION_FAILED, the rest OPERATION_NOT_ATTEMPTED.
          const results = topics.flatMap((t) =>
            uniform(
              [t],
              mayWrite(t.name) ? ErrorCode.OPERATION_NOT_ATTEMPTED : ErrorCode.TOPIC_AUTHORIZATION_FAILED,
            ),
          );
          return createAddPartitionsToTxnResponse({ resultsByTopicV3AndBelow: results });
        }
      }
      const results = await addOne(
        ctx,
        coordinator,
        req.v3AndBelowTransactionalId,
        req.v3AndBelowProducerId,
        req.v3AndBelowProducerEpoch,
        false,
        req.v3AndBelowTopics,
        version,
      );
      return createAddPartitionsToTxnResponse({ resultsByTopicV3AndBelow: results });
    }
    if (authz !== null && !authz.authorizeCluster(session, AclOperation.CLUSTER_ACTION))
      return createAddPartitionsToTxnResponse({ errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED });
    const resultsByTransaction = await Promise.all(
      req.transactions.map(async (t) => ({
        transactionalId: t.transactionalId,
        topicResults: await addOne(
          ctx,
          coordinator,
          t.transactionalId,
          t.producerId,
          t.producerEpoch,
          t.verifyOnly,
          t.topics,
          version,
        ),
      })),
    );
    return createAddPartitionsToTxnResponse({ errorCode: ErrorCode.NONE, resultsByTransaction });
  },
);
