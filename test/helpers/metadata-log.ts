// The metadata log in miniature for controller tests: decisions are committed through their frames and
// applied to the image as a broker applies them.
import {
  type ControllerResult,
  decodeMetadataRecord,
  encodeMetadataRecord,
  fenceBroker,
  MetadataImage,
  type MetadataRecord,
  registerBroker,
  unfenceBroker,
} from '../../dist/cluster/metadata/index.js';
import { uuidFromBytes } from '../../dist/protocol/uuid.js';

/** The metadata log in miniature: records get consecutive offsets and go through their frames. */
export class Log {
  image = MetadataImage.EMPTY;
  get nextOffset(): number {
    return this.image.offset + 1;
  }
  commit(result: ControllerResult): void {
    if (!result.ok) throw new Error(`controller refused: ${result.message}`);
    this.commitRecords(result.records);
  }
  commitRecords(records: readonly MetadataRecord[]): void {
    const decoded = records.map((r) => {
      const d = decodeMetadataRecord(encodeMetadataRecord(r));
      if (!d.ok) throw new Error(d.error);
      return d.value;
    });
    if (decoded.length > 0) this.image = this.image.apply(decoded, this.image.offset + decoded.length);
  }
}

export function cluster(racks: (string | null)[]): Log {
  const log = new Log();
  racks.forEach((rack, i) => {
    const id = i + 1;
    log.commit(
      registerBroker(
        log.image,
        {
          brokerId: id,
          incarnationId: uuidFromBytes(Buffer.alloc(16, id)),
          endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + id, securityProtocol: 0 }],
          rack,
          previousBrokerEpoch: -1,
        },
        log.nextOffset,
      ),
    );
  });
  for (const b of [...log.image.brokers.values()]) log.commit(unfenceBroker(log.image, b.id, b.epoch));
  return log;
}

/**
 * Broker `id` starts again with a new incarnation: after a clean shutdown it registers with its last broker
 * epoch, after an unclean one (a possible power loss) with -1. A registration still live is fenced first,
 * as the controller does when its session lapses (only then may the new process register). It stays fenced
 * until `unfence`.
 */
export function restart(log: Log, id: number, clean: boolean, incarnation: number): void {
  if (!log.image.brokers.get(id)!.fenced) log.commit(fenceBroker(log.image, id));
  const b = log.image.brokers.get(id)!;
  log.commit(
    registerBroker(
      log.image,
      {
        brokerId: id,
        incarnationId: uuidFromBytes(Buffer.alloc(16, incarnation)),
        endpoints: [...b.endpoints],
        rack: b.rack,
        previousBrokerEpoch: clean ? b.epoch : -1,
      },
      log.nextOffset,
    ),
  );
}

export function unfence(log: Log, id: number): void {
  log.commit(unfenceBroker(log.image, id, log.image.brokers.get(id)!.epoch));
}
