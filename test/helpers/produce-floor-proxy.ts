// A loopback TCP proxy in front of a real broker that rewrites one thing: ApiVersions responses claim
// Produce from version 0. librdkafka before 2.11.1 compresses gzip, snappy and lz4 only when the broker's
// Produce range reaches down to v0 (it asks "is Produce 0..0 supported?"), so against Runnel's Produce 3-11
// it silently sends those batches uncompressed. Through this proxy kcat really compresses them, and the
// broker behind still answers every request itself (it never sees a version below 3: librdkafka picks the
// highest version both sides list). Start the broker with --advertised set to the proxy's address so kcat's
// later connections come through here too.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { encodeResponseFrame } from '../../dist/protocol/header.js';
import * as P from '../../dist/protocol/index.js';
import { Reader } from '../../dist/protocol/reader.js';
import { Writer } from '../../dist/protocol/writer.js';

const API_VERSIONS = 18;

export interface FloorProxy {
  port: number;
  /** Points new connections at the broker on this port (set once the broker is listening). */
  target(port: number): void;
  close(): Promise<void>;
}

/** Splits a byte stream into size-prefixed frames. */
function framer(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
      const size = buffered.readInt32BE(0);
      onFrame(buffered.subarray(0, 4 + size));
      buffered = buffered.subarray(4 + size);
    }
  };
}

/** The ApiVersions response frame with Produce's minimum version set to 0. */
function lowerProduceFloor(frame: Buffer, version: number): Buffer {
  const r = new Reader(frame, 8); // size prefix and correlation id (ApiVersions always uses header v0)
  const body = P.ApiVersionsApi.decodeResponse(r, version);
  if (r.error !== null) return frame;
  for (const k of body.apiKeys) if (k.apiKey === 0) k.minVersion = 0;
  const w = new Writer();
  encodeResponseFrame(w, frame.readInt32BE(4), version, P.ApiVersionsApi, body);
  return Buffer.from(w.finish());
}

export async function startProduceFloorProxy(): Promise<FloorProxy> {
  let brokerPort = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const broker = createConnection({ host: '127.0.0.1', port: brokerPort });
    sockets.add(client).add(broker);
    // Correlation id -> ApiVersions request version, for the responses still to come.
    const apiVersionsRequests = new Map<number, number>();
    client.on(
      'data',
      framer((frame) => {
        if (frame.length >= 12 && frame.readInt16BE(4) === API_VERSIONS) {
          apiVersionsRequests.set(frame.readInt32BE(8), frame.readInt16BE(6));
        }
        broker.write(frame);
      }),
    );
    broker.on(
      'data',
      framer((frame) => {
        const version = apiVersionsRequests.get(frame.readInt32BE(4));
        if (version === undefined) {
          client.write(frame);
          return;
        }
        apiVersionsRequests.delete(frame.readInt32BE(4));
        client.write(lowerProduceFloor(frame, version));
      }),
    );
    const end = () => {
      client.destroy();
      broker.destroy();
      sockets.delete(client);
      sockets.delete(broker);
    };
    client.on('close', end).on('error', end);
    broker.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    target: (port) => {
      brokerPort = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
