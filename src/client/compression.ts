// Compression codecs for the records section of a batch, by the codec id in the batch attributes.
// gzip ships built in (node:zlib); register snappy, lz4 or zstd implementations to produce or read them.
import { gunzipSync, gzipSync } from 'node:zlib';
import { ClientError } from './errors.js';

export const CompressionType = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionName = keyof typeof CompressionType;

export interface CompressionCodec {
  compress(data: Uint8Array): Uint8Array;
  decompress(data: Uint8Array): Uint8Array;
}

const codecs: (CompressionCodec | undefined)[] = [];
codecs[CompressionType.gzip] = {
  // Level 1: on a 2-core box the producer is CPU bound, and Kafka's own default favours speed too.
  compress: (d) => gzipSync(d, { level: 1 }),
  decompress: (d) => gunzipSync(d),
};

export function registerCodec(type: CompressionName, codec: CompressionCodec): void {
  if (type === 'none') throw new ClientError('codec "none" cannot be replaced');
  codecs[CompressionType[type]] = codec;
}

export function codecFor(id: number): CompressionCodec {
  const codec = codecs[id];
  if (codec === undefined) throw new ClientError(`no codec registered for compression type ${id}`);
  return codec;
}
