// Replica fetches on TCP: one client Connection per leader broker, found through `resolve` (the metadata
// image's listeners), replaced when the broker's address changes. A failed connection rejects the fetch;
// the fetcher backs off and asks again.
import { CONNECTION_DEFAULTS, Connection } from '../../client/connection.js';
import { ErrorCode, KafkaError } from '../../protocol/errors.js';
import { FetchApi } from '../../protocol/generated/api-keys.js';
import type { FetchRequest, FetchResponse } from '../../protocol/generated/fetch.js';
import type { FetchTransport } from './replica-fetcher.js';

export const REPLICA_FETCHER_CLIENT_ID = 'runnel-replica-fetcher';

export interface FetchTransportOptions {
  resolve: (brokerId: number) => { host: string; port: number } | undefined;
  connectTimeoutMs: number;
  /** Largest answer taken; a larger one closes the connection. */
  maxResponseBytes: number;
}

export class ConnectionFetchTransport implements FetchTransport {
  readonly #o: FetchTransportOptions;
  readonly #connections = new Map<number, Connection>();
  #closed = false;

  constructor(options: FetchTransportOptions) {
    this.#o = options;
  }

  fetch(brokerId: number, req: FetchRequest, version: number, timeoutMs: number): Promise<FetchResponse> {
    if (this.#closed) return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, 'transport closed'));
    const address = this.#o.resolve(brokerId);
    if (address === undefined)
      return Promise.reject(new KafkaError(ErrorCode.NETWORK_EXCEPTION, `broker ${brokerId} has no address`));
    let conn = this.#connections.get(brokerId);
    if (conn !== undefined && conn.address !== `${address.host}:${address.port}`) {
      conn.close();
      conn = undefined;
    }
    if (conn === undefined) {
      conn = new Connection({
        ...CONNECTION_DEFAULTS,
        host: address.host,
        port: address.port,
        clientId: REPLICA_FETCHER_CLIENT_ID,
        connectTimeoutMs: this.#o.connectTimeoutMs,
        maxResponseBytes: this.#o.maxResponseBytes,
        maxInFlight: 1,
      });
      this.#connections.set(brokerId, conn);
    }
    return conn.request(FetchApi, req, { timeoutMs }, version);
  }

  close(): void {
    this.#closed = true;
    for (const c of this.#connections.values()) c.close();
    this.#connections.clear();
  }
}
