// The connection layer over real loopback sockets: framing across chunk boundaries, responses in request
// order when handlers finish out of order, the in-flight bound, and the frame size limit.
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Connection, type FrameHandler } from '../dist/broker/connection.js';

interface Harness {
  server: Server;
  port: number;
  errors: string[];
  maxSeenInFlight: number;
  conns: Connection[];
}

async function start(
  handler: FrameHandler,
  maxFrameBytes = 1024 * 1024,
  maxInFlight = 100,
): Promise<Harness> {
  const h: Harness = { server: createServer(), port: 0, errors: [], maxSeenInFlight: 0, conns: [] };
  let id = 0;
  h.server.on('connection', (socket) => {
    const conn = new Connection(
      id++,
      socket,
      {
        handle(frame, c) {
          h.maxSeenInFlight = Math.max(h.maxSeenInFlight, c.inFlight);
          return handler.handle(frame, c);
        },
      },
      { maxFrameBytes, maxInFlight },
      { onClose: () => {}, onProtocolError: (_c, reason) => h.errors.push(reason) },
    );
    h.conns.push(conn);
  });
  h.server.listen(0, '127.0.0.1');
  await once(h.server, 'listening');
  h.port = (h.server.address() as { port: number }).port;
  return h;
}

function frame(n: number, payload = 0): Buffer {
  const b = Buffer.alloc(8 + payload);
  b.writeInt32BE(4 + payload, 0);
  b.writeInt32BE(n, 4);
  return b;
}

function response(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeInt32BE(4, 0);
  b.writeInt32BE(n, 4);
  return b;
}

