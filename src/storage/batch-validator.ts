// What Kafka's LogValidator checks in a batch a client produced, beyond the framing, CRC and record walk of
// validateBatch (src/wasm): no control batches (only a transaction coordinator writes markers), no
// transactional batch without a producer id, no producer id without a sequence, and for a compressed batch
// the records themselves: decompressed once (bounded by maxDecompressedBytes), every record parsed, offset
// deltas 0..n-1 and the count as declared. A batch that passes here is readable by every consumer.
// Runs on the partition's owner thread; returns a Kafka error code and never throws.
//
// Codes: CORRUPT_MESSAGE when the payload does not decompress, inflates past the limit, or its records do
// not frame (as for uncompressed records); INVALID_RECORD for the LogValidator rules and offset deltas out of
// order; UNSUPPORTED_COMPRESSION_TYPE for a codec this process could not load.
import { ErrorCode } from '../protocol/errors.js';
import { compressionCodec, decompressRecords } from '../protocol/record-batch.js';
import { walkRecords } from '../wasm/index.js';
import {
  ATTRIBUTES,
  BASE_SEQUENCE,
  COMPRESSION_MASK,
  PRODUCER_ID,
  RECORD_COUNT,
  RECORDS,
  readInt32,
  readInt64,
} from './batch.js';
import { checkRecordKeys } from './record-keys.js';

const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;

/**
 * Who writes a batch, as Kafka's AppendOrigin: the client rules (no control batches, producer fields) apply
 * to 'client' only; a coordinator writes transaction markers, a follower copies what its leader accepted.
 */
export type AppendOrigin = 'client' | 'coordinator' | 'replication';

/** Why the last call refused a batch (for the error message); empty after a pass. */
export let refusalReason = '';

function refuse(code: number, reason: string): number {
  refusalReason = reason;
  return code;
}

/**
 * Checks the batch at buf[start, end), which validateBatch(VALIDATE_PRODUCE) has passed, against the rules
 * above (the client ones for origin 'client' only); with requireKeys (a compacted topic) every record must
 * also have a key. Returns 0 or an error code.
 */
export function validateAppendedBatch(
  buf: Uint8Array,
  start: number,
  end: number,
  origin: AppendOrigin,
  maxDecompressedBytes: number,
  requireKeys: boolean,
): number {
  refusalReason = '';
  const attributes = buf[start + ATTRIBUTES + 1]!;
  if (origin === 'client') {
    if ((attributes & CONTROL) !== 0) {
      return refuse(ErrorCode.INVALID_RECORD, 'clients may not write control batches');
    }
    const producerId = readInt64(buf, start + PRODUCER_ID);
    if ((attributes & TRANSACTIONAL) !== 0 && producerId < 0) {
      return refuse(ErrorCode.INVALID_RECORD, 'transactional batch without a producer id');
    }
    if (producerId >= 0 && readInt32(buf, start + BASE_SEQUENCE) < 0) {
      return refuse(ErrorCode.INVALID_RECORD, `producer id ${producerId} without a sequence number`);
    }
  }
  const codec = attributes & COMPRESSION_MASK;
  const count = readInt32(buf, start + RECORD_COUNT);
  if (codec === 0) {
    // validateBatch has walked these records already; only the key rule is left.
    if (!requireKeys) return ErrorCode.NONE;
    const keys = checkRecordKeys(buf, start + RECORDS, end, count);
    return keys === 0 ? keys : refuse(keys, 'a compacted topic takes only records with a key');
  }
  if (compressionCodec(codec) === undefined) {
    return refuse(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, `compression type ${codec} is not available`);
  }
  let section: Uint8Array;
  try {
    section = decompressRecords(codec, buf.subarray(start + RECORDS, end), maxDecompressedBytes);
  } catch (e) {
    return refuse(ErrorCode.CORRUPT_MESSAGE, `records do not decompress: ${(e as Error).message}`);
  }
  const walked = walkRecords(section, 0, section.length, count);
  if (walked !== 0) return refuse(walked, 'compressed records do not match the batch header');
  if (!requireKeys) return ErrorCode.NONE;
  const keys = checkRecordKeys(section, 0, section.length, count);
  return keys === 0 ? keys : refuse(keys, 'a compacted topic takes only records with a key');
}
