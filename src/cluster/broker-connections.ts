// One client connection per other broker, for the requests brokers send each other (replica fetches,
// transaction markers and checks, lag lookups): made on first use, replaced when the broker's address in
// the metadata changes, dropped by the caller after a network failure so the next request dials again.
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { CONNECTION_DEFAULTS, Connection, type ConnectionOptions } from '../client/connection.js';
import type { SaslOptions } from '../client/sasl.js';

/** Where another broker takes inter-broker requests, with the TLS options when its listener speaks TLS. */
export interface InterBrokerAddress {
  host: string;
  port: number;
  tls?: TlsOptions | null;
  /** This broker's own SASL login when that listener asks for SASL. */
  sasl?: SaslOptions | null;
}

export type BrokerConnectionOptions = Partial<Omit<ConnectionOptions, 'host' | 'port'>> & {
  clientId: string;
};

export class BrokerConnections {
  readonly #options: BrokerConnectionOptions;
  readonly #connections = new Map<number, Connection>();

  constructor(options: BrokerConnectionOptions) {
    this.#options = options;
  }

  /** The connection to `brokerId` at `address`; one to an old address is closed and replaced. */
  get(brokerId: number, address: InterBrokerAddress): Connection {
    let conn = this.#connections.get(brokerId);
    if (conn !== undefined && conn.address !== `${address.host}:${address.port}`) {
      conn.close();
      conn = undefined;
    }
    if (conn === undefined) {
      conn = new Connection({
        ...CONNECTION_DEFAULTS,
        ...this.#options,
        host: address.host,
        port: address.port,
        tls: address.tls ?? null,
        sasl: address.sasl ?? null,
      });
      this.#connections.set(brokerId, conn);
    }
    return conn;
  }

  /** Closes `conn` if it is still the one to `brokerId` (after it failed), so the next get() dials again. */
  drop(brokerId: number, conn: Connection): void {
    if (this.#connections.get(brokerId) !== conn) return;
    conn.close();
    this.#connections.delete(brokerId);
  }

  close(): void {
    for (const c of this.#connections.values()) c.close();
    this.#connections.clear();
  }
}
