// Wire primitives and headers against byte vectors worked out by hand from protocol.html.
import { Buffer } from 'node:buffer';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as P from '../dist/protocol/index.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function written(fn: (w: P.Writer) => void, options?: P.WriterOptions): Buffer {
  const w = new P.Writer(options);
  fn(w);
  assert.is(w.error, null);
  return Buffer.from(w.finish());
}

const UVARINTS: [number, string][] = [
  [0, '00'],
  [1, '01'],
  [127, '7f'],
  [128, '8001'],
  [300, 'ac02'],
  [16383, 'ff7f'],
  [16384, '808001'],
  [2147483647, 'ffffffff07'],
  [4294967295, 'ffffffff0f'],
];

test('uvarint encodes and decodes the boundary values', () => {
  for (const [n, bytes] of UVARINTS) {
    assert.is(written((w) => w.uvarint(n)).toString('hex'), bytes, `encode ${n}`);
    const r = new P.Reader(hex(bytes));
    assert.is(r.uvarint(), n, `decode ${bytes}`);
    assert.ok(r.ok && r.remaining === 0);
    assert.is(P.uvarintSize(n), bytes.length / 2);
  }
});

test('varint zig-zags signed 32-bit values', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-2, '03'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ];
  for (const [n, bytes] of cases) {
    assert.is(written((w) => w.varint(n)).toString('hex'), bytes, `encode ${n}`);
    assert.is(new P.Reader(hex(bytes)).varint(), n, `decode ${bytes}`);
  }
});

test('varlong zig-zags 64-bit values exactly within 2^53', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [-65, '8101'],
    [2 ** 31, '8080808010'],
    [-(2 ** 31) - 1, '8180808010'],
    [2 ** 53 - 1, 'feffffffffffff1f'],
    [-(2 ** 53) + 1, 'fdffffffffffff1f'],
    [2 ** 52 + 3, '8680808080808010'],
  ];
  for (const [n, bytes] of cases) {
    assert.is(written((w) => w.varlong(n)).toString('hex'), bytes, `encode ${n}`);
    const r = new P.Reader(hex(bytes));
    assert.is(r.varlong(), n, `decode ${bytes}`);
    assert.is(r.remaining, 0);
  }
});

test('varlong agrees with a BigInt zig-zag reference across the safe integer range', () => {
  const reference = (v: number) => {
    let u = BigInt.asUintN(64, (BigInt(v) << 1n) ^ (BigInt(v) >> 63n));
    const out: number[] = [];
    while (u >= 0x80n) {
      out.push(Number(u & 0x7fn) | 0x80);
      u >>= 7n;
    }
    out.push(Number(u));
    return Buffer.from(out).toString('hex');
  };
  for (let i = 0; i < 2000; i++) {
    const magnitude = 2 ** Math.floor(Math.random() * 54);
    const m = Math.floor(Math.random() * magnitude);
    const v = i % 2 && m !== 0 ? -m : m;
    const bytes = written((w) => w.varlong(v));
    assert.is(bytes.toString('hex'), reference(v), `encode ${v}`);
    assert.is(new P.Reader(bytes).varlong(), v, `decode ${v}`);
  }
});

test('overlong and truncated varints set the error instead of throwing', () => {
  for (const bytes of ['ffffffff10', 'ffffffffff01', '80', '']) {
    const r = new P.Reader(hex(bytes));
    assert.is(r.uvarint(), 0);
    assert.ok(r.error !== null, bytes);
    assert.is(r.int32(), 0, 'reads after a failure return zero');
  }
  const max = new P.Reader(hex('feffffffffffffffff01'));
  assert.is(max.varlong(), 2 ** 63, 'the largest int64, rounded to the nearest double');
  assert.ok(max.ok);
  const r = new P.Reader(hex('ffffffffffffffffff02'));
  assert.is(r.varlong(), 0);
  assert.match(r.error ?? '', /overflows 64 bits/);
  assert.is(r.errorCode, P.ErrorCode.INVALID_REQUEST);
  assert.is(r.kafkaError()?.code, P.ErrorCode.INVALID_REQUEST);
  assert.is(new P.Reader(hex('00')).errorCode, P.ErrorCode.NONE);
});

