// How the transaction handlers reach the coordinator through the broker context, and the error mapping
// they share.
import { ErrorCode } from '../../protocol/errors.js';
import type { BrokerContext } from '../handler.js';
import { TransactionCoordinator } from './coordinator.js';

/** The broker context with its transaction coordinator (set once the broker has made it). */
export interface TxnCoordinatorContext {
  readonly txnCoordinator?: TransactionCoordinator;
}

/** The coordinator of this broker, or null before it exists (answer COORDINATOR_NOT_AVAILABLE). */
export function txnCoordinatorOf(ctx: BrokerContext): TransactionCoordinator | null {
  const c = (ctx as BrokerContext & TxnCoordinatorContext).txnCoordinator;
  return c instanceof TransactionCoordinator ? c : null;
}

/**
 * PRODUCER_FENCED came with KIP-588; a client older than the version given (InitProducerId v4,
 * AddPartitionsToTxn/AddOffsetsToTxn/EndTxn v2) knows the same condition as INVALID_PRODUCER_EPOCH.
 */
export function fencedForVersion(errorCode: number, version: number, firstVersion: number): number {
  return errorCode === ErrorCode.PRODUCER_FENCED && version < firstVersion
    ? ErrorCode.INVALID_PRODUCER_EPOCH
    : errorCode;
}
