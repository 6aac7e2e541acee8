// Consumer lag's remote high watermarks at their limit, against a real in-process broker: at most
// maxPartitions partitions are asked per scrape (a partition named twice counts once, one without a leader
// not at all).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RemoteHighWatermarks } from '../dist/broker/metrics/remote-high-watermarks.js';
import { Broker } from '../dist/index.js';
import * as P from '../dist/protocol/index.js';
import { encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { createTopicRequest, TestClient } from './helpers/broker-client.js';

let broker: Broker;
let client: TestClient;

test.before(async () => {
  broker = await Broker.start({ config: { threads: 0 } });
  client = await TestClient.connect(Number(broker.bootstrap.split(':')[1]));
  const r = await client.request(P.CreateTopicsApi, 7, createTopicRequest('lag', { partitions: 3 }));
  assert.is(r.topics[0]!.errorCode, P.ErrorCode.NONE);
  for (let p = 0; p < 3; p++) {
    const res = await client.request(P.ProduceApi, 9, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 5000,
      topicData: [
        {
          name: 'lag',
          partitionData: [
            { index: p, records: encodeRecordBatch(Array.from({ length: p + 1 }, () => ({ value: 'v' }))) },
          ],
        },
      ],
    });
    assert.is(res.responses[0]!.partitionResponses[0]!.errorCode, P.ErrorCode.NONE);
  }
});

test.after(async () => {
  client.close();
  await broker.stop();
});

const ALL = [0, 1, 2].map((partition) => ({ topic: 'lag', partition }));

test('at most maxPartitions partitions are asked per scrape; a repeat counts once', async () => {
  const limited = new RemoteHighWatermarks({
    timeoutMs: 5000,
    maxPartitions: 2,
    resolve: (id) => broker.interBrokerAddress(id),
  });
  const atTwo = await limited.fetch(broker.cluster.image, [ALL[0]!, ALL[0]!, ...ALL]);
  assert.equal([...atTwo].sort(), [
    ['lag\u00000', 1],
    ['lag\u00001', 2],
  ]);
  limited.close();
  const enough = new RemoteHighWatermarks({
    timeoutMs: 5000,
    maxPartitions: 3,
    resolve: (id) => broker.interBrokerAddress(id),
  });
  assert.is((await enough.fetch(broker.cluster.image, ALL)).get('lag\u00002'), 3);
  // Unknown partitions have no leader: skipped, not counted against the limit.
  const unknown = await enough.fetch(broker.cluster.image, [{ topic: 'nope', partition: 0 }, ...ALL]);
  assert.is(unknown.size, 3);
  enough.close();
});

test.run();