test('fixed-width integers, int64 sign handling and float64', () => {
  const bytes = written((w) => {
    w.int8(-2);
    w.int16(-300);
    w.uint16(65535);
    w.int32(-2);
    w.uint32(4294967295);
    w.int64(-1);
    w.int64(2 ** 53 - 1);
    w.int64(-(2 ** 53) + 1);
    w.float64(-0.5);
    w.bool(true);
  });
  assert.is(
    bytes.toString('hex'),
    'fe' +
      'fed4' +
      'ffff' +
      'fffffffe' +
      'ffffffff' +
      'ffffffffffffffff' +
      '001fffffffffffff' +
      'ffe0000000000001' +
      'bfe0000000000000' +
      '01',
  );
  const r = new P.Reader(bytes);
  assert.equal(
    [
      r.int8(),
      r.int16(),
      r.uint16(),
      r.int32(),
      r.uint32(),
      r.int64(),
      r.int64(),
      r.int64(),
      r.float64(),
      r.bool(),
    ],
    [-2, -300, 65535, -2, 4294967295, -1, 2 ** 53 - 1, -(2 ** 53) + 1, -0.5, true],
  );
  assert.ok(r.ok && r.remaining === 0);
});

test('strings: classic and compact, null versus empty, UTF-8 lengths in bytes', () => {
  assert.is(written((w) => w.string('abc')).toString('hex'), '0003616263');
  assert.is(written((w) => w.nullableString(null)).toString('hex'), 'ffff');
  assert.is(written((w) => w.nullableString('')).toString('hex'), '0000');
  assert.is(written((w) => w.compactString('abc')).toString('hex'), '04616263');
  assert.is(written((w) => w.compactNullableString(null)).toString('hex'), '00');
  assert.is(written((w) => w.compactNullableString('')).toString('hex'), '01');
  assert.is(written((w) => w.compactString('é')).toString('hex'), '03c3a9');
  const long = 'x'.repeat(200);
  assert.is(
    written((w) => w.compactString(long))
      .subarray(0, 2)
      .toString('hex'),
    'c901',
  );

  assert.is(new P.Reader(hex('ffff')).nullableString(), null);
  assert.is(new P.Reader(hex('0000')).nullableString(), '');
  assert.is(new P.Reader(hex('00')).compactNullableString(), null);
  assert.is(new P.Reader(hex('01')).compactNullableString(), '');
  assert.is(new P.Reader(hex('03c3a9')).compactString(), 'é');

  const nullWhereRequired = new P.Reader(hex('ffff'));
  assert.is(nullWhereRequired.string(), '');
  assert.match(nullWhereRequired.error ?? '', /non-nullable/);
  const compactNull = new P.Reader(hex('00'));
  compactNull.compactString();
  assert.ok(compactNull.error !== null);
  const tooLong = new P.Reader(hex('7fff6162'));
  assert.is(tooLong.string(), '');
  assert.match(tooLong.error ?? '', /truncated string/);
});

test('a classic string over 32767 bytes is a writer error, not a corrupt frame', () => {
  const w = new P.Writer();
  w.string('a'.repeat(40000));
  assert.match(w.error ?? '', /int16/);
});

test('bytes are views into the input, null and empty stay distinct', () => {
  const input = hex('00000003 010203 ffffffff 00000000 04 aabbcc 00 01');
  const r = new P.Reader(input);
  const b = r.bytes();
  assert.is(b.toString('hex'), '010203');
  assert.is(b.buffer, input.buffer, 'no copy');
  assert.is(r.nullableBytes(), null);
  assert.is(r.nullableBytes()?.length, 0);
  assert.is(r.compactBytes().toString('hex'), 'aabbcc');
  assert.is(r.compactNullableBytes(), null);
  assert.is(r.compactNullableBytes()?.length, 0);
  assert.ok(r.ok && r.remaining === 0);
  assert.is(
    written((w) => {
      w.nullableBytes(null);
      w.compactNullableBytes(null);
      w.compactBytes(Buffer.alloc(0));
    }).toString('hex'),
    'ffffffff0001',
  );
});

