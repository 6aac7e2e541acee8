// kcat (librdkafka), unchanged, against a real Runnel broker process: -L lists brokers and topics, -P
// produces 10,000 lines, -C -o beginning -e reads them back in order, -o N rewinds, -o -N reads the tail.
import { spawn } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type BrokerProcess, startBroker } from './helpers/broker.js';

let broker: BrokerProcess;
const LINES = Array.from({ length: 10_000 }, (_, i) => `line ${i} ${'abcdefghij'.slice(0, i % 11)}`);

function kcat(
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', broker.address, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), 30_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.end(input ?? '');
  });
}

test.before(async () => {
  broker = await startBroker(['--num-partitions', '1']);
});

test.after(async () => {
  assert.is(await broker.stop(), 0);
  await broker.dispose();
});

test('kcat -P of 10,000 lines, then -C -o beginning -e reads the same lines in order', async () => {
  const produced = await kcat(['-P', '-t', 'lines'], `${LINES.join('\n')}\n`);
  assert.is(produced.code, 0, produced.stderr);
  const consumed = await kcat(['-C', '-t', 'lines', '-o', 'beginning', '-e', '-q']);
  assert.is(consumed.code, 0, consumed.stderr);
  assert.equal(consumed.stdout.split('\n').slice(0, -1), LINES);
});

test('kcat -C -o OFFSET rewinds; -o -N reads the last N; -f prints offsets and keys', async () => {
  const from = await kcat(['-C', '-t', 'lines', '-o', '9990', '-e', '-q']);
  assert.equal(from.stdout.split('\n').slice(0, -1), LINES.slice(9990));
  const tail = await kcat(['-C', '-t', 'lines', '-o', '-3', '-e', '-q']);
  assert.equal(tail.stdout.split('\n').slice(0, -1), LINES.slice(-3));
  const keyed = await kcat(['-P', '-t', 'keyed', '-K', ':'], 'a:1\nb:2\n');
  assert.is(keyed.code, 0, keyed.stderr);
  const formatted = await kcat(['-C', '-t', 'keyed', '-o', 'beginning', '-e', '-q', '-f', '%o %k=%s\\n']);
  assert.is(formatted.stdout, '0 a=1\n1 b=2\n');
});

test('kcat -L lists this broker and the topics with their partitions', async () => {
  const res = await kcat(['-L', '-J']);
  assert.is(res.code, 0, res.stderr);
  const md = JSON.parse(res.stdout);
  assert.equal(md.brokers, [{ id: 1, name: broker.address }]);
  const lines = md.topics.find((t: { topic: string }) => t.topic === 'lines');
  assert.equal(
    lines.partitions.map((p: { partition: number; leader: number }) => [p.partition, p.leader]),
    [[0, 1]],
  );
});

test.run();
