// How the active controller reaches brokers for unclean recovery (unclean-recovery.ts): one
// GetReplicaLogInfo at a time per request, over one inter-broker connection per broker. A failed or slow
// request is not answered at all (the recovery manager asks again after its request timeout), and the
// connection is dropped so the next one dials again.
import type { LogSink } from '../logger.js';
import { GetReplicaLogInfoApi } from '../protocol/generated/api-keys.js';
import type {
  GetReplicaLogInfoRequest,
  GetReplicaLogInfoResponse,
} from '../protocol/generated/get-replica-log-info.js';
import { BrokerConnections, type InterBrokerAddress } from './broker-connections.js';

export const REPLICA_LOG_INFO_CLIENT_ID = 'runnel-unclean-recovery';

export interface ReplicaLogInfoClientOptions {
  /** A broker's inter-broker listener, or null when unknown. */
  resolve(brokerId: number): InterBrokerAddress | null;
  timeoutMs: number;
  logger?: LogSink;
}

export class ReplicaLogInfoClient {
  readonly #o: ReplicaLogInfoClientOptions;
  readonly #connections: BrokerConnections;
  #closed = false;

  constructor(options: ReplicaLogInfoClientOptions) {
    this.#o = options;
    this.#connections = new BrokerConnections({
      clientId: REPLICA_LOG_INFO_CLIENT_ID,
      connectTimeoutMs: options.timeoutMs,
      requestTimeoutMs: options.timeoutMs,
    });
  }

  send(
    brokerId: number,
    request: GetReplicaLogInfoRequest,
    answer: (response: GetReplicaLogInfoResponse) => void,
  ): void {
    if (this.#closed) return;
    const address = this.#o.resolve(brokerId);
    if (address === null) return;
    const conn = this.#connections.get(brokerId, address);
    conn.request(GetReplicaLogInfoApi, request, { timeoutMs: this.#o.timeoutMs }).then(
      (res) => {
        if (!this.#closed) answer(res);
      },
      (err: Error) => {
        this.#connections.drop(brokerId, conn);
        this.#o.logger?.debug(`GetReplicaLogInfo to broker ${brokerId} failed: ${err.message}`);
      },
    );
  }

  close(): void {
    this.#closed = true;
    this.#connections.close();
  }
}
