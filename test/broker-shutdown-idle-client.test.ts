// SIGTERM while a client stays connected and idle: the broker must still finish its shutdown (close the
// logs, write the clean-shutdown markers, log "stopped") rather than let the process end while it waits for
// that client's socket to close.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { startBroker } from './helpers/broker.js';
import { createTopicRequest, TestClient } from './helpers/broker-client.js';

test('SIGTERM with an idle client connected: logs closed cleanly, exit 0', async () => {
  const b = await startBroker(['--num-partitions', '2']);
  const c = await TestClient.connect(b.port);
  try {
    const created = await c.request(P.CreateTopicsApi, 5, createTopicRequest('idle', { partitions: 2 }));
    assert.is(created.topics[0]!.errorCode, P.ErrorCode.NONE);
    const res = await c.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [
        {
          name: 'idle',
          partitionData: [0, 1].map((index) => ({ index, records: encodeRecordBatch([{ value: 'v' }]) })),
        },
      ],
    });
    for (const p of res.responses[0]!.partitionResponses) assert.is(p.errorCode, P.ErrorCode.NONE);
    // The client neither sends nor closes from here on.
    const started = Date.now();
    assert.is(await b.stop('SIGTERM'), 0);
    assert.ok(Date.now() - started < 5000, 'within shutdown.timeout.ms');
    assert.match(b.stderr(), /stopped/);
    for (const p of [0, 1]) {
      assert.ok(fs.existsSync(path.join(b.dataDir, `idle-${p}`, '.runnel_cleanshutdown')), `idle-${p}`);
    }
  } finally {
    c.close();
    await b.dispose();
  }
});

test.run();
