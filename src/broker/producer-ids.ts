// Producer ids for idempotent producers (InitProducerId). Ids are handed out from blocks whose end is
// persisted before the first id of a block is used, so no id is ever given twice, even after a crash; the
// unused rest of a block is skipped on restart, as Kafka's ProducerIdManager does.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../storage/checkpoint-file.js';

export const PRODUCER_ID_FILE = 'producer-id-block';
export const DEFAULT_PRODUCER_ID_BLOCK = 1000;
/** Kafka's producer epochs are int16; at the top a producer gets a fresh id instead of a bump. */
export const MAX_PRODUCER_EPOCH = 32767;

export interface ProducerIdAndEpoch {
  producerId: number;
  producerEpoch: number;
}

export class ProducerIdManager {
  readonly #file: string;
  #next: number;
  #blockEnd: number;

  readonly #blockSize: number;

  constructor(dataDir: string, blockSize = DEFAULT_PRODUCER_ID_BLOCK) {
    this.#blockSize = blockSize;
    this.#file = join(dataDir, PRODUCER_ID_FILE);
    let start = 0;
    if (existsSync(this.#file)) {
      const text = readFileSync(this.#file, 'utf8').trim();
      if (!/^\d+$/.test(text)) throw new Error(`${this.#file} is damaged: '${text.slice(0, 40)}'`);
      start = Number(text);
    }
    this.#next = start;
    this.#blockEnd = start;
  }

  /** A new producer id with epoch 0. */
  allocate(): ProducerIdAndEpoch {
    if (this.#next >= this.#blockEnd) this.#reserveBlock();
    return { producerId: this.#next++, producerEpoch: 0 };
  }

  /**
   * KIP-360: a producer that knows its id and epoch asks for the next epoch; at the epoch limit it gets a
   * new id. Only ids this broker issued are bumped.
   */
  bump(producerId: number, producerEpoch: number): ProducerIdAndEpoch | null {
    if (producerId < 0 || producerId >= this.#next || producerEpoch < 0) return null;
    if (producerEpoch >= MAX_PRODUCER_EPOCH) return this.allocate();
    return { producerId, producerEpoch: producerEpoch + 1 };
  }

  #reserveBlock(): void {
    const end = this.#next + this.#blockSize;
    if (!Number.isSafeInteger(end)) throw new Error('producer ids exhausted');
    writeFileDurably(this.#file, `${end}\n`);
    this.#blockEnd = end;
  }
}
