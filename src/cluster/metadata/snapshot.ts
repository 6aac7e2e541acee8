// The metadata image written as records, KRaft's snapshot: what a replica needs instead of the log before
// it. Applying the records to the empty image (imageFromSnapshot) gives an image equal to the one written,
// at the snapshot's offset. The order is the one a log would need: features, brokers, topics with their
// partitions, configs, SCRAM credentials, ACLs, producer ids. Each record in the newest version that carries every field the image
// keeps (PartitionRecord v2 for the ELR fields).
import {
  createFeatureLevelRecord,
  createPartitionRecord,
  createProducerIdsRecord,
  createRegisterBrokerRecord,
  MetadataRecordType as T,
} from '../../protocol/generated/metadata/index.js';
import { ALL_ACLS } from './acls.js';
import { MetadataImage } from './image.js';
import type { MetadataRecord } from './records.js';

const byKey = <K extends string | number>(a: [K, unknown], b: [K, unknown]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

export function imageToSnapshot(image: MetadataImage): MetadataRecord[] {
  const out: MetadataRecord[] = [];
  for (const [name, featureLevel] of [...image.features].sort(byKey)) {
    out.push({
      type: T.FeatureLevelRecord,
      version: 0,
      record: createFeatureLevelRecord({ name, featureLevel }),
    });
  }
  for (const [, b] of [...image.brokers].sort(byKey)) {
    out.push({
      type: T.RegisterBrokerRecord,
      version: 3,
      record: createRegisterBrokerRecord({
        brokerId: b.id,
        incarnationId: b.incarnationId,
        brokerEpoch: b.epoch,
        endPoints: b.endpoints.map((e) => ({ ...e })),
        rack: b.rack,
        fenced: b.fenced,
        inControlledShutdown: b.inControlledShutdown,
      }),
    });
  }
  for (const [, topic] of [...image.topics].sort(byKey)) {
    out.push({ type: T.TopicRecord, version: 0, record: { name: topic.name, topicId: topic.id } });
    for (const [partitionId, p] of [...topic.partitions].sort(byKey)) {
      out.push({
        type: T.PartitionRecord,
        version: 2,
        record: createPartitionRecord({
          partitionId,
          topicId: topic.id,
          replicas: [...p.replicas],
          isr: [...p.isr],
          removingReplicas: [...p.removingReplicas],
          addingReplicas: [...p.addingReplicas],
          leader: p.leader,
          leaderRecoveryState: p.leaderRecoveryState,
          leaderEpoch: p.leaderEpoch,
          partitionEpoch: p.partitionEpoch,
          eligibleLeaderReplicas: [...p.eligibleLeaderReplicas],
          lastKnownElr: [...p.lastKnownElr],
        }),
      });
    }
  }
  for (const [key, entries] of [...image.configs].sort(byKey)) {
    const colon = key.indexOf(':');
    const resourceType = Number(key.slice(0, colon));
    const resourceName = key.slice(colon + 1);
    for (const [name, value] of [...entries].sort(byKey)) {
      out.push({ type: T.ConfigRecord, version: 0, record: { resourceType, resourceName, name, value } });
    }
  }
  for (const [name, byMechanism] of [...image.scramCredentials].sort(byKey)) {
    for (const [mechanism, c] of [...byMechanism].sort(byKey)) {
      out.push({
        type: T.UserScramCredentialRecord,
        version: 0,
        record: {
          name,
          mechanism,
          salt: c.salt,
          storedKey: c.storedKey,
          serverKey: c.serverKey,
          iterations: c.iterations,
        },
      });
    }
  }
  for (const acl of image.acls.matching(ALL_ACLS)) {
    out.push({ type: T.AccessControlEntryRecord, version: 0, record: { ...acl } });
  }
  if (image.nextProducerId > 0) {
    out.push({
      type: T.ProducerIdsRecord,
      version: 0,
      // Which broker took the last block is not kept in the image, nor needed to go on from it.
      record: createProducerIdsRecord({
        brokerId: -1,
        brokerEpoch: -1,
        nextProducerId: image.nextProducerId,
      }),
    });
  }
  return out;
}

/** The image a snapshot holds, at `offset` (the snapshot's end offset - 1). Throws MetadataImageError. */
export function imageFromSnapshot(records: readonly MetadataRecord[], offset: number): MetadataImage {
  return MetadataImage.EMPTY.apply(records, offset, true);
}
