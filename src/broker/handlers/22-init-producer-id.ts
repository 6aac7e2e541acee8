// InitProducerId, versions 0-4: ids for idempotent producers (transactional id null). v3+ carries the
// producer's current id and epoch so it can ask for an epoch bump after an error (KIP-360).
// Transactions are not implemented: a transactional id gets COORDINATOR_NOT_AVAILABLE, which clients
// report rather than retry forever with a wrong coordinator. A new block of ids whose end cannot be
// persisted (a full disk) gets COORDINATOR_LOAD_IN_PROGRESS, retriable, as Kafka answers while it has no
// block to hand out.
import { ErrorCode } from '../../protocol/errors.js';
import { InitProducerIdApi } from '../../protocol/generated/api-keys.js';
import { createInitProducerIdResponse } from '../../protocol/generated/init-producer-id.js';
import { defineHandler } from '../handler.js';

export const initProducerId = defineHandler(InitProducerIdApi, 0, 4, (ctx, req) => {
  if (req.transactionalId !== null) {
    return createInitProducerIdResponse({
      errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE,
      producerId: -1,
      producerEpoch: -1,
    });
  }
  try {
    if (req.producerId >= 0 || req.producerEpoch >= 0) {
      const bumped = ctx.producerIds.bump(req.producerId, req.producerEpoch);
      if (bumped === null) return failed(ErrorCode.INVALID_PRODUCER_EPOCH);
      return createInitProducerIdResponse({ errorCode: ErrorCode.NONE, ...bumped });
    }
    return createInitProducerIdResponse({ errorCode: ErrorCode.NONE, ...ctx.producerIds.allocate() });
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
    ctx.log.warn(`InitProducerId: cannot persist a producer id block: ${(err as Error).message}`);
    return failed(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  }
});

function failed(errorCode: number) {
  return createInitProducerIdResponse({ errorCode, producerId: -1, producerEpoch: -1 });
}
