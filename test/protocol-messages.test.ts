// Every generated codec against the JSON message definitions themselves. A walker written here,
// independently of scripts/gen-protocol.mjs, builds a sample for each message and version with every
// field present in that version set to a non-default value (and absent fields at their defaults);
// the sample must encode, decode to a deep-equal value, and re-encode to the same bytes. Then every
// strict prefix must fail cleanly and random or mutated input must never throw.
import { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as M from '../dist/protocol/generated/metadata/index.js';
import * as P from '../dist/protocol/index.js';

const specDir = process.env.KAFKA_MESSAGE_DIR ?? new URL('../spec/kafka/message/', import.meta.url).pathname;
// KRaft's metadata records go through the same walker with their own codecs.
const metadataDir =
  process.env.KAFKA_METADATA_DIR ?? new URL('../spec/kafka/metadata/', import.meta.url).pathname;

interface Range {
  lo: number;
  hi: number;
}
interface FieldSpec {
  name: string;
  type: string;
  versions: string;
  nullableVersions?: string;
  taggedVersions?: string;
  tag?: number | string;
  default?: string | number | boolean;
  fields?: FieldSpec[];
}
interface MessageSpec {
  name: string;
  type: string;
  validVersions: string;
  flexibleVersions: string;
  fields: FieldSpec[];
  commonStructs?: { name: string; fields: FieldSpec[] }[];
}

type Decode = (r: P.Reader, v: number) => unknown;
type Encode = (w: P.Writer, m: unknown, v: number) => void;
const codecs = { ...P, ...M } as unknown as Record<string, Decode & Encode & (() => unknown)>;

function range(s: string | undefined): Range | null {
  if (s === undefined || s === 'none') return null;
  if (s.endsWith('+')) return { lo: Number(s.slice(0, -1)), hi: Number.POSITIVE_INFINITY };
  const [a, b] = s.split('-');
  return { lo: Number(a), hi: Number(b ?? a) };
}
const has = (r: Range | null, v: number) => r !== null && v >= r.lo && v <= r.hi;

function load(dir: string, file: string): MessageSpec {
  // Drop // comments outside strings; the files are JSON with comments.
  const text = readFileSync(dir + file, 'utf8').replace(
    /("(?:[^"\\]|\\.)*")|\/\/[^\n]*/g,
    (_m, str) => str ?? '',
  );
  return JSON.parse(text) as MessageSpec;
}

const specs = [specDir, metadataDir].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => load(dir, f)),
);

/** Struct definitions of one message by name, inline and common. */
function structTable(spec: MessageSpec): Map<string, FieldSpec[]> {
  const table = new Map<string, FieldSpec[]>();
  for (const cs of spec.commonStructs ?? []) table.set(cs.name, cs.fields);
  const walk = (fields: FieldSpec[]) => {
    for (const f of fields) {
      if (f.fields) {
        table.set(f.type.replace('[]', ''), f.fields);
        walk(f.fields);
      }
    }
  };
  walk(spec.fields);
  for (const cs of spec.commonStructs ?? []) walk(cs.fields);
  return table;
}

const camel = (s: string) => s[0]!.toLowerCase() + s.slice(1);
const isNullable = (f: FieldSpec) => f.nullableVersions !== undefined || f.default === 'null';
const SCALARS = new Set([
  'bool',
  'int8',
  'int16',
  'uint16',
  'int32',
  'int64',
  'float64',
  'string',
  'bytes',
  'records',
  'uuid',
]);

/** What a decoder must produce for a field absent in the version being decoded. */
function defaultOf(f: FieldSpec, structs: Map<string, FieldSpec[]>): unknown {
  const d = f.default === undefined ? undefined : String(f.default);
  if (d === 'null') return null;
  if (f.type.startsWith('[]')) return [];
  switch (f.type) {
    case 'bool':
      return d === 'true';
    case 'string':
      return d ?? '';
    case 'bytes':
      return Buffer.alloc(0);
    case 'records':
      return isNullable(f) ? null : Buffer.alloc(0);
    case 'uuid':
      return P.ZERO_UUID;
    default:
      if (SCALARS.has(f.type)) return d === undefined ? 0 : Number(d);
      return defaultStruct(structs.get(f.type)!, structs);
  }
}

