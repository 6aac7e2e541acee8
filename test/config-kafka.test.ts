// A Kafka broker's server.properties as --config: Kafka's names map onto Runnel's settings, known Kafka
// settings without effect here are collected for one warning, unknown keys stay errors; the CLI's flag
// errors name the valid values and tell an unknown flag from a missing value.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, parseArgs } from '../dist/config.js';
import { startBroker, tempDataDir } from './helpers/broker.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;

// The settings of Kafka's KRaft sample config (config/kraft/server.properties), comments dropped.
const KRAFT = `
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
inter.broker.listener.name=PLAINTEXT
advertised.listeners=PLAINTEXT://localhost:9092
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL
num.network.threads=3
num.io.threads=8
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
socket.request.max.bytes=104857600
log.dirs=/tmp/kraft-combined-logs
num.partitions=1
num.recovery.threads.per.data.dir=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
log.retention.hours=168
log.segment.bytes=1073741824
log.retention.check.interval.ms=300000
`;

// The ZooKeeper-era sample (config/server.properties) differs in these.
const ZOOKEEPER = `
broker.id=0
listeners=PLAINTEXT://127.0.0.1:9092
num.network.threads=3
log.dirs=/tmp/kafka-logs
log.retention.hours=168
zookeeper.connect=localhost:2181
zookeeper.connection.timeout.ms=18000
group.initial.rebalance.delay.ms=0
`;

function fromFile(text: string, ...flags: string[]) {
  const file = path.join(tempDataDir('runnel-config-'), 'server.properties');
  fs.writeFileSync(file, text);
  try {
    const r = parseArgs(['--config', file, ...flags]);
    if (r.kind !== 'run') throw new Error('expected a run config');
    return r;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

test("Kafka's KRaft sample server.properties is read: names mapped, the rest warned about once", () => {
  const { config: c, warnings } = fromFile(KRAFT);
  assert.is(c.nodeId, 1);
  // The CONTROLLER listener (controller.listener.names) is dropped: controllers use the inter-broker one.
  assert.equal(c.listeners, [{ name: 'PLAINTEXT', host: '0.0.0.0', port: 9092 }]);
  assert.equal(c.advertisedListeners, [{ name: 'PLAINTEXT', host: 'localhost', port: 9092 }]);
  assert.is(c.interBrokerListenerName, 'PLAINTEXT');
  assert.not.ok('CONTROLLER' in c.listenerSecurityProtocolMap);
  assert.is(c.dataDir, '/tmp/kraft-combined-logs');
  assert.is(c.threads, 8);
  assert.is(c.retentionMs, 168 * 3_600_000);
  assert.is(c.segmentBytes, 1_073_741_824);
  assert.is(warnings.length, 1);
  for (const key of [
    'process.roles',
    'controller.quorum.voters',
    'num.network.threads',
    'socket.send.buffer.bytes',
  ]) {
    assert.ok(warnings[0]!.includes(key), key);
  }
  assert.not.ok(warnings[0]!.includes('log.retention.hours'));
});

test('the ZooKeeper-era sample: broker.id is the node id; flags still win over the file', () => {
  const { config: c, warnings } = fromFile(ZOOKEEPER, '--node-id', '7');
  assert.is(c.nodeId, 7);
  assert.equal(fromFile(ZOOKEEPER).config.nodeId, 0);
  assert.equal(c.listeners, [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }]);
  assert.is(c.groupInitialRebalanceDelayMs, 0);
  assert.match(warnings[0]!, /zookeeper\.connect, zookeeper\.connection\.timeout\.ms/);
});

test('finer units win whatever the order; -1 stays -1; several log dirs or an SSL listener without a certificate are errors', () => {
  assert.is(fromFile('log.retention.ms=5000\nlog.retention.hours=1\n').config.retentionMs, 5000);
  assert.is(fromFile('log.retention.hours=1\nlog.retention.minutes=2\n').config.retentionMs, 120_000);
  assert.is(fromFile('log.retention.hours=-1\n').config.retentionMs, -1);
  assert.is(fromFile('log.roll.hours=2\n').config.segmentMs, 7_200_000);
  assert.is(fromFile('log.flush.interval.ms=250\n').config.fsync, 250);
  assert.throws(() => fromFile('log.dirs=/a,/b\n'), /one data directory/);
  assert.throws(() => fromFile('listeners=SSL://:9093\n'), /ssl\.certificate\.location/);
  assert.throws(() => fromFile('ssl.keystore.type=JKS\n'), /PEM files only/);
  assert.throws(
    () => fromFile('num.network.thread=3\n'),
    (e: unknown) => e instanceof ConfigError && /unknown property num\.network\.thread/.test(e.message),
  );
});

test('flag errors: valid values listed, unknown flag vs missing value, --version', () => {
  const msg = (argv: string[]) => {
    try {
      parseArgs(argv);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  assert.match(msg(['--fsync', 'sometimes']), /always, never or a number of ms/);
  assert.match(msg(['--log-level', 'loud']), /error, warn, info or debug/);
  assert.match(msg(['--auto-create-topics', 'yes']), /true or false/);
  assert.match(msg(['--no-such-flag']), /unknown flag --no-such-flag/);
  assert.match(msg(['--no-such-flag', '1']), /unknown flag --no-such-flag/);
  assert.match(msg(['--data-dir']), /--data-dir needs a value \(DIR\)/);
  assert.match(msg(['stray']), /unexpected argument 'stray'/);
  assert.equal(parseArgs(['--version']), { kind: 'version' });
});

test('the CLI with a Kafka config: one warning line, then the startup line with version, ids, listener, dir, fsync, threads', async () => {
  const dir = tempDataDir('runnel-config-');
  const file = path.join(dir, 'server.properties');
  fs.writeFileSync(file, `${KRAFT}\nnum.io.threads=0\nlog.flush.interval.ms=100\n`);
  const b = await startBroker(['--config', file]);
  try {
    const err = b.stderr();
    assert.is(err.match(/Kafka settings without effect/g)?.length, 1, err);
    const version = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
    assert.match(
      err,
      new RegExp(
        `Runnel ${version.replaceAll('.', '\\.')} node 1 of cluster [\\w-]{22} listening on 127\\.0\\.0\\.1:${b.port} ` +
          `\\(advertised localhost:9092\\), data in ${b.dataDir}, fsync every 100 ms, logs on the main thread`,
      ),
    );
    const bad = spawnSync(process.execPath, [NODE_JS, '--fsync', 'sometimes'], { encoding: 'utf8' });
    assert.is(bad.status, 2);
    assert.match(bad.stderr, /--fsync: expected always, never or a number of ms/);
  } finally {
    await b.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
