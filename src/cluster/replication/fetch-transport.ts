// Replica fetches on TCP: one client Connection per leader broker, found through `resolve` (the metadata
// image's listeners), replaced when the broker's address changes. A failed connection rejects the fetch;
// the fetcher backs off and asks again.
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { FetchApi } from '../../protocol/generated/api-keys.js';
import type { FetchRequest, FetchResponse } from '../../protocol/generated/fetch.js';
import { BrokerConnections, type InterBrokerAddress } from '../broker-connections.js';
import type { FetchTransport } from './replica-fetcher.js';

export const REPLICA_FETCHER_CLIENT_ID = 'runnel-replica-fetcher';

export interface FetchTransportOptions {
  resolve: (brokerId: number) => InterBrokerAddress | undefined;
  connectTimeoutMs: number;
  /** Largest answer taken; a larger one closes the connection. */
  maxResponseBytes: number;
}

export class ConnectionFetchTransport implements FetchTransport {
  readonly #o: FetchTransportOptions;
  readonly #connections: BrokerConnections;
  #closed = false;

  constructor(options: FetchTransportOptions) {
    this.#o = options;
    this.#connections = new BrokerConnections({
      clientId: REPLICA_FETCHER_CLIENT_ID,
      connectTimeoutMs: options.connectTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      maxInFlight: 1,
    });
  }

  fetch(brokerId: number, req: FetchRequest, version: number, timeoutMs: number): Promise<FetchResponse> {
    if (this.#closed) return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'transport closed'));
    const address = this.#o.resolve(brokerId);
    if (address === undefined)
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, `broker ${brokerId} has no address`));
    const conn = this.#connections.get(brokerId, address);
    return conn.request(FetchApi, req, { timeoutMs }, version);
  }

  close(): void {
    this.#closed = true;
    this.#connections.close();
  }
}
