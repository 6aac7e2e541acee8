// `runnel produce` and `runnel consume` against a real broker process: round trips with keys and headers,
// each side also checked against kcat (librdkafka) as the other side; start and stop positions, counts,
// delimiters, the record size limit at and past the limit, SIGINT, and unknown topics.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, cliJson, collect, spawnCli } from './helpers/cli.js';
import { kcat, startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let b: string[];

test.before(async () => {
  broker = await startTestBroker();
  b = ['-b', broker.address];
});

test.after(async () => {
  await broker.destroy();
});

interface JsonRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: { key: string; value: string | null }[];
}

async function topic(partitions = 1): Promise<string> {
  const t = uniqueTopic('cli');
  const r = await cli(['topic', 'create', t, '-p', String(partitions), ...b]);
  assert.is(r.code, 0, r.stderr);
  return t;
}

/** Every record of a topic through `runnel consume -e --json`. */
async function consumeAll(t: string, extra: string[] = []): Promise<JsonRecord[]> {
  const r = await cli(['consume', t, '-e', '--json', ...extra, ...b]);
  assert.is(r.code, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JsonRecord);
}

test('round trip: keys split at -K, headers from -H, keys keep their partition; kcat reads the same', async () => {
  const t = await topic(3);
  const lines = Array.from({ length: 30 }, (_, i) => `key${i % 5}:value ${i}`);
  const p = await cli(['produce', t, '-K', ':', '-H', 'source=cli', '-H', 'trace=a=b', ...b], {
    input: `${lines.join('\n')}\n`,
  });
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stderr, new RegExp(`produced 30 records to ${t}`));
  const records = await consumeAll(t);
  assert.is(records.length, 30);
  const partitionOf = new Map<string, number>();
  for (const r of records) {
    assert.equal(r.headers, [
      { key: 'source', value: 'cli' },
      { key: 'trace', value: 'a=b' },
    ]);
    const seen = partitionOf.get(r.key!);
    if (seen !== undefined) assert.is(r.partition, seen, `key ${r.key} in one partition`);
    partitionOf.set(r.key!, r.partition);
  }
  // Per key, in the order written.
  for (let k = 0; k < 5; k++) {
    const values = records.filter((r) => r.key === `key${k}`).map((r) => r.value);
    assert.equal(
      values,
      lines.filter((l) => l.startsWith(`key${k}:`)).map((l) => l.slice(l.indexOf(':') + 1)),
    );
  }
  const viaKcat = await kcat(['-b', broker.address, '-C', '-t', t, '-e', '-q', '-f', '%k=%s|%h\n']);
  const kcatLines = viaKcat.trimEnd().split('\n').sort();
  assert.equal(kcatLines, lines.map((l) => `${l.replace(':', '=')}|source=cli,trace=a=b`).sort());
});

test('consume formats what kcat produced: key, value, headers, partition, offset', async () => {
  const t = await topic(1);
  await kcat(
    ['-b', broker.address, '-P', '-t', t, '-K', ':', '-H', 'h1=v1', '-H', 'h2=v2'],
    'k1:one\nk2:two\n',
  );
  const r = await cli(['consume', t, '-e', '-f', '%t %p %o %k=%v %h %K %S\\n', ...b]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, `${t} 0 0 k1=one h1=v1,h2=v2 2 3\n${t} 0 1 k2=two h1=v1,h2=v2 2 3\n`);
  assert.match(r.stderr, /consumed 2 records/);
  const withKey = await cli(['consume', t, '-e', '-K', '\\t', ...b]);
  assert.is(withKey.stdout, 'k1\tone\nk2\ttwo\n');
  const plain = await cli(['consume', t, '-e', ...b]);
  assert.is(plain.stdout, 'one\ntwo\n');
});

