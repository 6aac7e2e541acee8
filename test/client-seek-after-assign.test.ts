// A seek by time (seekToEnd, seekToBeginning, seekToTimestamp) right after assign() must win over the
// offset reset that assign() starts for partitions without a position: found by `runnel consume -o end`,
// which printed every record because the reset (earliest) answered after the seek and overwrote it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { startTestBroker, type TestBroker, uniqueTopic } from './helpers/client-broker.js';

let broker: TestBroker;
let client: Client;

test.before(async () => {
  broker = await startTestBroker();
  client = new Client({ brokers: [broker.address] });
});

test.after(async () => {
  await client.close();
  await broker.destroy();
});

test('seekToEnd right after assign: the position stays at the end and no old record arrives', async () => {
  const topic = uniqueTopic('seek');
  await client.admin().createTopics([{ topic, numPartitions: 2 }]);
  const producer = client.producer();
  await producer.send(topic, [
    { value: 'a', partition: 0 },
    { value: 'b', partition: 0 },
    { value: 'c', partition: 0 },
  ]);
  await producer.close();
  const tps = [
    { topic, partition: 0 },
    { topic, partition: 1 },
  ];
  for (let round = 0; round < 5; round++) {
    const consumer = client.consumer({ autoOffsetReset: 'earliest', maxWaitMs: 50 });
    consumer.assign(tps);
    await consumer.seekToEnd();
    assert.equal(
      tps.map((tp) => consumer.position(tp)),
      [3, 0],
    );
    const batch = await Promise.race([
      consumer.nextBatch(),
      new Promise<null>((r) => setTimeout(() => r(null), 300)),
    ]);
    assert.is(batch, null, `no record before the end (round ${round})`);
    assert.equal(
      tps.map((tp) => consumer.position(tp)),
      [3, 0],
    );
    await consumer.close();
  }
});

test.run();
