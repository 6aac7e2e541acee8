// The Prometheus endpoint: plain node:http, GET (or HEAD) /metrics answers the text exposition format 0.0.4;
// any other path is 404, any other method 405, a scrape while the broker starts or stops 503.
//
// Limits: one scrape runs at a time (a scrape arriving meanwhile shares its answer); at most 16 connections
// are kept (more are closed on accept), idle ones close after 5 s, request headers must arrive within 5 s.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HostPort } from '../../config.js';
import type { Logger } from '../../logger.js';

/** A scrape refused because the broker is starting or stopping: answered 503. */
export class MetricsUnavailable extends Error {}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const MAX_CONNECTIONS = 16;
const TIMEOUT_MS = 5000;

export class MetricsServer {
  readonly #server: Server;
  readonly #scrape: () => Promise<string>;
  readonly #log: Logger;
  #inFlight: Promise<string> | null = null;
  #bound: HostPort | null = null;

  private constructor(scrape: () => Promise<string>, log: Logger) {
    this.#scrape = scrape;
    this.#log = log;
    this.#server = createServer((req, res) => this.#serve(req, res));
    this.#server.maxConnections = MAX_CONNECTIONS;
    this.#server.headersTimeout = TIMEOUT_MS;
    this.#server.requestTimeout = TIMEOUT_MS;
    this.#server.keepAliveTimeout = TIMEOUT_MS;
  }

  /** Listens on `at`; rejects with the reason (EADDRINUSE, EACCES, ...) when it cannot. */
  static async listen(at: HostPort, scrape: () => Promise<string>, log: Logger): Promise<MetricsServer> {
    const s = new MetricsServer(scrape, log);
    s.#server.listen(at.port, at.host);
    try {
      await once(s.#server, 'listening');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new Error(`cannot listen for metrics on ${at.host}:${at.port}: ${e.code ?? e.message}`);
    }
    const a = s.#server.address();
    s.#bound = a !== null && typeof a === 'object' ? { host: at.host, port: a.port } : at;
    return s;
  }

  get address(): HostPort {
    return this.#bound!;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #serve(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    this.#inFlight ??= this.#scrape().finally(() => {
      this.#inFlight = null;
    });
    this.#inFlight.then(
      (body) => {
        res.writeHead(200, {
          'content-type': METRICS_CONTENT_TYPE,
          'content-length': Buffer.byteLength(body),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: Error) => {
        // Not serving yet (or any more): Prometheus marks the target down for this scrape.
        if (err instanceof MetricsUnavailable) {
          res.writeHead(503, { 'content-type': 'text/plain' }).end(`${err.message}\n`);
          return;
        }
        this.#log.warn(`metrics scrape failed: ${err.message}`);
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`scrape failed: ${err.message}\n`);
      },
    );
  }
}
