// Sequential batch reader for the cleaner: walks a segment file from the start in large chunks, handing
// out each batch's header, or the whole batch checked for CRC. Batches bigger than the chunk get a buffer
// of their own. A malformed or damaged batch throws CorruptSegmentError: the cleaner then stops and
// leaves the log as it was (recovery, not the cleaner, decides what to do with damaged data).
import fs from 'node:fs';
import { VALIDATE_INTEGRITY, validateBatch } from '../wasm/index.js';
import {
  ATTRIBUTES,
  BATCH_LENGTH,
  CONTROL,
  HEADER_SIZE,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MIN_BATCH_LENGTH,
  PRODUCER_ID,
  readInt32,
  readInt64,
} from './batch.js';
import { CorruptSegmentError, readFully } from './segment.js';

/** What the reader needs of a segment: LogSegment has it, and so does a bare file (BatchFile). */
export interface BatchSource {
  readonly logPath: string;
  readonly size: number;
  readAt(buf: Uint8Array, offset: number, length: number, position: number): number;
}

/** A log file opened read-only outside any LogSegment (a `.swap` file during recovery). */
export class BatchFile implements BatchSource {
  readonly logPath: string;
  readonly size: number;
  #fd: number;

  constructor(file: string) {
    this.logPath = file;
    this.#fd = fs.openSync(file, 'r');
    this.size = fs.fstatSync(this.#fd).size;
  }

  readAt(buf: Uint8Array, offset: number, length: number, position: number): number {
    return readFully(this.#fd, buf, offset, length, position);
  }

  close(): void {
    if (this.#fd >= 0) fs.closeSync(this.#fd);
    this.#fd = -1;
  }
}

const DEFAULT_CHUNK = 1024 * 1024;

export class BatchReader {
  readonly #source: BatchSource;
  readonly #chunk: Buffer;
  #chunkPos = 0;
  #chunkLen = 0;
  #nextPos = 0;
  /** Buffer holding the current batch (its header at least) from `start`. */
  buf: Buffer;
  start = 0;
  /** File position and size of the current batch. */
  position = 0;
  size = 0;
  baseOffset = 0;
  lastOffset = 0;
  attributes = 0;

  constructor(source: BatchSource, chunkBytes = DEFAULT_CHUNK) {
    this.#source = source;
    this.#chunk = Buffer.allocUnsafe(Math.max(chunkBytes, HEADER_SIZE));
    this.buf = this.#chunk;
  }

  get producerId(): number {
    return readInt64(this.buf, this.start + PRODUCER_ID);
  }

  get isControl(): boolean {
    return (this.attributes & CONTROL) !== 0;
  }

  /** True when the current batch is the file's last. */
  get isLast(): boolean {
    return this.position + this.size >= this.#source.size;
  }

  /** Moves to the next batch; false at the end of the file. `whole`: load and CRC-check the entire batch. */
  next(whole: boolean): boolean {
    const pos = this.#nextPos;
    const end = this.#source.size;
    if (pos >= end) return false;
    if (end - pos < HEADER_SIZE) throw new CorruptSegmentError(this.#source.logPath, pos);
    if (pos + HEADER_SIZE > this.#chunkPos + this.#chunkLen) this.#fill(pos);
    let o = pos - this.#chunkPos;
    const batchLength = readInt32(this.#chunk, o + BATCH_LENGTH);
    const delta = readInt32(this.#chunk, o + LAST_OFFSET_DELTA);
    if (batchLength < MIN_BATCH_LENGTH || batchLength > end - pos - LOG_OVERHEAD || delta < 0) {
      throw new CorruptSegmentError(this.#source.logPath, pos);
    }
    const size = batchLength + LOG_OVERHEAD;
    let buf = this.#chunk;
    if (whole && pos + size > this.#chunkPos + this.#chunkLen) {
      if (size <= this.#chunk.length) {
        this.#fill(pos);
        o = 0;
      } else {
        buf = Buffer.allocUnsafe(size);
        if (this.#source.readAt(buf, 0, size, pos) !== size) {
          throw new CorruptSegmentError(this.#source.logPath, pos);
        }
        o = 0;
      }
    }
    if (whole && validateBatch(buf, o, o + size, VALIDATE_INTEGRITY) !== 0) {
      throw new CorruptSegmentError(this.#source.logPath, pos);
    }
    this.buf = buf;
    this.start = o;
    this.position = pos;
    this.size = size;
    this.baseOffset = readInt64(buf, o);
    this.lastOffset = this.baseOffset + delta;
    this.attributes = (buf[o + ATTRIBUTES]! << 8) | buf[o + ATTRIBUTES + 1]!;
    this.#nextPos = pos + size;
    return true;
  }

  /** The current batch's bytes (valid until the next call to next). */
  batch(): Buffer {
    return this.buf.subarray(this.start, this.start + this.size);
  }

  #fill(pos: number): void {
    const want = Math.min(this.#chunk.length, this.#source.size - pos);
    this.#chunkLen = this.#source.readAt(this.#chunk, 0, want, pos);
    this.#chunkPos = pos;
    if (this.#chunkLen < Math.min(want, HEADER_SIZE))
      throw new CorruptSegmentError(this.#source.logPath, pos);
  }
}