test('array lengths: null and empty, and claimed lengths beyond the input fail before allocating', () => {
  assert.is(new P.Reader(hex('ffffffff')).arrayLength(4, true), -1);
  assert.is(new P.Reader(hex('00')).compactArrayLength(4, true), -1);
  assert.is(new P.Reader(hex('01')).compactArrayLength(4, false), 0);
  const notNullable = new P.Reader(hex('00'));
  assert.is(notNullable.compactArrayLength(1, false), 0);
  assert.match(notNullable.error ?? '', /non-nullable array/);
  const huge = new P.Reader(hex('7fffffff 00000001'));
  assert.is(huge.arrayLength(4, false), 0);
  assert.match(huge.error ?? '', /cannot fit/);
  // Two int32 elements need 8 bytes; only 7 remain.
  const short = new P.Reader(hex('03 00000001 000002'));
  assert.is(short.compactArrayLength(4, false), 0);
  assert.ok(short.error !== null);
  // A whole message claiming two billion topics fails cleanly.
  const r = new P.Reader(hex('7fffffff'));
  const m = P.decodeMetadataRequest(r, 1);
  assert.ok(r.error !== null);
  assert.equal(m.topics, []);
});

test('uuids travel as 16 bytes and print as base64url', () => {
  const id = P.randomUuid();
  assert.ok(P.isUuid(id) && id[0] !== '-');
  const bytes = written((w) => w.uuid(id));
  assert.is(bytes.length, 16);
  assert.ok(bytes.equals(P.uuidToBytes(id)!));
  assert.is(new P.Reader(bytes).uuid(), id);
  assert.is(P.uuidFromBytes(Buffer.concat([hex('ff'), bytes]), 1), id);
  assert.is(P.uuidToCanonical(P.METADATA_TOPIC_ID), '00000000-0000-0000-0000-000000000001');
  assert.is(written((w) => w.uuid(P.ZERO_UUID)).toString('hex'), '00'.repeat(16));
  const w = new P.Writer();
  w.uuid('not-a-uuid');
  assert.ok(w.error !== null);
  assert.is(P.uuidToBytes('AAAAAAAAAAAAAAAAAAAAAB'), null, 'last character may only carry two bits');
});

// ApiVersions v3 body: client software name and version, then an empty tagged-field section.
const apiVersionsV3Body = '07 72756e6e656c  06 302e312e30  00';

test('tagged fields: unknown tags are skipped, lengths bound the field, counts are checked', () => {
  const withUnknown = hex(`${apiVersionsV3Body.slice(0, -2)} 02  05 03 aabbcc  1f 00`);
  let r = new P.Reader(withUnknown);
  assert.equal(P.decodeApiVersionsRequest(r, 3), {
    clientSoftwareName: 'runnel',
    clientSoftwareVersion: '0.1.0',
  });
  assert.ok(r.ok && r.remaining === 0);

  // Tag 1 of ApiVersionsResponse v3 is an int64: extra bytes inside its size are skipped...
  r = new P.Reader(hex('0000 01 00000000 01 01 0a 000000000000002a ffff'));
  assert.is(P.decodeApiVersionsResponse(r, 3).finalizedFeaturesEpoch, 42);
  assert.ok(r.ok && r.remaining === 0);
  // ...and a size too small for the value is an error, not a read into the next field.
  r = new P.Reader(hex('0000 01 00000000 01 01 04 00000000 00000000'));
  P.decodeApiVersionsResponse(r, 3);
  assert.match(r.error ?? '', /truncated int64/);
  // A size beyond the end of the message.
  r = new P.Reader(hex('0000 01 00000000 01 05 40 00'));
  P.decodeApiVersionsResponse(r, 3);
  assert.match(r.error ?? '', /tagged field/);
  // More tagged fields claimed than bytes remain.
  r = new P.Reader(hex('0000 01 00000000 7f'));
  P.decodeApiVersionsResponse(r, 3);
  assert.match(r.error ?? '', /tagged fields cannot fit/);
});

