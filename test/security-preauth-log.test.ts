// A flood of bad connections does not flood the log: 1,000 connections that send a request before
// authenticating on a SASL listener, and 300 that send garbage to a TLS listener, are each closed, but at
// most 10 lines a second say so, plus one line per second with the count of those left out (logged +
// counted = every connection). A client that logs in is served throughout.
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MetadataApi } from '../dist/protocol/generated/api-keys.js';
import { createMetadataRequest } from '../dist/protocol/generated/metadata.js';
import { TestClient } from './helpers/broker-client.js';
import { type Ca, certDir, makeCa, makeLeaf } from './helpers/certs.js';
import { eventually } from './helpers/cluster-procs.js';
import { kcat, kcatSasl, type SecureBroker, startSecureBroker } from './helpers/secure-broker.js';

let ca: Ca;
let s: SecureBroker;

test.before(async () => {
  ca = makeCa(certDir());
  s = await startSecureBroker({
    listeners: ['SASL_PLAINTEXT', 'SSL'],
    tls: { server: makeLeaf(ca, 'broker', '/CN=broker') },
    users: { carol: 'carol-secret' },
    mechanisms: 'PLAIN',
  });
});

test.after(async () => {
  await s?.broker.dispose();
});

/** Runs `n` tasks, `width` at a time. */
async function pool(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** Lines logged and the sum of the counts summed up, for lines matching `line` and summaries matching `summary`. */
function counted(line: RegExp, summary: RegExp): { logged: number; suppressed: number } {
  const text = s.broker.stderr();
  const logged = text.split('\n').filter((l) => line.test(l)).length;
  let suppressed = 0;
  for (const m of text.matchAll(new RegExp(summary.source, 'g'))) suppressed += Number(m[1]);
  return { logged, suppressed };
}

test('1,000 requests before SASL authentication: each connection closed, the log line rate-limited with a count', async () => {
  const port = Number(s.addresses.SASL_PLAINTEXT!.split(':')[1]);
  const started = Date.now();
  await pool(1000, 50, async () => {
    const c = await TestClient.connect(port);
    const refused = await c.request(MetadataApi, 12, createMetadataRequest({ topics: null })).then(
      () => false,
      () => true,
    );
    assert.ok(refused, 'a request before authentication closes the connection');
    c.close();
  });
  const seconds = Math.ceil((Date.now() - started) / 1000) + 1;
  const LINE = /closing connection \d+ from .*: api key 3 before SASL authentication/;
  const SUMMARY = /(\d+) more connections closed before authenticating not logged/;
  await eventually('every close logged or counted', () => {
    const c = counted(LINE, SUMMARY);
    return c.logged + c.suppressed === 1000;
  });
  const c = counted(LINE, SUMMARY);
  assert.ok(c.logged <= 10 * seconds, `${c.logged} lines in about ${seconds} s`);
  assert.ok(c.suppressed > 0);
  // Logging in still works.
  const ok = await kcat(s.addresses.SASL_PLAINTEXT!, [
    ...kcatSasl('PLAIN', 'carol', 'carol-secret'),
    '-L',
    '-m',
    '5',
  ]);
  assert.is(ok.code, 0, ok.stderr);
});

test('300 garbage TLS handshakes: the failure lines are rate-limited with a count', async () => {
  const [host, port] = s.addresses.SSL!.split(':');
  const started = Date.now();
  await pool(300, 30, async () => {
    await new Promise<void>((resolve) => {
      const socket = net.connect({ host, port: Number(port) }, () => socket.write('GET / HTTP/1.0\r\n\r\n'));
      socket.on('error', () => {});
      socket.on('close', () => resolve());
    });
  });
  const seconds = Math.ceil((Date.now() - started) / 1000) + 1;
  const LINE = /TLS handshake with .* failed/;
  const SUMMARY = /(\d+) more failed or refused TLS handshakes not logged/;
  await eventually('every failed handshake logged or counted', () => {
    const c = counted(LINE, SUMMARY);
    return c.logged + c.suppressed === 300;
  });
  const c = counted(LINE, SUMMARY);
  assert.ok(c.logged <= 10 * seconds, `${c.logged} lines in about ${seconds} s`);
  assert.ok(c.suppressed > 0);
});

test.run();
