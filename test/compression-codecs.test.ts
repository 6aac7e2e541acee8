// The built-in codecs against the formats Kafka's clients write: snappy in the xerial framing (and a bare raw
// block), one LZ4 frame, zstd frames with and without a content size, and gzip. Each round-trips, and each
// refuses truncated or foreign input and output past its limit (at the limit it still decompresses).
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lz4FrameBound } from '../dist/protocol/codecs/lz4.js';
import {
  compressionCodec,
  decompressRecords,
  registerCompressionCodec,
} from '../dist/protocol/record-batch.js';

const require = createRequire(import.meta.url);
const CODECS = [
  ['gzip', 1],
  ['snappy', 2],
  ['lz4', 3],
  ['zstd', 4],
] as const;

/** Compressible bytes, like a records section of JSON values. */
function sample(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = 97 + ((i * 7) % 13) + (i % 101 === 0 ? 3 : 0);
  return out;
}

for (const [name, id] of CODECS) {
  test(`${name}: round trip from 1 byte to 300 KiB; refuses truncated and foreign input`, () => {
    const codec = compressionCodec(id)!;
    assert.ok(codec, `${name} is built in`);
    for (const size of [1, 100, 32 * 1024, 32 * 1024 + 1, 300 * 1024]) {
      const plain = sample(size);
      const packed = codec.compress(plain);
      assert.ok(Buffer.from(codec.decompress(packed)).equals(plain), `${name} ${size} bytes`);
      assert.throws(
        () => decompressRecords(id, packed.subarray(0, packed.length - 3)),
        undefined,
        `truncated`,
      );
    }
    assert.throws(() => decompressRecords(id, sample(200)), undefined, 'plain bytes are not compressed data');
    assert.throws(() => decompressRecords(id, Buffer.alloc(0)), undefined, 'empty');
  });

  test(`${name}: output exactly at the limit decompresses, one byte over is refused`, () => {
    const plain = sample(128 * 1024); // whole 64 KiB LZ4 blocks, so the frame's bound is exact
    const packed = compressionCodec(id)!.compress(plain);
    assert.is(decompressRecords(id, packed, plain.length).length, plain.length);
    assert.throws(() => decompressRecords(id, packed, plain.length - 1), /limit|larger|exceed|>/i);
  });
}

test('snappy: Kafka framing (xerial header, 32 KiB chunks) is written; a bare raw block is read too', () => {
  const snappy = require('snappy');
  const plain = sample(70 * 1024);
  const packed = Buffer.from(compressionCodec(2)!.compress(plain));
  assert.equal([...packed.subarray(0, 16)], [0x82, 83, 78, 65, 80, 80, 89, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  let chunks = 0;
  for (let p = 16; p < packed.length; p += 4 + packed.readInt32BE(p)) chunks++;
  assert.is(chunks, 3);
  const raw = snappy.compressSync(plain);
  assert.ok(Buffer.from(decompressRecords(2, raw)).equals(plain));
  // A raw block whose preamble claims more than the limit is refused before the library allocates it.
  assert.throws(() => decompressRecords(2, raw, plain.length - 1), /limit/);
});

test('lz4: 64 KiB blocks are written; the frame bound counts full blocks at the block size', () => {
  const lz4 = require('lz4-napi');
  const plain = sample(100 * 1024);
  const packed = Buffer.from(compressionCodec(3)!.compress(plain));
  assert.equal([...packed.subarray(4, 6)], [0x60, 0x40], 'independent 64 KiB blocks, no checksums');
  assert.ok(lz4.decompressFrameSync(packed).equals(plain), "the library's own frame reader agrees");
  assert.is(lz4FrameBound(packed), 2 * 64 * 1024);
  const random = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24));
  const stored = Buffer.from(compressionCodec(3)!.compress(random));
  assert.ok(
    Buffer.from(decompressRecords(3, stored)).equals(random),
    'incompressible blocks stored as they are',
  );
  const theirs = lz4.compressFrameSync(sample(300 * 1024)); // 4 MiB blocks
  assert.ok(Buffer.from(decompressRecords(3, theirs)).equals(sample(300 * 1024)));
  assert.throws(() => decompressRecords(3, theirs, 1024 * 1024), /limit/, 'bound 4 MiB > 1 MiB');
  assert.throws(() => lz4FrameBound(Buffer.concat([packed, Buffer.from([0])])), /after the frame/);
  const badMagic = Buffer.from(packed);
  badMagic[0] = 0;
  assert.throws(() => lz4FrameBound(badMagic), /not an LZ4 frame/);
});

test('zstd: a streaming frame (no content size) and two frames back to back decompress; bounded', () => {
  const { CCtx, EndDirective, getFrameContentSize } = require('zstd-napi/binding');
  const plain = sample(200 * 1024);
  const cctx = new CCtx();
  const out = Buffer.alloc(plain.length);
  // Fed, then ended with no input: the frame cannot declare its size, as with zstd-jni's stream.
  const [, fed] = cctx.compressStream2(out, plain, EndDirective.continue);
  const [, ended] = cctx.compressStream2(out.subarray(fed), Buffer.alloc(0), EndDirective.end);
  const streamed = out.subarray(0, fed + ended);
  assert.is(getFrameContentSize(streamed), null, 'no content size in the frame header');
  assert.ok(Buffer.from(decompressRecords(4, streamed)).equals(plain));
  assert.throws(() => decompressRecords(4, streamed, plain.length - 1), /limit/);
  assert.throws(() => decompressRecords(4, streamed.subarray(0, streamed.length - 4)), /truncated|zstd/);
  const two = Buffer.concat([compressionCodec(4)!.compress(plain), streamed]);
  assert.is(decompressRecords(4, two).length, 2 * plain.length);
});

test('a registered codec that ignores the limit is still held to it by decompressRecords', () => {
  const gzip = compressionCodec(1)!;
  registerCompressionCodec(1, {
    compress: gzip.compress,
    decompress: (d) => require('node:zlib').gunzipSync(d),
  });
  try {
    const packed = gzip.compress(sample(10_000));
    assert.is(decompressRecords(1, packed, 10_000).length, 10_000);
    assert.throws(() => decompressRecords(1, packed, 9_999), /> 9999/);
  } finally {
    registerCompressionCodec(1, gzip);
  }
});

test.run();