test('a tagged field of 128 bytes or more gets a multi-byte size prefix', () => {
  const features = Array.from({ length: 40 }, (_, i) => ({
    name: `feature.${i}`,
    minVersion: 1,
    maxVersion: i,
  }));
  const msg = P.createApiVersionsResponse({ supportedFeatures: features, zkMigrationReady: true });
  const w = new P.Writer({ initialSize: 16 });
  P.encodeApiVersionsResponse(w, msg, 3);
  const bytes = Buffer.from(w.finish());
  // error code, empty compact array, throttle time, then 2 tagged fields: tag 0 with a 2-byte size.
  assert.is(bytes.subarray(0, 9).toString('hex'), '00000100000000' + '02' + '00');
  const r = new P.Reader(bytes, 9);
  const size = r.uvarint();
  assert.ok(size >= 128 && r.offset === 11, `size ${size} at ${r.offset}`);
  const back = new P.Reader(bytes);
  assert.equal(P.decodeApiVersionsResponse(back, 3), msg);
  assert.ok(back.ok && back.remaining === 0);
});

test('the writer grows from a tiny buffer and reset reuses it', () => {
  const w = new P.Writer({ initialSize: 16 });
  for (let i = 0; i < 5000; i++) w.int32(i);
  const out = w.finish();
  assert.is(out.length, 20000);
  assert.is(out.readInt32BE(4999 * 4), 4999);
  w.reset();
  w.int16(7);
  assert.is(w.finish().toString('hex'), '0007');
});

test('zero-copy records: large batches are referenced, frame size patched across parts', () => {
  const batch = Buffer.alloc(4096, 0x5a);
  const body = P.createProduceRequest({
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: 't', partitionData: [{ index: 0, records: [batch, batch] }] }],
  });
  const header = { requestApiKey: 0, requestApiVersion: 9, correlationId: 5, clientId: 'c' };
  const zc = new P.Writer({ zeroCopyMinBytes: 1024 });
  P.encodeRequestFrame(zc, header, P.ProduceApi, body);
  const parts = zc.finishParts();
  assert.ok(parts.includes(batch), 'the batch itself is a part');
  const copied = new P.Writer();
  P.encodeRequestFrame(copied, header, P.ProduceApi, body);
  const whole = copied.finish();
  assert.ok(Buffer.concat(parts).equals(whole));
  assert.is(whole.readInt32BE(0), whole.length - 4);
  assert.is(zc.finish().length, whole.length);

  const r = new P.Reader(whole, 4);
  const h = P.decodeRequestHeader(r);
  assert.equal(h, header);
  const decoded = P.decodeProduceRequest(r, 9);
  assert.ok(r.ok && r.remaining === 0);
  const records = decoded.topicData[0]!.partitionData[0]!.records as Buffer;
  assert.is(records.length, 8192);
  assert.is(records.buffer, whole.buffer, 'decoded records are a view of the frame');
  assert.is(P.recordsLength(body.topicData[0]!.partitionData[0]!.records), 8192);
});

test('ApiVersions v0 request frame, byte for byte', () => {
  const w = new P.Writer();
  P.encodeRequestFrame(
    w,
    { requestApiKey: 18, requestApiVersion: 0, correlationId: 7, clientId: 'runnel' },
    P.ApiVersionsApi,
    P.createApiVersionsRequest(),
  );
  const expected = hex('00000010 0012 0000 00000007 0006 72756e6e656c');
  assert.is(w.finish().toString('hex'), expected.toString('hex'));
  const r = new P.Reader(expected, 4);
  assert.equal(P.decodeRequestHeader(r), {
    requestApiKey: 18,
    requestApiVersion: 0,
    correlationId: 7,
    clientId: 'runnel',
  });
  assert.equal(P.decodeApiVersionsRequest(r, 0), { clientSoftwareName: '', clientSoftwareVersion: '' });
  assert.ok(r.ok && r.remaining === 0);
});

