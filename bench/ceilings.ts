// The machine's ceilings, measured with nothing but Node.js, as baselines for `npm run bench`:
//   --case tcp-pump  one client writes 1 MiB chunks over loopback to a server process that discards them
//   --case tcp-rtt   100-byte ping-pong over loopback with a server process that echoes (latency floor)
//   --case fs-write  sequential fs.writeSync of 1 MiB chunks to a file in the temp dir (page cache)
//   --case fs-fsync  the same with fdatasync after every chunk (what fsync=always can at best approach)
// The server is a separate process, as the broker is. Prints one `@result {json}` line.
//
//   node --import tsx bench/ceilings.ts --case tcp-pump --mb 1024
import { spawn } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { histogram } from './perf-common.js';
import { printResult } from './run.js';

const CHUNK = 1024 * 1024;
const RTT_BYTES = 100;

// The server: `discard` counts bytes and answers one byte once it has `expect` of them; `echo` echoes.
const SERVER = `
const net = require('node:net');
const [mode, expect] = [process.argv[1], Number(process.argv[2])];
const server = net.createServer((s) => {
  s.setNoDelay(true);
  let got = 0;
  s.on('data', (d) => {
    if (mode === 'echo') { s.write(d); return; }
    got += d.length;
    if (got >= expect) s.write('k');
  });
  s.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

async function startServer(mode: 'discard' | 'echo', expect: number) {
  const proc = spawn(process.execPath, ['-e', SERVER, mode, String(expect)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sink did not start in 10 s')), 10_000);
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  socket.setNoDelay(true);
  return {
    socket,
    stop() {
      socket.destroy();
      proc.kill('SIGKILL');
    },
  };
}

async function tcpPump(totalBytes: number) {
  const { socket, stop } = await startServer('discard', totalBytes);
  const chunk = Buffer.alloc(CHUNK, 7);
  const done = new Promise<void>((r) => socket.once('data', () => r()));
  const t0 = performance.now();
  for (let sent = 0; sent < totalBytes; sent += CHUNK) {
    if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
  }
  await done;
  const seconds = (performance.now() - t0) / 1000;
  stop();
  return { bytes: totalBytes, seconds, mbPerSec: totalBytes / seconds / 1e6 };
}

async function tcpRtt(roundTrips: number) {
  const { socket, stop } = await startServer('echo', 0);
  const ping = Buffer.alloc(RTT_BYTES, 1);
  const hist = histogram();
  let pending: (() => void) | null = null;
  let got = 0;
  socket.on('data', (d: Buffer) => {
    got += d.length;
    if (got >= RTT_BYTES && pending) {
      got -= RTT_BYTES;
      const p = pending;
      pending = null;
      p();
    }
  });
  const warmup = Math.min(1000, roundTrips);
  for (let i = 0; i < roundTrips + warmup; i++) {
    const t0 = performance.now();
    await new Promise<void>((r) => {
      pending = r;
      socket.write(ping);
    });
    if (i >= warmup) hist.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
  }
  stop();
  const ms = (us: number) => us / 1000;
  return {
    roundTrips,
    latency: {
      avg: ms(hist.mean),
      p50: ms(hist.getValueAtPercentile(50)),
      p99: ms(hist.getValueAtPercentile(99)),
      p999: ms(hist.getValueAtPercentile(99.9)),
      max: ms(hist.maxValue),
    },
  };
}

function fsWrite(totalBytes: number, sync: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-ceiling-'));
  try {
    const fd = openSync(join(dir, 'data'), 'w');
    const chunk = Buffer.alloc(CHUNK, 7);
    const t0 = performance.now();
    for (let written = 0; written < totalBytes; written += CHUNK) {
      writeSync(fd, chunk);
      if (sync) fdatasyncSync(fd);
    }
    const seconds = (performance.now() - t0) / 1000;
    closeSync(fd);
    return {
      bytes: totalBytes,
      seconds,
      mbPerSec: totalBytes / seconds / 1e6,
      syncsPerSec: sync ? totalBytes / CHUNK / seconds : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    case: { type: 'string' },
    mb: { type: 'string', default: '512' },
    'round-trips': { type: 'string', default: '20000' },
  },
});
const bytes = Math.max(1, Number(values.mb)) * CHUNK;
switch (values.case) {
  case 'tcp-pump':
    printResult(await tcpPump(bytes));
    break;
  case 'tcp-rtt':
    printResult(await tcpRtt(Number(values['round-trips'])));
    break;
  case 'fs-write':
    printResult(fsWrite(bytes, false));
    break;
  case 'fs-fsync':
    printResult(fsWrite(bytes, true));
    break;
  default:
    throw new Error(`--case must be tcp-pump, tcp-rtt, fs-write or fs-fsync, not ${values.case}`);
}
