// Metadata snapshots: an image written as records and applied to the empty image is the same image, for
// images built by random runs of the controller's own operations (SNAPSHOT_SEEDS=N runs more).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allocateProducerIds,
  type ControllerResult,
  createPartitions,
  createTopic,
  decodeMetadataRecord,
  deleteTopic,
  encodeMetadataRecord,
  fenceBroker,
  imageFromSnapshot,
  imageToSnapshot,
  MetadataImage,
  type MetadataRecord,
  MetadataRecordType,
  registerBroker,
  unfenceBroker,
} from '../dist/cluster/metadata/index.js';
import { createFeatureLevelRecord } from '../dist/protocol/generated/metadata/index.js';
import { uuidFromBytes } from '../dist/protocol/uuid.js';
import { randomInt, SeededRandom } from '../dist/random.js';

/** Through the frame and back, as the log and the snapshot file hold records. */
const framed = (records: readonly MetadataRecord[]) =>
  records.map((r) => {
    const d = decodeMetadataRecord(encodeMetadataRecord(r));
    if (!d.ok) throw new Error(d.error);
    return d.value;
  });

function commit(image: MetadataImage, result: ControllerResult): MetadataImage {
  if (!result.ok || result.records.length === 0) return image;
  return image.apply(framed(result.records), image.offset + result.records.length);
}

function roundTrip(image: MetadataImage): MetadataImage {
  return imageFromSnapshot(framed(imageToSnapshot(image)), image.offset);
}

/** A random history of registrations, fencing, topics, partitions, configs and producer ids. */
function randomImage(seed: number, steps: number): MetadataImage[] {
  const random = new SeededRandom(seed);
  let image = MetadataImage.EMPTY;
  const seen: MetadataImage[] = [];
  let topics = 0;
  for (let i = 0; i < steps; i++) {
    const r = random.next();
    const brokers = [...image.brokers.values()];
    const names = [...image.topics.keys()];
    const pick = <T>(xs: T[]) => xs[randomInt(random, xs.length)]!;
    if (r < 0.2 || brokers.length === 0) {
      const id = 1 + randomInt(random, 6);
      const rack = random.next() < 0.5 ? null : `rack-${randomInt(random, 3)}`;
      const endpoints = [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + id, securityProtocol: 0 }];
      const incarnationId = uuidFromBytes(Buffer.alloc(16, 1 + randomInt(random, 250)));
      image = commit(
        image,
        registerBroker(
          image,
          { brokerId: id, incarnationId, endpoints, rack, previousBrokerEpoch: -1 },
          image.offset + 1,
          true,
        ),
      );
    } else if (r < 0.4) {
      const b = pick(brokers);
      image = commit(image, unfenceBroker(image, b.id, b.epoch));
    } else if (r < 0.5) {
      image = commit(image, fenceBroker(image, pick(brokers).id));
    } else if (r < 0.65) {
      const configs: Record<string, string> = random.next() < 0.5 ? {} : { 'retention.ms': `${i}` };
      image = commit(
        image,
        createTopic(image, {
          name: `t${topics++}`,
          partitions: 1 + randomInt(random, 4),
          replicationFactor: 1 + randomInt(random, 3),
          configs,
        }),
      );
    } else if (r < 0.75 && names.length > 0) {
      const name = pick(names);
      image = commit(image, createPartitions(image, name, image.topics.get(name)!.partitions.size + 1));
    } else if (r < 0.82 && names.length > 0) {
      image = commit(image, deleteTopic(image, pick(names)));
    } else if (r < 0.9) {
      const b = pick(brokers);
      image = commit(image, allocateProducerIds(image, b.id, b.epoch));
    } else if (r < 0.95) {
      const records: MetadataRecord[] = [
        {
          type: MetadataRecordType.FeatureLevelRecord,
          version: 0,
          record: createFeatureLevelRecord({
            name: `f${randomInt(random, 3)}`,
            featureLevel: randomInt(random, 3),
          }),
        },
      ];
      image = commit(image, { ok: true, records } as ControllerResult);
    } else {
      const records: MetadataRecord[] = [
        {
          type: MetadataRecordType.ConfigRecord,
          version: 0,
          record: {
            resourceType: 4,
            resourceName: random.next() < 0.5 ? '' : `${pick(brokers).id}`,
            name: `k${randomInt(random, 3)}`,
            value: random.next() < 0.3 ? null : `v${i}`,
          },
        },
      ];
      image = commit(image, { ok: true, records } as ControllerResult);
    }
    seen.push(image);
  }
  return seen;
}

test('the empty image snapshots to nothing and back', () => {
  assert.equal(imageToSnapshot(MetadataImage.EMPTY), []);
  assert.equal(imageFromSnapshot([], -1), MetadataImage.EMPTY);
});

test('property: every image of random controller histories survives its snapshot unchanged', () => {
  const count = Number(process.env.SNAPSHOT_SEEDS ?? 20);
  let checked = 0;
  let brokers = 0;
  let partitions = 0;
  for (let seed = 1; seed <= count; seed++) {
    for (const image of randomImage(seed, 60)) {
      assert.equal(roundTrip(image), image, `seed ${seed} at offset ${image.offset}`);
      checked++;
      brokers += image.brokers.size;
      for (const t of image.topics.values()) partitions += t.partitions.size;
    }
  }
  // The histories must reach the interesting parts, or the property says little.
  assert.ok(checked >= count * 60 && brokers > checked && partitions > checked, `${brokers} ${partitions}`);
});

test('an image loaded from a snapshot goes on like the original: broker epochs, producer ids', () => {
  const history = randomImage(99, 80);
  const image = history[history.length - 1]!;
  const loaded = roundTrip(image);
  const b = [...image.brokers.values()][0]!;
  assert.ok(b.epoch !== undefined);
  const next = commit(image, allocateProducerIds(image, b.id, b.epoch));
  const nextLoaded = commit(loaded, allocateProducerIds(loaded, b.id, b.epoch));
  assert.equal(nextLoaded, next, 'the same decision on both');
  assert.ok(next.nextProducerId > 0);
});

test('snapshot records are refused like log records when they contradict each other', () => {
  const image = randomImage(5, 40).at(-1)!;
  const records = framed(imageToSnapshot(image));
  const topic = records.find((r) => r.type === MetadataRecordType.TopicRecord);
  assert.ok(topic !== undefined);
  assert.throws(() => imageFromSnapshot([...records, topic!], image.offset), /exists already/);
});

test.run();