test('ApiVersions v3 request frame: header v2 keeps a classic client id, then tagged fields', () => {
  const w = new P.Writer();
  P.encodeRequestFrame(
    w,
    { requestApiKey: 18, requestApiVersion: 3, correlationId: 7, clientId: 'runnel' },
    P.ApiVersionsApi,
    { clientSoftwareName: 'runnel', clientSoftwareVersion: '0.1.0' },
  );
  const expected = hex(`0000001f 0012 0003 00000007 0006 72756e6e656c 00 ${apiVersionsV3Body}`);
  assert.is(w.finish().toString('hex'), expected.toString('hex'));
  const r = new P.Reader(expected, 4);
  assert.is(P.decodeRequestHeader(r).clientId, 'runnel');
  assert.equal(P.decodeApiVersionsRequest(r, 3), {
    clientSoftwareName: 'runnel',
    clientSoftwareVersion: '0.1.0',
  });
  assert.ok(r.ok && r.remaining === 0);
  // A null client id in header v2 is still the classic -1.
  const nullId = new P.Writer();
  P.encodeRequestHeader(nullId, {
    requestApiKey: 18,
    requestApiVersion: 3,
    correlationId: 1,
    clientId: null,
  });
  assert.is(nullId.finish().toString('hex'), '0012000300000001ffff00');
});

test('ApiVersions v3 response keeps response header v0', () => {
  const w = new P.Writer();
  P.encodeResponseFrame(w, 7, 3, P.ApiVersionsApi, {
    ...P.createApiVersionsResponse(),
    apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }],
  });
  assert.is(
    w.finish().toString('hex'),
    '00000013 00000007 0000 02 0012 0000 0004 00 00000000 00'.replace(/ /g, ''),
  );
});

test('header versions follow the api and version', () => {
  assert.is(P.requestHeaderVersion(P.ApiKey.ControlledShutdown, 0), 0);
  assert.is(P.requestHeaderVersion(P.ApiKey.ControlledShutdown, 1), 1);
  assert.is(P.requestHeaderVersion(P.ApiKey.ControlledShutdown, 3), 2);
  assert.is(P.requestHeaderVersion(P.ApiKey.Metadata, 8), 1);
  assert.is(P.requestHeaderVersion(P.ApiKey.Metadata, 9), 2);
  assert.is(P.requestHeaderVersion(P.ApiKey.ApiVersions, 99), 2, 'a newer ApiVersions is still flexible');
  assert.is(P.requestHeaderVersion(9999, 0), 1);
  assert.is(P.responseHeaderVersion(P.ApiKey.ApiVersions, 4), 0);
  assert.is(P.responseHeaderVersion(P.ApiKey.Fetch, 11), 0);
  assert.is(P.responseHeaderVersion(P.ApiKey.Fetch, 12), 1);
  assert.is(P.ProduceApi.flexibleMinVersion, 9);
  assert.is(P.apiCodec(1), P.FetchApi);
  assert.is(P.apiCodec(-1), undefined);
  const r = new P.Reader(hex('00000001 00'));
  assert.equal(P.decodeResponseHeader(r, 1), { correlationId: 1 });
  assert.ok(r.ok && r.remaining === 0);
});

test('truncated request headers fail cleanly', () => {
  for (const bytes of [
    '',
    '00',
    '0012',
    '00120003',
    '0012000300000007',
    '00120003000000070006726e',
    '001200030000000700',
  ]) {
    const r = new P.Reader(hex(bytes));
    P.decodeRequestHeader(r);
    assert.ok(r.error !== null, bytes);
  }
});

test.run();
