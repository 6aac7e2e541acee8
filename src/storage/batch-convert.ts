// The two conversions Kafka's LogValidator makes on what clients produce, as the topic's configs ask:
//   - compression.type other than 'producer': a batch in another codec is recompressed in the topic's (its
//     records and producer fields unchanged, so idempotence and transactions are unaffected);
//   - message.timestamp.type=LogAppendTime: each batch is stamped with the broker's append time (the
//     timestamp-type attribute bit and max_timestamp, which consumers then give every record).
// Both change bytes the CRC covers, so the CRC is computed again. Runs on the partition's owner thread
// after the batches passed validation; a batch needing neither is not touched (no copy).
//
// Limit: a recompressed batch larger than max.message.bytes (uncompressed is usually larger) is refused
// with MESSAGE_TOO_LARGE, as Kafka refuses it.
import { ErrorCode, KafkaError } from '../protocol/errors.js';
import { compressionCodec, decompressRecords } from '../protocol/record-batch.js';
import { crc32c } from '../wasm/index.js';
import {
  ATTRIBUTES,
  BATCH_LENGTH,
  COMPRESSION_MASK,
  CRC,
  LOG_OVERHEAD,
  MAX_TIMESTAMP,
  RECORDS,
  TIMESTAMP_TYPE_LOG_APPEND,
  writeInt32,
  writeInt64,
} from './batch.js';

/** compression.type values; 'producer' keeps each batch's own codec. */
export type TopicCompression = 'producer' | 'uncompressed' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export type TimestampType = 'CreateTime' | 'LogAppendTime';

const CODEC_IDS: Readonly<Record<TopicCompression, number>> = {
  producer: -1,
  uncompressed: 0,
  gzip: 1,
  snappy: 2,
  lz4: 3,
  zstd: 4,
};

export function isTopicCompression(v: unknown): v is TopicCompression {
  return typeof v === 'string' && Object.hasOwn(CODEC_IDS, v);
}

/** Where the CRC starts: the attributes, right after it. */
const CRC_START = CRC + 4;

export interface ConvertOptions {
  compressionType: TopicCompression;
  messageTimestampType: TimestampType;
  maxMessageBytes: number;
  maxDecompressedBytes: number;
}

/** Whether conversion can change anything under these settings (the append path skips it otherwise). */
export function convertsBatches(
  o: Pick<ConvertOptions, 'compressionType' | 'messageTimestampType'>,
): boolean {
  return o.compressionType !== 'producer' || o.messageTimestampType === 'LogAppendTime';
}

/**
 * Converts the `count` validated batches in `buf` whose sizes are sizes[i * stride]: returns `buf` itself
 * when no batch changed size (LogAppendTime is stamped in place), else a new buffer, with sizes updated.
 * Throws KafkaError (MESSAGE_TOO_LARGE, UNSUPPORTED_COMPRESSION_TYPE, CORRUPT_MESSAGE).
 */
export function convertBatches(
  buf: Uint8Array,
  sizes: Float64Array,
  stride: number,
  count: number,
  now: number,
  o: ConvertOptions,
): Uint8Array {
  const target = CODEC_IDS[o.compressionType];
  let out = buf;
  if (target >= 0) {
    let differs = false;
    for (let i = 0, pos = 0; i < count; pos += sizes[i * stride]!, i++)
      if ((buf[pos + ATTRIBUTES + 1]! & COMPRESSION_MASK) !== target) differs = true;
    if (differs) out = recompress(buf, sizes, stride, count, target, o);
  }
  if (o.messageTimestampType === 'LogAppendTime') {
    for (let i = 0, pos = 0; i < count; pos += sizes[i * stride]!, i++) {
      out[pos + ATTRIBUTES + 1] = out[pos + ATTRIBUTES + 1]! | TIMESTAMP_TYPE_LOG_APPEND;
      writeInt64(out, pos + MAX_TIMESTAMP, now);
      const end = pos + sizes[i * stride]!;
      writeInt32(out, pos + CRC, crc32c(out, pos + CRC_START, end) | 0);
    }
  }
  return out;
}

function recompress(
  buf: Uint8Array,
  sizes: Float64Array,
  stride: number,
  count: number,
  target: number,
  o: ConvertOptions,
): Uint8Array {
  const codec = target === 0 ? null : compressionCodec(target);
  if (target !== 0 && codec === undefined)
    throw new KafkaError(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `codec ${target} is not available`);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0, pos = 0; i < count; i++) {
    const size = sizes[i * stride]!;
    const end = pos + size;
    const attributes = buf[pos + ATTRIBUTES + 1]!;
    const from = attributes & COMPRESSION_MASK;
    let batch: Uint8Array;
    if (from === target) batch = buf.subarray(pos, end);
    else {
      let records: Uint8Array;
      try {
        records =
          from === 0
            ? buf.subarray(pos + RECORDS, end)
            : decompressRecords(from, buf.subarray(pos + RECORDS, end), o.maxDecompressedBytes);
      } catch (e) {
        throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, `records do not decompress: ${(e as Error).message}`);
      }
      const section = codec === null || codec === undefined ? records : codec.compress(records);
      const newSize = RECORDS + section.length;
      if (newSize > o.maxMessageBytes) {
        throw new KafkaError(
          ErrorCode.MESSAGE_TOO_LARGE,
          `batch of ${newSize} bytes once recompressed for the topic > ${o.maxMessageBytes}`,
        );
      }
      batch = Buffer.allocUnsafe(newSize);
      batch.set(buf.subarray(pos, pos + RECORDS), 0);
      batch.set(section, RECORDS);
      batch[ATTRIBUTES + 1] = (attributes & ~COMPRESSION_MASK) | target;
      writeInt32(batch, BATCH_LENGTH, newSize - LOG_OVERHEAD);
      writeInt32(batch, CRC, crc32c(batch, CRC_START, newSize) | 0);
      sizes[i * stride] = newSize;
    }
    parts.push(batch);
    total += batch.length;
    pos = end;
  }
  return Buffer.concat(parts, total);
}
