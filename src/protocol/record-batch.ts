// Record batch v2 (magic 2): encode a list of records into one batch, and decode stored batches back into
// records. The broker never uses this on the produce path (it stores wire bytes as they are); clients, tests
// and tools do.
import { gunzipSync, gzipSync } from 'node:zlib';
import { crc32c } from '../wasm/index.js';
import { BatchAttributes as Attributes, BatchHeader, LOG_OVERHEAD } from './batch-layout.js';
import { type BoundedCodec, loadLz4, loadSnappy, loadZstd } from './codecs/index.js';

export { BatchAttributes as Attributes, BatchHeader, LOG_OVERHEAD } from './batch-layout.js';

export const Compression = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type CompressionType = (typeof Compression)[keyof typeof Compression];

export interface RecordHeader {
  key: string;
  value: Uint8Array | null;
}

export interface RecordInput {
  key?: Uint8Array | string | null;
  value?: Uint8Array | string | null;
  headers?: readonly RecordHeader[];
  /** Absolute timestamp in ms; defaults to the batch's base timestamp. */
  timestamp?: number;
}

export interface BatchOptions {
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  compression?: CompressionType;
  transactional?: boolean;
  control?: boolean;
  logAppendTime?: boolean;
  /** Used for records without a timestamp; defaults to Date.now(). */
  timestamp?: number;
}

/** Largest records section a batch may inflate to when the caller names no limit (decompression bombs). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** A codec compresses the records section of a batch. All four of Kafka's ship built in; register to replace. */
export interface CompressionCodec {
  compress(data: Uint8Array): Uint8Array;
  /**
   * Throws on input that is not valid in this codec. `maxBytes` (default DEFAULT_MAX_DECOMPRESSED_BYTES)
   * bounds the output; built-in codecs refuse before inflating past it, and decompressRecords checks any
   * codec's output against it.
   */
  decompress(data: Uint8Array, maxBytes?: number): Uint8Array;
}

// gzip at level 1: producers are CPU bound on small machines, and Kafka's own default favours speed too.
const codecs = new Map<number, CompressionCodec>([
  [
    Compression.GZIP,
    {
      compress: (d) => gzipSync(d, { level: 1 }),
      decompress: (d, max = DEFAULT_MAX_DECOMPRESSED_BYTES) =>
        gunzipSync(d, { maxOutputLength: Math.max(1, max) }),
    },
  ],
]);

function registerBuiltin(id: CompressionType, codec: BoundedCodec | null): void {
  if (codec === null) return;
  codecs.set(id, {
    compress: (d) => codec.compress(d),
    decompress: (d, max = DEFAULT_MAX_DECOMPRESSED_BYTES) => codec.decompress(d, max),
  });
}
registerBuiltin(Compression.SNAPPY, loadSnappy());
registerBuiltin(Compression.LZ4, loadLz4());
registerBuiltin(Compression.ZSTD, loadZstd());

export function registerCompressionCodec(id: CompressionType, codec: CompressionCodec): void {
  codecs.set(id, codec);
}

/** The codec registered for a compression id, or undefined. */
export function compressionCodec(id: number): CompressionCodec | undefined {
  return codecs.get(id);
}

function codecFor(id: number): CompressionCodec {
  const codec = codecs.get(id);
  if (!codec) throw new Error(`compression codec ${id} is not available`);
  return codec;
}

/** The records section `data` inflated with codec `id`; throws when it is invalid or exceeds maxBytes. */
export function decompressRecords(
  id: number,
  data: Uint8Array,
  maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES,
): Uint8Array {
  const out = codecFor(id).decompress(data, maxBytes);
  if (out.length > maxBytes) throw new RangeError(`records inflate to ${out.length} bytes > ${maxBytes}`);
  return out;
}

// ---- varints (zig-zag), used by the record layout ----

