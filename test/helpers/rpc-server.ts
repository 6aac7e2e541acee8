// A small Kafka RPC server for tests of inter-broker code before (or apart from) the broker hosting it:
// real TCP on loopback, real frames through the generated codecs, ApiVersions answered from the registered
// handlers so the client's Connection negotiates versions as it does with a broker. Nothing about the
// answers is canned: each api key dispatches to the function the test registers (usually the code under
// test's own server side).
import net from 'node:net';
import { type ApiCodec, ApiKey, ApiVersionsApi } from '../../dist/protocol/generated/api-keys.js';
import { createApiVersionsResponse } from '../../dist/protocol/generated/api-versions.js';
import { decodeRequestHeader, encodeResponseFrame } from '../../dist/protocol/header.js';
import { Reader } from '../../dist/protocol/reader.js';
import { Writer } from '../../dist/protocol/writer.js';

export interface RpcRoute<Req = unknown, Res = unknown> {
  codec: ApiCodec<Req, Res>;
  minVersion?: number;
  maxVersion?: number;
  /** The response body, or null to send nothing (the connection stays open). */
  handle(body: Req, version: number, clientId: string | null): Res | null | Promise<Res | null>;
}

export interface RpcServer {
  readonly host: string;
  readonly port: number;
  /** Requests served per api key. */
  readonly served: Map<number, number>;
  /** Drops every connection and stops accepting (a broker gone); start() again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export function route<Req, Res>(
  codec: ApiCodec<Req, Res>,
  handle: RpcRoute<Req, Res>['handle'],
  versions?: { min: number; max: number },
): RpcRoute {
  return {
    codec,
    handle,
    minVersion: versions?.min,
    maxVersion: versions?.max,
  } as unknown as RpcRoute;
}

export async function startRpcServer(routes: readonly RpcRoute[], port = 0): Promise<RpcServer> {
  const byKey = new Map(routes.map((r) => [r.codec.apiKey, r]));
  const served = new Map<number, number>();
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let boundPort = port;

  const apiKeys = [
    { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
    ...routes.map((r) => ({
      apiKey: r.codec.apiKey,
      minVersion: r.minVersion ?? r.codec.minVersion,
      maxVersion: r.maxVersion ?? r.codec.maxVersion,
    })),
  ];

  const onFrame = async (socket: net.Socket, frame: Buffer) => {
    const r = new Reader(frame);
    const header = decodeRequestHeader(r);
    const key = header.requestApiKey;
    const version = header.requestApiVersion;
    served.set(key, (served.get(key) ?? 0) + 1);
    const w = new Writer();
    if (key === ApiKey.ApiVersions) {
      encodeResponseFrame(w, header.correlationId, version, ApiVersionsApi as ApiCodec<unknown, unknown>, {
        ...createApiVersionsResponse({ apiKeys }),
      });
    } else {
      const rt = byKey.get(key);
      if (rt === undefined) {
        socket.destroy();
        return;
      }
      const body = rt.codec.decodeRequest(r, version);
      const res = await rt.handle(body, version, header.clientId ?? null);
      if (res === null) return;
      encodeResponseFrame(w, header.correlationId, version, rt.codec as ApiCodec<unknown, unknown>, res);
    }
    if (!socket.destroyed) socket.write(w.finish());
  };

  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        if (pending.length < 4 + size) break;
        const frame = pending.subarray(4, 4 + size);
        pending = pending.subarray(4 + size);
        onFrame(socket, Buffer.from(frame)).catch(() => socket.destroy());
      }
    });
  };

  const rpc: RpcServer = {
    host: '127.0.0.1',
    get port() {
      return boundPort;
    },
    served,
    async start() {
      if (server !== null) return;
      const s = net.createServer(onConnection);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(boundPort, '127.0.0.1', () => resolve());
      });
      boundPort = (s.address() as net.AddressInfo).port;
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s === null) return;
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await rpc.start();
  return rpc;
}