test('where to start and stop: -o N, -o -N, -o end, -o @TIME, --to-offset, -c, -p', async () => {
  const t = await topic(2);
  const first = Array.from({ length: 5 }, (_, i) => `a${i}`).join('\n');
  assert.is((await cli(['produce', t, '-p', '0', ...b], { input: `${first}\n` })).code, 0);
  await new Promise((r) => setTimeout(r, 20));
  const boundary = Date.now();
  await new Promise((r) => setTimeout(r, 20));
  assert.is((await cli(['produce', t, '-p', '0', ...b], { input: 'b0\nb1\n' })).code, 0);
  assert.is((await cli(['produce', t, '-p', '1', ...b], { input: 'c0\n' })).code, 0);
  const values = (rs: JsonRecord[]) => rs.map((r) => `${r.partition}:${r.value}`).sort();
  assert.equal(values(await consumeAll(t, ['-p', '0', '-o', '5'])), ['0:b0', '0:b1']);
  assert.equal(values(await consumeAll(t, ['-o', '-1'])), ['0:b1', '1:c0']);
  assert.equal(values(await consumeAll(t, ['-o', 'end'])), []);
  assert.equal(values(await consumeAll(t, ['-o', `@${new Date(boundary).toISOString()}`])), [
    '0:b0',
    '0:b1',
    '1:c0',
  ]);
  const to = await cli(['consume', t, '-p', '0', '--to-offset', '2', '--json', ...b]);
  assert.is(to.code, 0, to.stderr);
  assert.equal(
    to.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as JsonRecord).value),
    ['a0', 'a1'],
  );
  const counted = await cli(['consume', t, '-p', '0', '-c', '3', ...b]);
  assert.is(counted.stdout, 'a0\na1\na2\n');
  const missing = await cli(['consume', t, '-p', '7', '-e', ...b]);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /has no partition 7 \(it has 2\)/);
});

test('produce: -k for every record, -D delimiter, --json summary with records per partition', async () => {
  const t = await topic(2);
  const json = await cliJson<{ topic: string; records: number; partitions: Record<string, number> }>(
    ['produce', t, '-k', 'same', '-D', '|', ...b],
    { input: 'x|y|z' },
  );
  assert.is(json.records, 3);
  assert.is(Object.keys(json.partitions).length, 1, 'one key, one partition');
  const records = await consumeAll(t);
  assert.equal(
    records.map((r) => [r.key, r.value]),
    [
      ['same', 'x'],
      ['same', 'y'],
      ['same', 'z'],
    ],
  );
});

test('--max-record-bytes: a record of exactly the limit goes; one byte more stops with exit 1 after the earlier ones', async () => {
  const t = await topic(1);
  const at = await cli(['produce', t, '--max-record-bytes', '5', ...b], { input: '12345\nabc\n' });
  assert.is(at.code, 0, at.stderr);
  const over = await cli(['produce', t, '--max-record-bytes', '5', ...b], { input: 'ok\n123456\nlater\n' });
  assert.is(over.code, 1);
  assert.match(over.stderr, /record 2 is longer than --max-record-bytes \(5\); the 1 before it are sent/);
  const noDelimiter = await cli(['produce', t, '--max-record-bytes', '5', ...b], { input: '123456' });
  assert.is(noDelimiter.code, 1);
  assert.equal(
    (await consumeAll(t)).map((r) => r.value),
    ['12345', 'abc', 'ok'],
  );
});

test('consume without an end runs until SIGINT, then exits 0', async () => {
  const t = await topic(1);
  await cli(['produce', t, ...b], { input: 'first\n' });
  const child = spawnCli(['consume', t, ...b]);
  const done = collect(child);
  let seen = '';
  await new Promise<void>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('first\n')) resolve();
    });
  });
  await cli(['produce', t, ...b], { input: 'second\n' });
  const deadline = Date.now() + 10_000;
  while (!seen.includes('second\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGINT');
  const r = await done;
  assert.is(r.code, 0, r.stderr);
  assert.is(seen, 'first\nsecond\n');
});

test('a reader that goes away (| head) ends consume instead of leaving it blocked on a full pipe', async () => {
  const t = await topic(1);
  const input = `${Array.from({ length: 100_000 }, (_, i) => `record number ${i}`).join('\n')}\n`;
  assert.is((await cli(['produce', t, ...b], { input })).code, 0);
  const child = spawnCli(['consume', t, '-e', ...b]);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  child.stdout!.destroy();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  assert.is(code, 0, 'exited by itself');
});

test('unknown topics: exit 1 with the Kafka error, for produce and consume alike', async () => {
  const p = await cli(['produce', 'no-such-topic', ...b], { input: 'x\n' });
  assert.is(p.code, 1);
  assert.match(p.stderr, /^runnel: UNKNOWN_TOPIC_OR_PARTITION: describe topic no-such-topic/);
  const c = await cli(['consume', 'no-such-topic', '-e', ...b]);
  assert.is(c.code, 1);
  assert.match(c.stderr, /^runnel: UNKNOWN_TOPIC_OR_PARTITION: /);
});

test.run();