export function varintSize(value: number): number {
  let v = zigzag(value);
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

function zigzag(value: number): number {
  // Works for the full safe-integer range (timestamps deltas may exceed 32 bits).
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function writeVarint(buf: Uint8Array, pos: number, value: number): number {
  let v = zigzag(value);
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

const encoder = new TextEncoder();

function toBytes(v: Uint8Array | string | null | undefined): Uint8Array | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? encoder.encode(v) : v;
}

interface PreparedRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headerKeys: Uint8Array[];
  headerValues: (Uint8Array | null)[];
  timestampDelta: number;
  bodySize: number;
}

/** Encodes records into one magic-2 batch with a valid CRC. */
export function encodeRecordBatch(records: readonly RecordInput[], opts: BatchOptions = {}): Buffer {
  if (records.length === 0) throw new RangeError('a record batch needs at least one record');
  const now = opts.timestamp ?? Date.now();
  let baseTimestamp = Number.POSITIVE_INFINITY;
  let maxTimestamp = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    const ts = r.timestamp ?? now;
    if (ts < baseTimestamp) baseTimestamp = ts;
    if (ts > maxTimestamp) maxTimestamp = ts;
  }
  // Kafka uses the first record's timestamp as base; the min keeps every delta non-negative.
  const prepared: PreparedRecord[] = new Array(records.length);
  let recordsSize = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const key = toBytes(r.key);
    const value = toBytes(r.value);
    const headerKeys: Uint8Array[] = [];
    const headerValues: (Uint8Array | null)[] = [];
    const timestampDelta = (r.timestamp ?? now) - baseTimestamp;
    let body = 1 + varintSize(timestampDelta) + varintSize(i);
    body += key ? varintSize(key.length) + key.length : 1;
    body += value ? varintSize(value.length) + value.length : 1;
    const headers = r.headers ?? [];
    body += varintSize(headers.length);
    for (const h of headers) {
      const hk = encoder.encode(h.key);
      const hv = h.value === null ? null : toBytes(h.value);
      headerKeys.push(hk);
      headerValues.push(hv);
      body += varintSize(hk.length) + hk.length + (hv ? varintSize(hv.length) + hv.length : 1);
    }
    prepared[i] = { key, value, headerKeys, headerValues, timestampDelta, bodySize: body };
    recordsSize += varintSize(body) + body;
  }

  let section: Uint8Array = new Uint8Array(recordsSize);
  let pos = 0;
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i]!;
    pos = writeVarint(section, pos, p.bodySize);
    section[pos++] = 0; // record attributes: unused
    pos = writeVarint(section, pos, p.timestampDelta);
    pos = writeVarint(section, pos, i);
    pos = writeBytesField(section, pos, p.key);
    pos = writeBytesField(section, pos, p.value);
    pos = writeVarint(section, pos, p.headerKeys.length);
    for (let h = 0; h < p.headerKeys.length; h++) {
      pos = writeBytesField(section, pos, p.headerKeys[h]!);
      pos = writeBytesField(section, pos, p.headerValues[h]!);
    }
  }

  const compression = opts.compression ?? Compression.NONE;
  if (compression !== Compression.NONE) section = codecFor(compression).compress(section);

  let attributes = compression;
  if (opts.logAppendTime) attributes |= Attributes.TIMESTAMP_LOG_APPEND;
  if (opts.transactional) attributes |= Attributes.TRANSACTIONAL;
  if (opts.control) attributes |= Attributes.CONTROL;

  const out = Buffer.allocUnsafe(BatchHeader.SIZE + section.length);
  out.writeBigInt64BE(BigInt(opts.baseOffset ?? 0), BatchHeader.BASE_OFFSET);
  out.writeInt32BE(out.length - LOG_OVERHEAD, BatchHeader.BATCH_LENGTH);
  out.writeInt32BE(opts.partitionLeaderEpoch ?? -1, BatchHeader.PARTITION_LEADER_EPOCH);
  out.writeInt8(2, BatchHeader.MAGIC);
  out.writeInt16BE(attributes, BatchHeader.ATTRIBUTES);
  out.writeInt32BE(records.length - 1, BatchHeader.LAST_OFFSET_DELTA);
  out.writeBigInt64BE(BigInt(baseTimestamp), BatchHeader.BASE_TIMESTAMP);
  out.writeBigInt64BE(BigInt(maxTimestamp), BatchHeader.MAX_TIMESTAMP);
  out.writeBigInt64BE(BigInt(opts.producerId ?? -1), BatchHeader.PRODUCER_ID);
  out.writeInt16BE(opts.producerEpoch ?? -1, BatchHeader.PRODUCER_EPOCH);
  out.writeInt32BE(opts.baseSequence ?? -1, BatchHeader.BASE_SEQUENCE);
  out.writeInt32BE(records.length, BatchHeader.RECORD_COUNT);
  out.set(section, BatchHeader.SIZE);
  out.writeUInt32BE(crc32c(out, BatchHeader.ATTRIBUTES, out.length), BatchHeader.CRC);
  return out;
}

function writeBytesField(buf: Uint8Array, pos: number, bytes: Uint8Array | null): number {
  if (bytes === null) return writeVarint(buf, pos, -1);
  pos = writeVarint(buf, pos, bytes.length);
  buf.set(bytes, pos);
  return pos + bytes.length;
}

// ---- decoding ----

export interface DecodedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

export interface DecodedBatch {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  compression: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  isTransactional: boolean;
  isControl: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
  records: DecodedRecord[];
}

