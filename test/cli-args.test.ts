// The admin CLI without a broker: dispatch from node.ts (and the broker's own --help and --version still
// there), --help of every group and command, bad command lines (exit 2 with one line on stderr, before
// anything is sent: each case names an unreachable broker, so reaching it would exit 1), an unreachable
// cluster (exit 1 with the Kafka error name), and the consume formats.
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileFormat, recordJson } from '../dist/cli/format.js';
import { CLI_GROUPS, runCli } from '../dist/cli/index.js';
import type { ConsumerRecord } from '../dist/client/index.js';
import { cli } from './helpers/cli.js';

const DEAD = ['-b', '127.0.0.1:1'];

/** runCli in this process, with what it writes to stdout and stderr captured. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

test("node.ts dispatches exactly the CLI's groups", () => {
  const source = readFileSync(new URL('../src/node.ts', import.meta.url), 'utf8');
  const m = /const CLI_COMMANDS = new Set\(\[([^\]]*)\]\)/.exec(source);
  assert.ok(m, 'CLI_COMMANDS found in src/node.ts');
  const listed = [...m![1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]);
  assert.equal(listed.sort(), [...CLI_GROUPS].sort());
});

test('runnel --help: the broker flags, then the admin commands; --version unchanged', async () => {
  const help = await cli(['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /Usage: node dist\/node.js \[flags\]/);
  assert.match(help.stdout, /--data-dir DIR/);
  for (const g of CLI_GROUPS) assert.match(help.stdout, new RegExp(`^  ${g} `, 'm'));
  const version = await cli(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^runnel \d+\.\d+\.\d+\n$/);
  // A broker flag is still a broker flag (and a bad one still exits 2 the broker's way).
  const bad = await cli(['--no-such-flag']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /unknown flag --no-such-flag/);
});

test('--help of every group and command: usage on stdout, exit 0', async () => {
  const commands: Record<string, string[]> = {
    topic: ['create', 'delete', 'list', 'describe', 'alter-config', 'add-partitions'],
    group: ['list', 'describe', 'reset-offsets', 'delete'],
    cluster: [
      'info',
      'health',
      'reassignments',
      'rebalance',
      'decommission',
      'unregister',
      'quorum',
      'add-voter',
      'remove-voter',
    ],
  };
  for (const [group, subs] of Object.entries(commands)) {
    const g = await cli([group, '--help']);
    assert.is(g.code, 0, g.stderr);
    for (const s of subs) assert.match(g.stdout, new RegExp(`^  ${s} `, 'm'));
    for (const s of subs) {
      const r = await inProcess([group, s, '-h']);
      assert.is(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: runnel ${group} ${s}`));
      assert.match(r.stdout, /--bootstrap-server HOST:PORT/);
      assert.match(r.stdout, /--json/);
    }
  }
  for (const single of ['produce', 'consume']) {
    const r = await cli([single, '--help']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: runnel ${single} TOPIC`));
  }
  const consume = await cli(['consume', '--help']);
  assert.match(consume.stdout, /%k key, %v value/);
});

test('bad command lines: exit 2, one line naming the problem, nothing sent', async () => {
  const cases: [string[], RegExp][] = [
    [['topic'], /^runnel topic: missing command \(create, delete/],
    [['topic', 'frobnicate'], /unknown command 'frobnicate'/],
    [['topic', 'create'], /missing argument: runnel topic create TOPIC/],
    [['topic', 'create', 'x', '--partitions', '0'], /--partitions must be between 1 and/],
    [['topic', 'create', 'x', '-p', 'many'], /--partitions must be an integer, not 'many'/],
    [['topic', 'create', 'x', '--bogus'], /unknown option --bogus/],
    [['topic', 'create', 'x', '-p'], /-p needs a value \(N\)/],
    [['topic', 'create', 'x', '-p', '1', '-p', '2'], /-p given more than once/],
    [['topic', 'create', 'x', '-c', 'novalue'], /--config must be NAME=VALUE/],
    [['topic', 'list', 'extra'], /unexpected argument 'extra'/],
    [['topic', 'list', '--internal=yes'], /--internal takes no value/],
    [['topic', 'alter-config', 't'], /nothing to change: give --set or --delete/],
    [['topic', 'alter-config', 't', '-s', 'a=1', '-d', 'a'], /a is both set and deleted/],
    [['topic', 'add-partitions', 't'], /--num N is required/],
    [['group', 'reset-offsets', 'g', '--topic', 't'], /give exactly one of --to-earliest/],
    [['group', 'reset-offsets', 'g', '--to-latest'], /give --topic \(one or more\) or --all-topics/],
    [['group', 'reset-offsets', 'g', '--to-earliest', '--to-latest'], /give exactly one of/],
    [['group', 'reset-offsets', 'g', '--to-datetime', 'yesterday'], /--to-datetime must be an ISO 8601/],
    [['group', 'reset-offsets', 'g', '--to-offset', '-3'], /--to-offset must be between 0/],
    [['group', 'reset-offsets', 'g', '--to-latest', '--execute', '--dry-run'], /exclude each other/],
    [['cluster', 'decommission', 'x'], /BROKER-ID must be an integer/],
    [['cluster', 'decommission'], /missing argument/],
    [['cluster', 'add-voter'], /missing argument: runnel cluster add-voter BROKER-ID/],
    [['cluster', 'add-voter', 'four'], /BROKER-ID must be an integer/],
    [['cluster', 'remove-voter', '-1'], /BROKER-ID must be/],
    [['cluster', 'remove-voter', '1', '2'], /unexpected argument '2'/],
    [['cluster', 'quorum', 'x'], /unexpected argument 'x'/],
    [['cluster', 'remove-voter', '1', '--directory-id'], /--directory-id needs a value/],
    [
      ['cluster', 'remove-voter', '1', '--directory-id', 'nope'],
      /--directory-id must be a UUID in base64url/,
    ],
    [['cluster', 'add-voter', '4', '--directory-id', 'x'.repeat(23)], /--directory-id must be a UUID/],
    [['cluster', 'rebalance', '--wait-timeout-ms', '0'], /--wait-timeout-ms must be between 1/],
    [['produce', 't', '--acks', '2'], /--acks must be 0, 1 or all/],
    [['produce', 't', '-z', 'brotli'], /--compression must be one of none, gzip/],
    [['produce', 't', '-k', 'a', '-K', ':'], /--key and --key-delimiter exclude each other/],
    [['produce', 't', '-D', '\\q'], /--delimiter: unknown escape \\q/],
    [['produce', 't', '--max-record-bytes', '0'], /--max-record-bytes must be between 1/],
    [['consume', 't', '-f', '%q'], /--format: unknown token %q/],
    [['consume', 't', '-o', 'sideways'], /--offset must be an integer, not 'sideways'/],
    [['consume', 't', '-o', '@noon'], /--offset @TIME must be an ISO 8601/],
    [['consume', 't', '-c', '0'], /--count must be between 1/],
    [['consume', 't', '-g', 'g', '-o', '5'], /with --group, --offset is beginning or end/],
    [['consume', 't', '-g', 'g', '-p', '0'], /--group takes whole topics/],
    [['topic', 'list', '--timeout-ms', '0'], /--timeout-ms must be between 1/],
  ];
  const check = (
    args: string[],
    message: RegExp,
    r: { code: number | null; stdout: string; stderr: string },
  ) => {
    assert.is(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
    assert.is(r.stdout, '', args.join(' '));
    assert.is(r.stderr.split('\n').length, 2, `one line for ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  };
  const withDead = (args: string[]) =>
    args.length === 1 ? args : [...args.slice(0, 2), ...DEAD, ...args.slice(2)];
  // In this process (runCli as node.ts calls it), since each process start costs a quarter second...
  for (const [args, message] of cases) check(args, message, await inProcess(withDead(args)));
  // ... and a few as real processes, through node.ts.
  for (const i of [0, 3, 14, 28]) {
    const [args, message] = cases[i]!;
    check(args, message, await cli(withDead(args)));
  }
  // The bootstrap list itself, from the flag or the environment.
  const flag = await cli(['topic', 'list', '-b', 'nohost']);
  assert.is(flag.code, 2);
  assert.match(flag.stderr, /--bootstrap-server: 'nohost' is not HOST:PORT/);
});

test('an unreachable cluster: exit 1 and the Kafka error name; RUNNEL_BOOTSTRAP is the default', async () => {
  const r = await cli(['topic', 'list', ...DEAD]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /^runnel: NETWORK_EXCEPTION: 127\.0\.0\.1:1: /);
  const env = await cli(['cluster', 'info'], { env: { RUNNEL_BOOTSTRAP: '127.0.0.1:2' } });
  assert.is(env.code, 1);
  assert.match(env.stderr, /NETWORK_EXCEPTION: 127\.0\.0\.1:2/);
});

test('consume formats: kcat tokens and escapes, raw bytes; JSON lines', () => {
  const record: ConsumerRecord = {
    topic: 't',
    partition: 2,
    offset: 41,
    timestamp: 1700000000000,
    key: Buffer.from('k1'),
    value: Buffer.from([0xff, 0x00, 0x41]),
    headers: [
      { key: 'a', value: Buffer.from('1') },
      { key: 'b', value: null },
    ],
  };
  const render = (fmt: string, r = record) => {
    const out: (Buffer | string)[] = [];
    compileFormat(fmt)(r, out);
    return Buffer.concat(out.map((x) => (typeof x === 'string' ? Buffer.from(x) : x)));
  };
  assert.equal(
    render('%t/%p@%o %T %k=%v [%h] %K %S 100%%\\n'),
    Buffer.concat([
      Buffer.from('t/2@41 1700000000000 k1='),
      Buffer.from([0xff, 0x00, 0x41]),
      Buffer.from(' [a=1,b=] 2 3 100%\n'),
    ]),
  );
  const nulls: ConsumerRecord = { ...record, key: null, value: null, headers: [] };
  assert.is(render('%k|%v|%K|%S|%h\\t', nulls).toString(), '||-1|-1|\t');
  assert.equal(JSON.parse(recordJson(nulls)), {
    topic: 't',
    partition: 2,
    offset: 41,
    timestamp: 1700000000000,
    key: null,
    value: null,
    headers: [],
  });
});

test.run();
