// bench/protocol.ts's zero-copy encode and decode cases (the broker's paths: Reader, Writer and the generated
// codecs) against two builds in one process, in alternating time slices, printing after/before per case. On a
// shared machine the slices see the same load, so the ratio is steadier than two separate benny runs.
//
//   npm run build:emit && node --import tsx bench/protocol-ab.ts --dist /tmp/old/dist,dist
//   flags: --rounds N (default 31), --slice-ms N (default 200)
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist,dist' },
    rounds: { type: 'string', default: '31' },
    'slice-ms': { type: 'string', default: '200' },
  },
});
const rounds = Number(flags.rounds);
const sliceMs = Number(flags['slice-ms']);
const dists = String(flags.dist).split(',');
if (dists.length !== 2) throw new Error('--dist takes two builds: before,after');

type Protocol = typeof import('../dist/protocol/index.js');
type Cases = Record<string, () => number>;

async function load(dir: string): Promise<Protocol> {
  const base = dir.startsWith('/') ? pathToFileURL(`${dir}/`) : new URL(`../${dir}/`, import.meta.url);
  return (await import(new URL('protocol/index.js', base).href)) as Protocol;
}

/** The cases of bench/protocol.ts, built with one build's own codecs. */
function cases(P: Protocol): Cases {
  const produce = P.createProduceRequest({
    transactionalId: null,
    acks: -1,
    timeoutMs: 30000,
    topicData: [{ name: 'bench-topic', partitionData: [{ index: 0, records: Buffer.alloc(1 << 20, 0x61) }] }],
  });
  const header = { requestApiKey: 0, requestApiVersion: 9, correlationId: 1, clientId: 'bench' };
  const fetch = P.createFetchResponse({
    sessionId: 0,
    responses: [
      {
        topic: '',
        topicId: P.randomUuid(),
        partitions: Array.from({ length: 8 }, (_, i) => ({
          partitionIndex: i,
          errorCode: 0,
          highWatermark: 1_000_000 + i,
          lastStableOffset: 1_000_000 + i,
          logStartOffset: 0,
          divergingEpoch: { epoch: -1, endOffset: -1 },
          currentLeader: { leaderId: -1, leaderEpoch: -1 },
          snapshotId: { endOffset: -1, epoch: -1 },
          abortedTransactions: null,
          preferredReadReplica: -1,
          records: Buffer.alloc(64 * 1024, i),
        })),
      },
    ],
  });
  const pw = new P.Writer();
  P.encodeRequestFrame(pw, header, P.ProduceApi, produce);
  const produceFrame = Buffer.from(pw.finish());
  const fw = new P.Writer();
  P.encodeFetchResponse(fw, fetch, 16);
  const fetchBody = Buffer.from(fw.finish());
  return {
    'Produce v9 encode (zero-copy parts)': () => {
      const w = new P.Writer({ zeroCopyMinBytes: 4096 });
      P.encodeRequestFrame(w, header, P.ProduceApi, produce);
      return w.finishParts().length;
    },
    'Produce v9 decode': () => {
      const r = new P.Reader(produceFrame, 4);
      P.decodeRequestHeader(r);
      return P.decodeProduceRequest(r, 9).topicData.length;
    },
    'Fetch v16 encode (zero-copy parts)': () => {
      const w = new P.Writer({ zeroCopyMinBytes: 4096 });
      P.encodeResponseFrame(w, 1, 16, P.FetchApi, fetch);
      return w.finishParts().length;
    },
    'Fetch v16 decode': () => {
      const r = new P.Reader(fetchBody);
      return P.decodeFetchResponse(r, 16).responses.length;
    },
  };
}

let sink = 0;
/** Operations per second of `fn` over one slice. */
function slice(fn: () => number, ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) sink += fn();
    n += 100;
  }
  return (n / ms) * 1000;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const [before, after] = await Promise.all(dists.map(async (d) => cases(await load(d))));
console.log(`| case | ${dists[0]} ops/s | ${dists[1]} ops/s | after/before: median (range) |`);
console.log('| --- | --- | --- | --- |');
for (const name of Object.keys(before!)) {
  const a = before![name]!;
  const b = after![name]!;
  slice(a, 300); // warm both up before timing either
  slice(b, 300);
  const ra: number[] = [];
  const rb: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which build runs first in a round.
    const first = round % 2 === 0 ? slice(a, sliceMs) : slice(b, sliceMs);
    const second = round % 2 === 0 ? slice(b, sliceMs) : slice(a, sliceMs);
    const [x, y] = round % 2 === 0 ? [first, second] : [second, first];
    ra.push(x);
    rb.push(y);
    ratios.push(y / x);
  }
  const sorted = [...ratios].sort((p, q) => p - q);
  console.log(
    `| ${name} | ${Math.round(median(ra))} | ${Math.round(median(rb))} | ${median(ratios).toFixed(3)} (${sorted[0]!.toFixed(2)}-${sorted.at(-1)!.toFixed(2)}) |`,
  );
}
if (sink === 0) console.log('unreachable');
