// The coordinator's requests to other brokers: WriteTxnMarkers to partition leaders (the marker channel's
// transport) and, on a partition leader, the KIP-890 check of a transactional produce with the
// transaction's coordinator (AddPartitionsToTxn v4 verifyOnly, or a direct call when this broker is it).
// One client connection per broker, found through the metadata image, replaced when the address changes.
import { BrokerConnections, type InterBrokerAddress } from '../../cluster/broker-connections.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import {
  AddPartitionsToTxnApi,
  type ApiCodec,
  WriteTxnMarkersApi,
} from '../../protocol/generated/api-keys.js';
import type {
  WriteTxnMarkersRequest,
  WriteTxnMarkersResponse,
} from '../../protocol/generated/write-txn-markers.js';
import type { TransactionCoordinator } from './coordinator.js';
import type { TransactionVerifier } from './hooks.js';
import type { MarkerTransport } from './marker-channel.js';

export const TXN_CLIENT_ID = 'runnel-transaction-coordinator';

/** Versions sent: WriteTxnMarkers v1 (flexible), AddPartitionsToTxn v4 (the first with verifyOnly). */
const WRITE_TXN_MARKERS_VERSION = 1;
const VERIFY_VERSION = 4;

export interface InterBrokerOptions {
  resolve(brokerId: number): InterBrokerAddress | undefined;
  connectTimeoutMs: number;
  maxResponseBytes: number;
}

export class InterBrokerClient implements MarkerTransport {
  readonly #o: InterBrokerOptions;
  readonly #connections: BrokerConnections;
  #closed = false;

  constructor(options: InterBrokerOptions) {
    this.#o = options;
    this.#connections = new BrokerConnections({
      clientId: TXN_CLIENT_ID,
      connectTimeoutMs: options.connectTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
  }

  request<Req, Res>(
    brokerId: number,
    codec: ApiCodec<Req, Res>,
    body: Req,
    version: number,
    timeoutMs: number,
  ): Promise<Res> {
    if (this.#closed)
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'inter-broker client closed'));
    const address = this.#o.resolve(brokerId);
    if (address === undefined) {
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, `broker ${brokerId} has no address`));
    }
    const conn = this.#connections.get(brokerId, address);
    return conn.request(codec, body, { timeoutMs }, version).catch((err: unknown) => {
      // A broken connection is dropped so the next request dials again (to the address the image has then).
      if (
        err instanceof KafkaError &&
        (err.code === ErrorCode.NETWORK_EXCEPTION || err.code === ErrorCode.REQUEST_TIMED_OUT)
      ) {
        this.#connections.drop(brokerId, conn);
      }
      throw err;
    });
  }

  send(brokerId: number, req: WriteTxnMarkersRequest, timeoutMs: number): Promise<WriteTxnMarkersResponse> {
    return this.request(brokerId, WriteTxnMarkersApi, req, WRITE_TXN_MARKERS_VERSION, timeoutMs);
  }

  close(): void {
    this.#closed = true;
    this.#connections.close();
  }
}

export interface CoordinatorVerifierOptions {
  coordinator: TransactionCoordinator;
  client: InterBrokerClient;
  nodeId: number;
  /** Leader of a __transaction_state partition now (-1: none). */
  coordinatorOf(partition: number): number;
  timeoutMs: number;
}

/**
 * The TransactionVerifier of a partition leader: asks the transactional id's coordinator whether the
 * partition is in the producer's ongoing transaction. No coordinator reachable: COORDINATOR_NOT_AVAILABLE
 * (retriable), never a guess.
 */
export class CoordinatorVerifier implements TransactionVerifier {
  readonly #o: CoordinatorVerifierOptions;

  constructor(options: CoordinatorVerifierOptions) {
    this.#o = options;
  }

  async verify(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    topic: string,
    partition: number,
  ): Promise<number> {
    const { coordinator } = this.#o;
    const asked = [{ topic, partitions: [partition] }];
    if (coordinator.hosts(transactionalId)) {
      return coordinator.verify(transactionalId, producerId, producerEpoch, asked)[0]!.errorCode;
    }
    const leader = this.#o.coordinatorOf(coordinator.partitionFor(transactionalId));
    if (leader < 0) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    // This broker leads the partition but has not loaded it (or just lost it).
    if (leader === this.#o.nodeId)
      return coordinator.verify(transactionalId, producerId, producerEpoch, asked)[0]!.errorCode;
    try {
      const res = await this.#o.client.request(
        leader,
        AddPartitionsToTxnApi,
        {
          transactions: [
            {
              transactionalId,
              producerId,
              producerEpoch,
              verifyOnly: true,
              topics: [{ name: topic, partitions: [partition] }],
            },
          ],
          v3AndBelowTransactionalId: '',
          v3AndBelowProducerId: 0,
          v3AndBelowProducerEpoch: 0,
          v3AndBelowTopics: [],
        },
        VERIFY_VERSION,
        this.#o.timeoutMs,
      );
      if (res.errorCode !== ErrorCode.NONE) return res.errorCode;
      const code = res.resultsByTransaction[0]?.topicResults[0]?.resultsByPartition[0]?.partitionErrorCode;
      return code ?? ErrorCode.COORDINATOR_NOT_AVAILABLE;
    } catch {
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
  }
}