/** Reads the fixed header of the batch at `pos` (no CRC check, no records). */
export function readBatchHeader(buf: Buffer, pos = 0): Omit<DecodedBatch, 'records'> {
  const attributes = buf.readInt16BE(pos + BatchHeader.ATTRIBUTES);
  return {
    baseOffset: Number(buf.readBigInt64BE(pos + BatchHeader.BASE_OFFSET)),
    batchLength: buf.readInt32BE(pos + BatchHeader.BATCH_LENGTH),
    partitionLeaderEpoch: buf.readInt32BE(pos + BatchHeader.PARTITION_LEADER_EPOCH),
    magic: buf.readInt8(pos + BatchHeader.MAGIC),
    crc: buf.readUInt32BE(pos + BatchHeader.CRC),
    attributes,
    compression: attributes & Attributes.COMPRESSION_MASK,
    timestampType: attributes & Attributes.TIMESTAMP_LOG_APPEND ? 'LogAppendTime' : 'CreateTime',
    isTransactional: (attributes & Attributes.TRANSACTIONAL) !== 0,
    isControl: (attributes & Attributes.CONTROL) !== 0,
    lastOffsetDelta: buf.readInt32BE(pos + BatchHeader.LAST_OFFSET_DELTA),
    baseTimestamp: Number(buf.readBigInt64BE(pos + BatchHeader.BASE_TIMESTAMP)),
    maxTimestamp: Number(buf.readBigInt64BE(pos + BatchHeader.MAX_TIMESTAMP)),
    producerId: Number(buf.readBigInt64BE(pos + BatchHeader.PRODUCER_ID)),
    producerEpoch: buf.readInt16BE(pos + BatchHeader.PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + BatchHeader.BASE_SEQUENCE),
    recordCount: buf.readInt32BE(pos + BatchHeader.RECORD_COUNT),
  };
}

class Cursor {
  pos: number;
  constructor(
    readonly buf: Buffer,
    pos: number,
    readonly end: number,
  ) {
    this.pos = pos;
  }
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new RangeError('varint runs past the end of the batch');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      scale *= 128;
    }
    throw new RangeError('varint longer than 10 bytes');
  }
  bytes(): Buffer | null {
    const len = this.varint();
    if (len < 0) return null;
    if (this.pos + len > this.end) throw new RangeError('field runs past the end of the batch');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

/**
 * Decodes every whole batch in `buf` (as a Fetch response or a log segment holds them). A partial batch at
 * the end, which Fetch may return when it cuts at max bytes, is ignored. Throws on malformed records.
 */
export function decodeRecordBatches(buf: Buffer): DecodedBatch[] {
  const out: DecodedBatch[] = [];
  let pos = 0;
  while (pos + LOG_OVERHEAD <= buf.length) {
    const batchLength = buf.readInt32BE(pos + BatchHeader.BATCH_LENGTH);
    const end = pos + LOG_OVERHEAD + batchLength;
    if (batchLength < BatchHeader.SIZE - LOG_OVERHEAD || end > buf.length) break;
    out.push(decodeRecordBatch(buf.subarray(pos, end)));
    pos = end;
  }
  return out;
}

/** Decodes one whole batch. */
export function decodeRecordBatch(batch: Buffer): DecodedBatch {
  const header = readBatchHeader(batch, 0);
  if (header.magic !== 2) throw new RangeError(`unsupported record batch magic ${header.magic}`);
  let section: Buffer = batch.subarray(BatchHeader.SIZE);
  if (header.compression !== Compression.NONE) {
    const plain = decompressRecords(header.compression, section);
    section = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  }
  const c = new Cursor(section, 0, section.length);
  const records: DecodedRecord[] = new Array(Math.max(0, header.recordCount));
  for (let i = 0; i < header.recordCount; i++) {
    const length = c.varint();
    const recordEnd = c.pos + length;
    if (recordEnd > c.end) throw new RangeError('record runs past the end of the batch');
    c.pos++; // attributes
    const timestampDelta = c.varint();
    const offsetDelta = c.varint();
    const key = c.bytes();
    const value = c.bytes();
    const headerCount = c.varint();
    const headers: { key: string; value: Buffer | null }[] = [];
    for (let h = 0; h < headerCount; h++) {
      const hk = c.bytes();
      headers.push({ key: hk ? hk.toString('utf8') : '', value: c.bytes() });
    }
    c.pos = recordEnd;
    records[i] = {
      offset: header.baseOffset + offsetDelta,
      timestamp:
        header.timestampType === 'LogAppendTime'
          ? header.maxTimestamp
          : header.baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    };
  }
  return { ...header, records };
}
