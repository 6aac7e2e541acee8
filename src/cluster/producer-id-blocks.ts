// Producer ids on a broker of a cluster: handed out from blocks the active controller allocates (a
// ProducerIdsRecord in the metadata log), so no two brokers ever give out the same id, across restarts and
// controller failovers. One block request at a time; callers that arrive while it is in flight wait for it.
// A block that cannot be had answers with the controller's (retriable) error code.
import { ErrorCode } from '../protocol/errors.js';

export interface ProducerIdBlock {
  errorCode: number;
  /** First id of the block. */
  start: number;
  /** Ids in the block. */
  length: number;
}

export interface AllocatedProducerId {
  errorCode: number;
  producerId: number;
}

export class ProducerIdBlocks {
  readonly #fetchBlock: () => Promise<ProducerIdBlock>;
  #next = 0;
  #end = 0;
  #pending: Promise<number> | null = null;

  /** fetchBlock asks the controller for a new block (AllocateProducerIds). */
  constructor(fetchBlock: () => Promise<ProducerIdBlock>) {
    this.#fetchBlock = fetchBlock;
  }

  /** Ids left in the current block. */
  get remaining(): number {
    return this.#end - this.#next;
  }

  async allocate(): Promise<AllocatedProducerId> {
    while (this.#next >= this.#end) {
      this.#pending ??= this.#refill().finally(() => {
        this.#pending = null;
      });
      const code = await this.#pending;
      if (code !== ErrorCode.NONE) return { errorCode: code, producerId: -1 };
    }
    return { errorCode: ErrorCode.NONE, producerId: this.#next++ };
  }

  async #refill(): Promise<number> {
    let block: ProducerIdBlock;
    try {
      block = await this.#fetchBlock();
    } catch {
      return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    }
    if (block.errorCode !== ErrorCode.NONE) return block.errorCode;
    if (!Number.isSafeInteger(block.start) || block.start < 0 || !(block.length > 0)) {
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    // Only ever forward: a block below what was handed out would repeat ids.
    if (block.start < this.#end) return ErrorCode.UNKNOWN_SERVER_ERROR;
    this.#next = block.start;
    this.#end = block.start + block.length;
    return ErrorCode.NONE;
  }
}
