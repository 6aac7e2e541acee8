// Metadata records as the metadata log stores them, in KRaft's frame: a frame version (unsigned varint, 1),
// the record type (unsigned varint: the api key of its schema), the record version (unsigned varint), then
// the record body from the generated codec. Decoding never throws: an unknown type or version, a short or
// over-long body is an error value.
import { Buffer } from 'node:buffer';
import {
  METADATA_RECORD_CODECS,
  type MetadataRecordCodec,
  MetadataRecordType,
} from '../../protocol/generated/metadata/index.js';
import { Reader } from '../../protocol/reader.js';
import { Writer } from '../../protocol/writer.js';

export { MetadataRecordType };

/** The only frame version KRaft writes. */
export const METADATA_FRAME_VERSION = 1;

export interface MetadataRecord<T = unknown> {
  type: number;
  version: number;
  record: T;
}

export function metadataCodec(type: number): MetadataRecordCodec | undefined {
  return Number.isInteger(type) && type >= 0 ? METADATA_RECORD_CODECS[type] : undefined;
}

/** Encodes one record in its frame. Throws RangeError for a type or version this build does not know. */
export function encodeMetadataRecord(m: MetadataRecord): Buffer {
  const codec = metadataCodec(m.type);
  if (codec === undefined) throw new RangeError(`unknown metadata record type ${m.type}`);
  if (m.version < codec.minVersion || m.version > codec.maxVersion) {
    throw new RangeError(`${codec.name} v${m.version} outside ${codec.minVersion}-${codec.maxVersion}`);
  }
  const w = new Writer();
  w.uvarint(METADATA_FRAME_VERSION);
  w.uvarint(m.type);
  w.uvarint(m.version);
  codec.encode(w, m.record, m.version);
  if (w.error !== null) throw new RangeError(`cannot encode ${codec.name}: ${w.error}`);
  return w.finish();
}

export type DecodedMetadataRecord = { ok: true; value: MetadataRecord } | { ok: false; error: string };

export function decodeMetadataRecord(bytes: Uint8Array): DecodedMetadataRecord {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf);
  const frame = r.uvarint();
  if (r.ok && frame !== METADATA_FRAME_VERSION) return { ok: false, error: `frame version ${frame}` };
  const type = r.uvarint();
  const version = r.uvarint();
  if (!r.ok) return { ok: false, error: `truncated frame: ${r.error}` };
  const codec = metadataCodec(type);
  if (codec === undefined) return { ok: false, error: `unknown record type ${type}` };
  if (version < codec.minVersion || version > codec.maxVersion) {
    return {
      ok: false,
      error: `${codec.name} v${version} not known (${codec.minVersion}-${codec.maxVersion})`,
    };
  }
  const record = codec.decode(r, version);
  if (!r.ok) return { ok: false, error: `${codec.name}: ${r.error}` };
  if (r.remaining !== 0) return { ok: false, error: `${codec.name}: ${r.remaining} bytes left over` };
  return { ok: true, value: { type, version, record } };
}
