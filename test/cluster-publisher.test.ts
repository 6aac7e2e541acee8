// Metadata reaches the broker only once caught up, then in order; waiters see the change they wait for or
// time out; producer id blocks from the controller are used up in order and never reused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../dist/clock.js';
import {
  type ControllerResult,
  createTopic,
  MetadataImage,
  registerBroker,
  unfenceBroker,
} from '../dist/cluster/metadata/index.js';
import { MetadataPublisher } from '../dist/cluster/metadata/publisher.js';
import { ProducerIdBlocks } from '../dist/cluster/producer-id-blocks.js';
import { ErrorCode } from '../dist/protocol/errors.js';
import { randomUuid } from '../dist/protocol/uuid.js';

function commit(image: MetadataImage, r: ControllerResult): MetadataImage {
  if (!r.ok) throw new Error(r.message);
  return image.apply(r.records, image.offset + r.records.length);
}

/** One live broker, then topics t0..t(n-1). */
function imageWith(n: number): MetadataImage {
  let image = commit(
    MetadataImage.EMPTY,
    registerBroker(
      MetadataImage.EMPTY,
      { brokerId: 1, incarnationId: randomUuid(), endpoints: [], rack: null, previousBrokerEpoch: -1 },
      0,
    ),
  );
  image = commit(image, unfenceBroker(image, 1, 0));
  for (let i = 0; i < n; i++) {
    image = commit(image, createTopic(image, { name: `t${i}`, partitions: 1, replicationFactor: 1 }));
  }
  return image;
}

test('nothing is published before the applied offset reaches the high watermark; then every image, in order', () => {
  const clock = new ManualClock();
  const seen: number[] = [];
  const p = new MetadataPublisher(clock, (img) => seen.push(img.offset));
  const images = [1, 2, 3, 4].map(imageWith);
  const hw = images[3]!.offset + 1;
  p.update(images[0]!, hw);
  p.update(images[1]!, hw);
  assert.equal(seen, []);
  assert.is(p.caughtUp, false);
  assert.is(p.published, null);
  p.update(images[3]!, hw);
  assert.is(p.caughtUp, true);
  assert.equal(seen, [images[3]!.offset]);
  // The same image again is not news.
  p.update(images[3]!, hw);
  assert.equal(seen.length, 1);
});

test('waitFor resolves when a published image satisfies it, at once if the current one does, else false on time', async () => {
  const clock = new ManualClock();
  const p = new MetadataPublisher(clock, () => {});
  const has = (name: string) => (img: MetadataImage) => img.topics.has(name);
  const a = p.waitFor(has('t1'), 1000);
  const never = p.waitFor(has('nope'), 500);
  p.update(imageWith(1), 1);
  p.update(imageWith(2), 2);
  assert.is(await a, true);
  assert.is(await p.waitFor(has('t0'), 10), true);
  clock.advance(500);
  assert.is(await never, false);
  const closed = p.waitFor(has('nope'), 10_000);
  p.close();
  assert.is(await closed, false);
});

test('producer ids come from controller blocks in order; one block request at a time; errors pass through', async () => {
  const asked: number[] = [];
  let next = 0;
  let fail = false;
  const blocks = new ProducerIdBlocks(async () => {
    asked.push(next);
    if (fail) return { errorCode: ErrorCode.NOT_CONTROLLER, start: -1, length: 0 };
    const block = { errorCode: ErrorCode.NONE, start: next, length: 3 };
    next += 1000;
    return block;
  });
  const ids = await Promise.all([1, 2, 3, 4, 5].map(() => blocks.allocate()));
  assert.equal(
    ids.map((r) => r.producerId),
    [0, 1, 2, 1000, 1001],
  );
  assert.equal(asked, [0, 1000]);
  assert.is((await blocks.allocate()).producerId, 1002);
  fail = true;
  const refused = await blocks.allocate();
  assert.equal(refused, { errorCode: ErrorCode.NOT_CONTROLLER, producerId: -1 });
});

test('a block that goes backwards is refused rather than repeat ids', async () => {
  const starts = [100, 50];
  const blocks = new ProducerIdBlocks(async () => ({ errorCode: 0, start: starts.shift()!, length: 1 }));
  assert.is((await blocks.allocate()).producerId, 100);
  assert.is((await blocks.allocate()).errorCode, ErrorCode.UNKNOWN_SERVER_ERROR);
});

test.run();