/** Reads `count` 8-byte responses and returns their numbers. */
async function readResponses(sock: Socket, count: number): Promise<number[]> {
  const out: number[] = [];
  let buf = Buffer.alloc(0);
  for await (const chunk of sock) {
    buf = Buffer.concat([buf, chunk as Buffer]);
    while (buf.length >= 8) {
      out.push(buf.readInt32BE(4));
      buf = buf.subarray(8);
    }
    if (out.length >= count) break;
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('responses leave in request order although handlers finish in reverse', async () => {
  const h = await start({
    async handle(f) {
      const n = f.readInt32BE(0);
      await sleep(50 - n * 5);
      return response(n);
    },
  });
  const sock = createConnection(h.port, '127.0.0.1');
  await once(sock, 'connect');
  sock.write(Buffer.concat(Array.from({ length: 10 }, (_, i) => frame(i))));
  assert.equal(await readResponses(sock, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  sock.destroy();
  h.server.close();
});

test('frames split at every byte boundary are reassembled', async () => {
  const h = await start({ handle: (f) => response(f.readInt32BE(0) + f.length) });
  const sock = createConnection(h.port, '127.0.0.1');
  await once(sock, 'connect');
  sock.setNoDelay(true);
  const bytes = Buffer.concat([frame(1, 3), frame(2, 100), frame(3)]);
  for (let i = 0; i < bytes.length; i++) {
    sock.write(bytes.subarray(i, i + 1));
    if (i % 7 === 0) await sleep(1);
  }
  assert.equal(await readResponses(sock, 3), [1 + 7, 2 + 104, 3 + 4]);
  sock.destroy();
  h.server.close();
});

/** A frame whose body starts with `apiKey` (int16) and `n` (int32), then `size - 6` bytes derived from n. */
function patterned(apiKey: number, n: number, size: number): Buffer {
  const b = Buffer.allocUnsafe(4 + size);
  b.writeInt32BE(size, 0);
  b.writeInt16BE(apiKey, 4);
  b.writeInt32BE(n, 6);
  for (let i = 10; i < b.length; i++) b[i] = (i * 31 + n * 7) & 0xff;
  return b;
}

function intact(f: Buffer): boolean {
  const n = f.readInt32BE(2);
  for (let i = 6; i < f.length; i++) if (f[i] !== ((i + 4) * 31 + n * 7) % 256) return false;
  return true;
}

test('large frames read straight into their buffers arrive intact while earlier ones are still in progress', async () => {
  // Sizes around the read buffer (64 KiB), the direct-read threshold (16 KiB), the pooled sizes (up to
  // 4 MiB) and beyond; Produce (0) and another key (3) alternate, so both kinds of buffer are used.
  const sizes = [
    10,
    70_000,
    16 * 1024,
    1_048_576,
    300,
    4 * 1024 * 1024,
    65_536 + 3,
    5_000_000,
    20_000,
    2_500_000,
  ];
  const checked: boolean[] = [];
  const h = await start(
    {
      async handle(f) {
        const n = f.readInt32BE(2);
        // Hold the frame while later ones are read, then check it was not overwritten meanwhile.
        await sleep((n * 7) % 23);
        checked[n] = intact(f) && f.length === sizes[n % sizes.length]!;
        return response(n);
      },
    },
    8 * 1024 * 1024,
    8,
  );
  const sock = createConnection(h.port, '127.0.0.1');
  await once(sock, 'connect');
  const frames = Array.from({ length: 30 }, (_, n) =>
    patterned(n % 2 === 0 ? 0 : 3, n, sizes[n % sizes.length]!),
  );
  const bytes = Buffer.concat(frames);
  const reading = readResponses(sock, frames.length);
  // Uneven writes, so frames start and end at arbitrary points of the broker's reads.
  let seed = 12345;
  for (let pos = 0; pos < bytes.length; ) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (seed % 300_000);
    if (!sock.write(bytes.subarray(pos, pos + n))) await once(sock, 'drain');
    pos += n;
    if (seed % 5 === 0) await sleep(1);
  }
  assert.equal(
    await reading,
    frames.map((_, n) => n),
  );
  assert.equal(
    checked,
    frames.map(() => true),
  );
  assert.equal(h.errors, []);
  sock.destroy();
  h.server.close();
});

test('no more than max in-flight requests are ever in progress; the rest wait unread', async () => {
  const pending: (() => void)[] = [];
  const h = await start(
    {
      handle(f) {
        const n = f.readInt32BE(0);
        return new Promise((resolve) => pending.push(() => resolve(response(n))));
      },
    },
    1024,
    4,
  );
  const sock = createConnection(h.port, '127.0.0.1');
  await once(sock, 'connect');
  sock.write(Buffer.concat(Array.from({ length: 20 }, (_, i) => frame(i))));
  const reading = readResponses(sock, 20);
  let answered = 0;
  while (answered < 20) {
    await sleep(5);
    assert.ok(pending.length <= 4, `in progress ${pending.length}`);
    const batch = pending.splice(0);
    answered += batch.length;
    for (const f of batch) f();
  }
  assert.equal(
    await reading,
    Array.from({ length: 20 }, (_, i) => i),
  );
  assert.is(h.maxSeenInFlight, 4);
  sock.destroy();
  h.server.close();
});

test('a Produce frame claiming more than the pooled sizes (here 1 GiB + 1) is handled, not spun on', async () => {
  const h = await start({ handle: (f) => response(f.readInt32BE(0)) }, 2 ** 31 - 1);
  const big = createConnection(h.port, '127.0.0.1');
  await once(big, 'connect');
  const claim = Buffer.alloc(6);
  claim.writeInt32BE(2 ** 30 + 1, 0);
  claim.writeInt16BE(0, 4); // Produce
  big.write(claim);
  await sleep(50);
  big.destroy();
  // The event loop is free: another connection is answered at once.
  const good = createConnection(h.port, '127.0.0.1');
  await once(good, 'connect');
  good.write(frame(7));
  assert.equal(await readResponses(good, 1), [7]);
  good.destroy();
  h.server.close();
});

test('a frame larger than socket.request.max.bytes closes the connection; others keep working', async () => {
  let handled = 0;
  const h = await start(
    {
      handle: (f) => {
        handled++;
        return response(f.readInt32BE(0));
      },
    },
    1000,
  );
  const bad = createConnection(h.port, '127.0.0.1');
  await once(bad, 'connect');
  const claim = Buffer.alloc(8);
  claim.writeInt32BE(2_000_000_000, 0); // claims ~2 GB; must not be allocated
  bad.write(claim);
  await once(bad, 'close');
  assert.is(handled, 0);
  assert.match(h.errors.join(), /exceeds socket.request.max.bytes 1000/);

  const over = createConnection(h.port, '127.0.0.1');
  await once(over, 'connect');
  over.write(frame(1, 997)); // one byte over
  await once(over, 'close');
  assert.is(handled, 0);

  const neg = createConnection(h.port, '127.0.0.1');
  await once(neg, 'connect');
  neg.write(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  await once(neg, 'close');

  const good = createConnection(h.port, '127.0.0.1');
  await once(good, 'connect');
  good.write(frame(42, 996)); // a body of exactly 1000 bytes is allowed
  assert.equal(await readResponses(good, 1), [42]);
  good.destroy();
  h.server.close();
});

test('a handler that throws closes only its own connection', async () => {
  const h = await start({
    handle(f) {
      if (f.readInt32BE(0) === 13) throw new Error('cannot parse');
      return response(f.readInt32BE(0));
    },
  });
  const a = createConnection(h.port, '127.0.0.1');
  const b = createConnection(h.port, '127.0.0.1');
  await Promise.all([once(a, 'connect'), once(b, 'connect')]);
  a.write(frame(13));
  await once(a, 'close');
  b.write(frame(7));
  assert.equal(await readResponses(b, 1), [7]);
  assert.match(h.errors.join(), /cannot parse/);
  b.destroy();
  h.server.close();
});

test.run();
