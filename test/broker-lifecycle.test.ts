// The CLI process: flags, --help, config errors (exit 2), meta.properties, SIGTERM (exit 0 and clean-shutdown
// markers), SIGKILL then restart (recovery keeps every acknowledged batch and offsets continue).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { startBroker, tempDataDir } from './helpers/broker.js';
import { fetchRequest, TestClient } from './helpers/broker-client.js';

const E = P.ErrorCode;
const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;
const CLEAN = '.runnel_cleanshutdown';

/** Creates `topic` with the broker's num.partitions the way clients do: a Metadata request that allows it. */
async function autoCreate(c: TestClient, topic: string, partitions: number): Promise<void> {
  const md = await c.request(
    P.MetadataApi,
    12,
    P.createMetadataRequest({
      topics: [P.createMetadataRequestMetadataRequestTopic({ name: topic })],
      allowAutoTopicCreation: true,
    }),
  );
  assert.is(md.topics[0]!.errorCode, E.NONE);
  assert.is(md.topics[0]!.partitions.length, partitions);
}

async function produceN(c: TestClient, topic: string, partitions: number, n: number): Promise<number[]> {
  const bases: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await c.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [
        {
          name: topic,
          partitionData: Array.from({ length: partitions }, (_, index) => ({
            index,
            records: encodeRecordBatch([
              { key: `k${i}`, value: `p${index}-v${i}` },
              { value: `p${index}-w${i}` },
            ]),
          })),
        },
      ],
    });
    for (const p of res.responses[0]!.partitionResponses) {
      assert.is(p.errorCode, E.NONE);
      if (p.index === 0) bases.push(p.baseOffset);
    }
  }
  return bases;
}

async function readAll(c: TestClient, topic: string, partition: number): Promise<string[]> {
  const res = await c.request(
    P.FetchApi,
    11,
    fetchRequest(topic, partition, 0, { maxBytes: 1 << 24, partitionMaxBytes: 1 << 24 }),
  );
  const p = res.responses[0]!.partitions[0]!;
  assert.is(p.errorCode, E.NONE);
  return decodeRecordBatches(p.records as Buffer).flatMap((b) =>
    b.records.map((r) => `${r.offset}:${r.value}`),
  );
}

test('--help prints the flags and exits 0; a bad flag exits 2 with a message on stderr', () => {
  const help = spawnSync(process.execPath, [NODE_JS, '--help'], { encoding: 'utf8' });
  assert.is(help.status, 0);
  assert.match(help.stdout, /--listen HOST:PORT/);
  const bad = spawnSync(process.execPath, [NODE_JS, '--num-partitions', 'zero'], { encoding: 'utf8' });
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--num-partitions/);
  assert.is(bad.stdout, '');
  const unknown = spawnSync(process.execPath, [NODE_JS, '--no-such-flag', '1'], { encoding: 'utf8' });
  assert.is(unknown.status, 2);
});

test('SIGTERM: exit 0, clean-shutdown markers; restart keeps cluster id and data; other node ids are refused', async () => {
  const b = await startBroker(['--num-partitions', '3']);
  const c = await TestClient.connect(b.port);
  await autoCreate(c, 'durable', 3);
  await produceN(c, 'durable', 3, 5);
  const before = await readAll(c, 'durable', 2);
  c.close();
  const meta = fs.readFileSync(path.join(b.dataDir, 'meta.properties'), 'utf8');
  assert.match(meta, /^cluster\.id=[A-Za-z0-9_-]{22}$/m);
  assert.match(meta, /^node\.id=1$/m);
  const started = Date.now();
  assert.is(await b.stop('SIGTERM'), 0);
  assert.ok(Date.now() - started < 5000);
  for (let p = 0; p < 3; p++)
    assert.ok(fs.existsSync(path.join(b.dataDir, `durable-${p}`, CLEAN)), `marker in durable-${p}`);

  const again = await b.restart();
  const c2 = await TestClient.connect(again.port);
  assert.equal(await readAll(c2, 'durable', 2), before);
  const md = await c2.request(P.MetadataApi, 12, P.createMetadataRequest({ topics: null }));
  assert.is(md.clusterId, /^cluster\.id=(.*)$/m.exec(meta)![1]);
  c2.close();
  assert.is(await again.stop('SIGINT'), 0);

  const other = spawnSync(
    process.execPath,
    [NODE_JS, '--listen', '127.0.0.1:0', '--data-dir', b.dataDir, '--node-id', '7'],
    {
      encoding: 'utf8',
      timeout: 10_000,
    },
  );
  assert.is(other.status, 1);
  assert.match(other.stderr, /node\.id 1/);
  await again.dispose();
});

test('SIGKILL then restart: every acknowledged batch survives and offsets continue', async () => {
  const dir = tempDataDir();
  const b = await startBroker(['--num-partitions', '2', '--fsync', 'always'], dir);
  const c = await TestClient.connect(b.port);
  await autoCreate(c, 'crashy', 2);
  const bases = await produceN(c, 'crashy', 2, 20);
  assert.equal(
    bases,
    Array.from({ length: 20 }, (_, i) => i * 2),
  );
  const before = [await readAll(c, 'crashy', 0), await readAll(c, 'crashy', 1)];
  c.close();
  assert.is(await b.stop('SIGKILL'), null);
  assert.not.ok(fs.existsSync(path.join(dir, 'crashy-0', CLEAN)));

  const again = await b.restart();
  const c2 = await TestClient.connect(again.port);
  assert.equal([await readAll(c2, 'crashy', 0), await readAll(c2, 'crashy', 1)], before);
  assert.equal(await produceN(c2, 'crashy', 2, 1), [40]);
  c2.close();
  assert.is(await again.stop(), 0);
  await again.dispose();
});

test.run();