function defaultStruct(fields: FieldSpec[], structs: Map<string, FieldSpec[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[camel(f.name)] = defaultOf(f, structs);
  return out;
}

/** Deterministic, varied, non-default values; `n` makes neighbouring fields differ. */
class Sampler {
  n = 0;
  constructor(
    readonly structs: Map<string, FieldSpec[]>,
    readonly nulls: boolean,
  ) {}

  scalar(type: string, f: FieldSpec | null): unknown {
    const n = ++this.n;
    const avoid = f?.default === undefined ? undefined : String(f.default);
    const numeric = (v: number) => (avoid !== undefined && Number(avoid) === v ? v + 1 : v === 0 ? 1 : v);
    switch (type) {
      case 'bool':
        return avoid !== 'true';
      case 'int8':
        return numeric(n % 2 ? 100 - (n % 50) : -(n % 100));
      case 'int16':
        return numeric(n % 2 ? 30000 - n : -1000 - n);
      case 'uint16':
        return numeric(65535 - n);
      case 'int32':
        return numeric(n % 2 ? 2147483647 - n * 7919 : -2147483648 + n * 104729);
      case 'int64':
        return numeric(n % 3 === 0 ? 2 ** 53 - n : n % 3 === 1 ? -(2 ** 40) - n : 2 ** 32 + n);
      case 'float64':
        return n % 2 ? n + 0.25 : -1e300 / n;
      case 'string':
        // Non-ASCII and, every few fields, long enough for a two-byte compact length.
        return n % 5 === 0 ? `long-${'é'.repeat(80)}-${n}` : `s${n}-ü`;
      case 'bytes':
        return Buffer.from([n & 0xff, 0, 0xff, (n * 7) & 0xff]);
      case 'records':
        return Buffer.alloc(300, n & 0xff);
      case 'uuid': {
        const b = Buffer.alloc(16);
        for (let i = 0; i < 16; i++) b[i] = (n * 31 + i * 17) & 0xff;
        return b.toString('base64url');
      }
      default:
        throw new Error(`no sample for ${type}`);
    }
  }

  field(f: FieldSpec, v: number): unknown {
    if (this.nulls && has(range(f.nullableVersions), v)) return null;
    if (f.type.startsWith('[]')) {
      const elem = f.type.slice(2);
      const one = () =>
        SCALARS.has(elem) ? this.scalar(elem, null) : this.struct(this.structs.get(elem)!, v);
      return [one(), one()];
    }
    if (SCALARS.has(f.type)) return this.scalar(f.type, f);
    return this.struct(this.structs.get(f.type)!, v);
  }

  struct(fields: FieldSpec[], v: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      out[camel(f.name)] = has(range(f.versions), v) ? this.field(f, v) : defaultOf(f, this.structs);
    }
    return out;
  }
}

function codecNames(spec: MessageSpec): { decode: string; encode: string; create: string } {
  const suffix = spec.type === 'header' ? 'V' : '';
  return {
    decode: `decode${spec.name}${suffix}`,
    encode: `encode${spec.name}${suffix}`,
    create: `create${spec.name}`,
  };
}

function encode(fn: Encode, msg: unknown, v: number): Buffer {
  const w = new P.Writer({ initialSize: 64 });
  fn(w, msg, v);
  assert.is(w.error, null, 'writer error');
  return Buffer.from(w.finish());
}

interface Case {
  spec: MessageSpec;
  version: number;
  bytes: Buffer;
}
const cases: Case[] = [];

test('the spec directory holds every api the generated table knows', () => {
  assert.ok(specs.length >= 180, `only ${specs.length} specs found in ${specDir}`);
  assert.is(
    M.METADATA_RECORD_CODECS.filter((c) => c !== undefined).length,
    specs.filter((s) => s.type === 'metadata').length,
  );
  const keys = P.API_CODECS.filter((c) => c !== undefined).length;
  assert.is(keys, specs.filter((s) => s.type === 'request').length);
});

