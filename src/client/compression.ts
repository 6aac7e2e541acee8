// Compression codecs for the records section of a batch, by the codec id in the batch attributes. gzip, snappy,
// lz4 and zstd ship built in (src/protocol/record-batch.ts, src/protocol/codecs); registerCodec replaces one.
import {
  type CompressionCodec,
  compressionCodec,
  registerCompressionCodec,
} from '../protocol/record-batch.js';
import { ClientError } from './errors.js';

export const CompressionType = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionName = keyof typeof CompressionType;

export type { CompressionCodec };

/** Registers a codec for producing and reading batches; one registry serves the client and the broker. */
export function registerCodec(type: CompressionName, codec: CompressionCodec): void {
  if (type === 'none') throw new ClientError('codec "none" cannot be replaced');
  registerCompressionCodec(CompressionType[type], codec);
}

export function codecFor(id: number): CompressionCodec {
  const codec = compressionCodec(id);
  if (codec === undefined) throw new ClientError(`no codec registered for compression type ${id}`);
  return codec;
}