for (const spec of specs) {
  test(`${spec.name}: every version round-trips a populated sample, and prefixes fail`, () => {
    const names = codecNames(spec);
    const decode = codecs[names.decode]!;
    const encodeFn = codecs[names.encode]!;
    assert.type(decode, 'function', names.decode);
    assert.type(encodeFn, 'function', names.encode);
    const structs = structTable(spec);
    assert.equal(codecs[names.create]!(), defaultStruct(spec.fields, structs), 'create() defaults');
    const valid = range(spec.validVersions)!;
    for (let v = valid.lo; v <= valid.hi; v++) {
      for (const nulls of [false, true]) {
        const sample = new Sampler(structs, nulls).struct(spec.fields, v);
        const bytes = encode(encodeFn, sample, v);
        const r = new P.Reader(bytes);
        const decoded = decode(r, v);
        assert.is(r.error, null, `v${v} decode error`);
        assert.is(r.offset, bytes.length, `v${v} left bytes unread`);
        assert.equal(decoded, sample, `v${v}${nulls ? ' (nulls)' : ''} decoded value`);
        assert.ok(encode(encodeFn, decoded, v).equals(bytes), `v${v} re-encoding differs`);
        if (!nulls) cases.push({ spec, version: v, bytes });
        // Any strict prefix is a truncated message: the reader must notice, not throw.
        const step = Math.max(1, Math.floor(bytes.length / 40));
        for (let cut = 0; cut < bytes.length; cut += step) {
          const rp = new P.Reader(bytes.subarray(0, cut));
          decode(rp, v);
          assert.ok(rp.error !== null, `v${v} prefix of ${cut}/${bytes.length} bytes decoded without error`);
        }
      }
    }
  });
}

/** Small seeded PRNG (mulberry32) so a failure can be replayed with FUZZ_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = Number(process.env.FUZZ_SEED ?? 20240607);
const perApi = Number(process.env.FUZZ_PER_API ?? 3000);

test(`garbage and mutated input never throws, and what decodes re-encodes (seed ${seed}, ${perApi} per message)`, () => {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const bySpec = new Map<MessageSpec, Case[]>();
  for (const c of cases) bySpec.set(c.spec, [...(bySpec.get(c.spec) ?? []), c]);
  let decodedOk = 0;
  let total = 0;
  for (const [spec, list] of bySpec) {
    const names = codecNames(spec);
    const decode = codecs[names.decode]!;
    const encodeFn = codecs[names.encode]!;
    for (let i = 0; i < perApi; i++) {
      const base = list[int(list.length)]!;
      let input: Buffer;
      if (i % 3 === 0) {
        input = Buffer.alloc(int(48));
        for (let j = 0; j < input.length; j++) input[j] = int(256);
      } else {
        // Flip a few bytes of a valid encoding; lengths and counts become wild but plausible.
        input = Buffer.from(base.bytes);
        const flips = 1 + int(4);
        for (let j = 0; j < flips && input.length > 0; j++) {
          input[int(input.length)] = int(3) === 0 ? 0xff : int(256);
        }
      }
      const r = new P.Reader(input);
      let decoded: unknown;
      try {
        decoded = decode(r, base.version);
      } catch (err) {
        assert.unreachable(`${names.decode} v${base.version} threw on ${input.toString('hex')}: ${err}`);
      }
      total++;
      if (r.error === null) {
        decodedOk++;
        const w = new P.Writer();
        encodeFn(w, decoded, base.version);
      } else {
        assert.is(r.offset, r.end, 'a failed reader stops at the end');
      }
    }
  }
  assert.ok(total >= bySpec.size * perApi);
  assert.ok(decodedOk > 0 && decodedOk < total, `decoded ${decodedOk} of ${total}`);
});

test.run();
