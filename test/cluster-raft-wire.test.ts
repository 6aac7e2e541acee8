// The metadata quorum's messages on Kafka's wire, without sockets: every message kind through the real
// codecs (bytes written and read back) and the conversions both ways, the pre-vote tag, record batches for
// entries (one per epoch run, cut at the byte limit), corrupt and garbage answers rejected without a throw,
// and the serving side refusing another cluster before the state machine sees anything.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ManualClock } from '../dist/clock.js';
import {
  beginEpochRequestFromWire,
  beginEpochRequestToWire,
  beginEpochResponseFromWire,
  beginEpochResponseToWire,
  decodeEntries,
  encodeEntries,
  endEpochRequestFromWire,
  endEpochRequestToWire,
  type FetchRequest,
  type FetchResponse,
  type FetchSnapshotRequest,
  type FetchSnapshotResponse,
  fetchRequestFromWire,
  fetchRequestToWire,
  fetchResponseFromWire,
  fetchResponseToWire,
  fetchSnapshotRequestFromWire,
  fetchSnapshotRequestToWire,
  fetchSnapshotResponseFromWire,
  fetchSnapshotResponseToWire,
  METADATA_TOPIC,
  MemoryQuorumStateStore,
  MemoryRaftLog,
  PRE_VOTE_TAG,
  type RaftEntry,
  type RaftMessage,
  RaftNode,
  RaftRpcService,
  RaftVoteApi,
  type RaftVoteRequest,
  RaftWireTransport,
  resolveRaftConfig,
  resolveRaftWireConfig,
  type VoteRequest,
  voteRequestFromWire,
  voteRequestToWire,
  voteResponseFromWire,
  voteResponseToWire,
} from '../dist/cluster/raft/index.js';
import {
  type ApiCodec,
  BeginQuorumEpochApi,
  EndQuorumEpochApi,
  FetchApi,
  FetchSnapshotApi,
  VoteApi,
} from '../dist/protocol/generated/api-keys.js';
import { Reader } from '../dist/protocol/reader.js';
import { decodeRecordBatches, encodeRecordBatch } from '../dist/protocol/record-batch.js';
import { Writer } from '../dist/protocol/writer.js';
import { SeededRandom } from '../dist/random.js';

const CLUSTER = 'wire-test-cluster';
const INCONSISTENT_CLUSTER_ID = 104;
const INVALID_REQUEST = 42;
const UNSUPPORTED_VERSION = 35;
const INCONSISTENT_VOTER_SET = 94;
const BROKER_NOT_AVAILABLE = 8;

/** body -> bytes -> body through the codec, as a peer would read it; the read must consume every byte. */
function viaWire<Req, Res>(
  codec: ApiCodec<Req, Res>,
  side: 'request' | 'response',
  body: Req | Res,
  version: number,
  reader: ApiCodec<Req, Res> = codec,
): Req | Res {
  const w = new Writer();
  if (side === 'request') codec.encodeRequest(w, body as Req, version);
  else codec.encodeResponse(w, body as Res, version);
  assert.is(w.error, null);
  const r = new Reader(w.finish());
  const out = side === 'request' ? reader.decodeRequest(r, version) : reader.decodeResponse(r, version);
  assert.is(r.error, null, `${codec.name} v${version} ${side} reads back`);
  assert.is(r.remaining, 0, `${codec.name} v${version} ${side} read to the end`);
  return out;
}

const bytes = (s: string) => new TextEncoder().encode(s);

function entries(spec: [epoch: number, data: Uint8Array][], start = 0): RaftEntry[] {
  return spec.map(([epoch, data], i) => ({ offset: start + i, epoch, data }));
}

test('vote: requests round-trip with pre-vote on and off, v0 and v1', () => {
  for (const version of [0, 1]) {
    for (const preVote of [false, true]) {
      const m: VoteRequest = {
        kind: 'vote',
        epoch: 7,
        candidateId: 3,
        lastEpoch: 6,
        lastOffset: 41,
        preVote,
      };
      const body = viaWire(
        RaftVoteApi,
        'request',
        voteRequestToWire(m, CLUSTER, 2),
        version,
      ) as RaftVoteRequest;
      const back = voteRequestFromWire(body, CLUSTER, 2);
      assert.ok(back.ok);
      if (!back.ok) return;
      assert.is(back.from, 3);
      assert.equal(back.message, m, `v${version} preVote=${preVote}`);
    }
  }
});

test('vote: the pre-vote tag is skipped by a reader that does not know it, and absent means a real vote', () => {
  const m: VoteRequest = {
    kind: 'vote',
    epoch: 4,
    candidateId: 1,
    lastEpoch: 3,
    lastOffset: 9,
    preVote: true,
  };
  // The generated (tag-unaware) reader takes our bytes whole and sees every other field.
  const plain = viaWire(
    RaftVoteApi,
    'request',
    voteRequestToWire(m, CLUSTER, 2),
    1,
    VoteApi as never,
  ) as RaftVoteRequest;
  assert.is(plain.topics[0]!.partitions[0]!.candidateEpoch, 4);
  assert.is(plain.topics[0]!.partitions[0]!.lastOffset, 9);
  // Bytes from the generated writer (no tag) read as a real vote.
  const real = viaWire(VoteApi as never, 'request', plain, 1, RaftVoteApi) as RaftVoteRequest;
  assert.is(real.topics[0]!.partitions[0]!.preVote, false);
  // The tag is where the docs say, and other unknown tags beside it are skipped.
  const w = new Writer();
  RaftVoteApi.encodeRequest(w, voteRequestToWire(m, CLUSTER, 2), 1);
  const buf = w.finish();
  const tagBytes = Buffer.from([0x01, 0xe4, 0x07, 0x01, 0x01]); // 1 tagged field, tag 996, size 1, true
  assert.is(PRE_VOTE_TAG, 996);
  const at = buf.indexOf(tagBytes);
  assert.ok(at > 0, 'tagged field count, tag 996, size 1, true');
  const withExtra = Buffer.concat([
    buf.subarray(0, at),
    Buffer.from([0x02, 0x05, 0x02, 0xaa, 0xbb]), // two tags: tag 5 (2 bytes, unknown) ...
    Buffer.from([0xe4, 0x07, 0x01, 0x01]), // ... then 996
    buf.subarray(at + tagBytes.length),
  ]);
  const r = new Reader(withExtra);
  const read = RaftVoteApi.decodeRequest(r, 1);
  assert.is(r.error, null);
  assert.is(read.topics[0]!.partitions[0]!.preVote, true);
  assert.is(read.topics[0]!.partitions[0]!.lastOffset, 9);
});

test('vote: responses carry epoch, leader and grant; the request supplies its epoch and pre-vote', () => {
  for (const version of [0, 1]) {
    for (const [granted, preVote, leaderId] of [
      [true, false, -1],
      [false, true, 2],
    ] as const) {
      const request: VoteRequest = {
        kind: 'vote',
        epoch: 5,
        candidateId: 1,
        lastEpoch: 4,
        lastOffset: 3,
        preVote,
      };
      const reply = { kind: 'vote-response' as const, epoch: 5, requestEpoch: 5, granted, preVote, leaderId };
      const body = viaWire(VoteApi, 'response', voteResponseToWire(reply), version);
      const back = voteResponseFromWire(body as never, request);
      assert.ok(back.ok);
      if (back.ok) assert.equal(back.message, reply);
    }
  }
});

test('begin and end quorum epoch: round trips at v0 and v1 (successors in either field)', () => {
  for (const version of [0, 1]) {
    const begin = { kind: 'begin-epoch' as const, epoch: 9, leaderId: 2 };
    const body = viaWire(BeginQuorumEpochApi, 'request', beginEpochRequestToWire(begin, CLUSTER, 3), version);
    const back = beginEpochRequestFromWire(body as never, CLUSTER, 3);
    assert.ok(back.ok && back.from === 2);
    if (back.ok) assert.equal(back.message, begin);
    const reply = { kind: 'begin-epoch-response' as const, epoch: 9, errorCode: 74 };
    const res = viaWire(BeginQuorumEpochApi, 'response', beginEpochResponseToWire(reply, 2), version);
    const got = beginEpochResponseFromWire(res as never);
    assert.ok(got.ok);
    if (got.ok) assert.equal(got.message, reply);

    const end = { kind: 'end-epoch' as const, epoch: 9, leaderId: 2, successors: [3, 1] };
    const eb = viaWire(EndQuorumEpochApi, 'request', endEpochRequestToWire(end, CLUSTER), version);
    const eback = endEpochRequestFromWire(eb as never, version, CLUSTER);
    assert.ok(eback.ok && eback.from === 2);
    if (eback.ok) assert.equal(eback.message, end, `end epoch v${version}`);
  }
});

test('fetch: requests round-trip at v12 to v17 (topic by name or id, replica id or replica state)', () => {
  const m: FetchRequest = {
    kind: 'fetch',
    id: 0,
    epoch: 3,
    replicaId: 2,
    fetchOffset: 17,
    lastFetchedEpoch: 2,
  };
  for (let version = 12; version <= 17; version++) {
    const body = viaWire(FetchApi, 'request', fetchRequestToWire(m, CLUSTER, 4096), version);
    const back = fetchRequestFromWire(body as never, version, CLUSTER);
    assert.ok(back.ok, `v${version}`);
    if (!back.ok) return;
    assert.is(back.from, 2);
    assert.is(back.maxBytes, 4096);
    assert.equal(back.message, m, `v${version}`);
  }
});

function fetchReply(e: RaftEntry[], over: Partial<FetchResponse> = {}): FetchResponse {
  return {
    kind: 'fetch-response',
    id: 0,
    epoch: 5,
    leaderId: 1,
    errorCode: 0,
    highWatermark: 4,
    divergingEpoch: null,
    entries: e,
    ...over,
  };
}

test('fetch: responses carry entries as one record batch per epoch run, empty and large entries included', () => {
  const big = new Uint8Array(300_000).map((_, i) => i % 251);
  const e = entries(
    [
      [1, new Uint8Array(0)],
      [1, bytes('a')],
      [2, bytes('bb')],
      [2, big],
      [2, new Uint8Array(0)],
      [5, bytes('c')],
    ],
    10,
  );
  const request: FetchRequest = {
    kind: 'fetch',
    id: 42,
    epoch: 5,
    replicaId: 2,
    fetchOffset: 10,
    lastFetchedEpoch: 1,
  };
  for (const version of [12, 13, 16]) {
    const { body, sent } = fetchResponseToWire(fetchReply(e), 1 << 20);
    assert.is(sent, 6);
    const wire = viaWire(FetchApi, 'response', body, version);
    const back = fetchResponseFromWire(wire as never, version, request);
    assert.ok(back.ok, `v${version}`);
    if (!back.ok) return;
    assert.is(back.message.id, 42);
    assert.is(back.message.entries.length, 6);
    for (let i = 0; i < 6; i++) {
      assert.is(back.message.entries[i]!.offset, e[i]!.offset);
      assert.is(back.message.entries[i]!.epoch, e[i]!.epoch);
      assert.equal([...back.message.entries[i]!.data], [...e[i]!.data]);
    }
    assert.equal({ ...back.message, entries: [] }, fetchReply([], { id: 42 }));
  }
  const records = fetchResponseToWire(fetchReply(e), 1 << 20).body.responses[0]!.partitions[0]!
    .records as Buffer;
  const batches = decodeRecordBatches(records);
  assert.equal(
    batches.map((b) => [b.baseOffset, b.partitionLeaderEpoch, b.recordCount]),
    [
      [10, 1, 2],
      [12, 2, 3],
      [15, 5, 1],
    ],
  );
});

test('fetch: diverging epoch, leader hints and error codes survive; no diverging epoch reads as null', () => {
  const request: FetchRequest = {
    kind: 'fetch',
    id: 1,
    epoch: 4,
    replicaId: 3,
    fetchOffset: 8,
    lastFetchedEpoch: 3,
  };
  for (const over of [
    { divergingEpoch: { epoch: 2, endOffset: 6 } },
    { divergingEpoch: { epoch: -1, endOffset: 0 } },
    { errorCode: 74, leaderId: -1, epoch: 6 },
    { errorCode: 6, leaderId: 2 },
  ] as Partial<FetchResponse>[]) {
    const reply = fetchReply([], { id: 1, ...over });
    const wire = viaWire(FetchApi, 'response', fetchResponseToWire(reply, 1024).body, 12);
    const back = fetchResponseFromWire(wire as never, 12, request);
    assert.ok(back.ok);
    if (back.ok) assert.equal(back.message, reply);
  }
});

test('fetch: answers stop at the byte limit (exactly at it, one byte under), but always carry one entry', () => {
  const e = entries(
    Array.from(
      { length: 10 },
      (_, i) => [1 + Math.floor(i / 4), new Uint8Array(100).fill(i)] as [number, Uint8Array],
    ),
  );
  const size = (n: number) => encodeEntries(e.slice(0, n), Number.MAX_SAFE_INTEGER).records.length;
  for (const n of [1, 3, 4, 5, 9]) {
    const at = encodeEntries(e, size(n));
    assert.is(at.count, n, `exactly ${size(n)} bytes hold ${n} entries`);
    assert.is(at.records.length, size(n));
    const under = encodeEntries(e, size(n) - 1);
    assert.is(under.count, Math.max(1, n - 1), `${size(n) - 1} bytes hold one entry fewer`);
    assert.ok(under.records.length <= size(n) - 1 || under.count === 1);
  }
  const huge = encodeEntries(
    entries([
      [1, new Uint8Array(5000)],
      [1, bytes('x')],
    ]),
    1024,
  );
  assert.is(huge.count, 1, 'an entry larger than the limit still goes, alone');
  const decoded = decodeEntries(huge.records, 0);
  assert.ok(decoded.ok && decoded.entries.length === 1 && decoded.entries[0]!.data.length === 5000);
});

test('fetch: corrupt, truncated, misplaced and garbage records are rejected, never thrown', () => {
  const e = entries([
    [1, bytes('one')],
    [1, bytes('two')],
    [2, bytes('three')],
  ]);
  const good = encodeEntries(e, 1 << 20).records;
  assert.ok(decodeEntries(good, 0).ok);
  // Batch boundaries: a cut exactly there is a shorter answer (as Kafka's Fetch may give), not a corrupt one.
  const starts: number[] = [];
  for (let pos = 0; pos < good.length; pos += 12 + good.readInt32BE(pos + 8)) starts.push(pos);
  assert.is(starts.length, 2);
  // A flipped bit anywhere under a batch's CRC (attributes to the end of the batch).
  for (let b = 0; b < starts.length; b++) {
    const end = starts[b + 1] ?? good.length;
    for (let i = starts[b]! + 21; i < end; i++) {
      const bad = Buffer.from(good);
      bad[i] = bad[i]! ^ (1 << (i % 8));
      assert.not.ok(decodeEntries(bad, 0).ok, `bit flip at ${i}`);
    }
  }
  const crc = Buffer.from(good);
  crc[18] = crc[18]! ^ 1;
  assert.match((decodeEntries(crc, 0) as { error: string }).error, /CRC/);
  // Truncated anywhere else.
  for (let n = 1; n < good.length; n++) {
    const d = decodeEntries(good.subarray(0, n), 0);
    if (starts.includes(n)) assert.ok(d.ok && d.entries.length === 2, `cut at the batch boundary ${n}`);
    else assert.not.ok(d.ok, `cut at ${n}`);
  }
  // Entries that do not start at the offset fetched, or skip one.
  assert.match((decodeEntries(good, 1) as { error: string }).error, /expected 1/);
  const gap = Buffer.concat([
    encodeRecordBatch([{ value: bytes('a') }], { baseOffset: 0, partitionLeaderEpoch: 1 }),
    encodeRecordBatch([{ value: bytes('b') }], { baseOffset: 2, partitionLeaderEpoch: 1 }),
  ]);
  assert.match((decodeEntries(gap, 0) as { error: string }).error, /expected 1/);
  // Epochs going back, and a record without a value, with valid CRCs.
  const back = Buffer.concat([
    encodeRecordBatch([{ value: bytes('a') }], { baseOffset: 0, partitionLeaderEpoch: 3 }),
    encodeRecordBatch([{ value: bytes('b') }], { baseOffset: 1, partitionLeaderEpoch: 2 }),
  ]);
  assert.match((decodeEntries(back, 0) as { error: string }).error, /epoch 2 after 3/);
  const noValue = encodeRecordBatch([{ value: null }], { baseOffset: 0, partitionLeaderEpoch: 1 });
  assert.match((decodeEntries(noValue, 0) as { error: string }).error, /no value/);
  // Random garbage, and random bit flips through a whole Fetch response.
  const random = new SeededRandom(7);
  for (let i = 0; i < 500; i++) {
    const junk = Buffer.from(
      Array.from({ length: Math.floor(random.next() * 200) }, () => Math.floor(random.next() * 256)),
    );
    const d = decodeEntries(junk, 0);
    assert.ok(d.ok === (junk.length === 0), 'garbage is refused');
  }
  const request: FetchRequest = {
    kind: 'fetch',
    id: 1,
    epoch: 2,
    replicaId: 3,
    fetchOffset: 0,
    lastFetchedEpoch: 0,
  };
  const w = new Writer();
  FetchApi.encodeResponse(w, fetchResponseToWire(fetchReply(e, { epoch: 2 }), 1 << 20).body, 12);
  const frame = w.finish();
  for (let i = 0; i < 300; i++) {
    const bad = Buffer.from(frame);
    const at = Math.floor(random.next() * bad.length);
    bad[at] = bad[at]! ^ (1 << Math.floor(random.next() * 8));
    const r = new Reader(bad);
    const body = FetchApi.decodeResponse(r, 12);
    if (r.error !== null) continue; // the frame itself does not parse: the connection's reader reports it
    const out = fetchResponseFromWire(body, 12, request);
    if (out.ok) {
      // A flip outside the records (an epoch, the high watermark) is not detectable here; entries are intact.
      assert.equal(
        out.message.entries.map((x) => new TextDecoder().decode(x.data)),
        ['one', 'two', 'three'],
      );
    } else assert.ok(out.errorCode !== 0);
  }
});

test('requests: another cluster, another partition, an old Fetch or another voter are refused', () => {
  const vote: VoteRequest = {
    kind: 'vote',
    epoch: 1,
    candidateId: 1,
    lastEpoch: 0,
    lastOffset: 0,
    preVote: false,
  };
  const other = voteRequestFromWire(voteRequestToWire(vote, 'other', 2), CLUSTER, 2);
  assert.equal(other.ok ? 0 : other.errorCode, INCONSISTENT_CLUSTER_ID);
  const none = voteRequestFromWire({ ...voteRequestToWire(vote, CLUSTER, 2), clusterId: null }, CLUSTER, 2);
  assert.equal(none.ok ? 0 : none.errorCode, INCONSISTENT_CLUSTER_ID);
  const wrongVoter = voteRequestFromWire(voteRequestToWire(vote, CLUSTER, 5), CLUSTER, 2);
  assert.equal(wrongVoter.ok ? 0 : wrongVoter.errorCode, INCONSISTENT_VOTER_SET);
  const topic = voteRequestToWire(vote, CLUSTER, 2);
  topic.topics[0]!.topicName = 'orders';
  const t = voteRequestFromWire(topic, CLUSTER, 2);
  assert.equal(t.ok ? 0 : t.errorCode, INVALID_REQUEST);
  // A body the generated VoteApi read has no pre-vote flag at all: refused, never taken for a real vote.
  const untagged = viaWire(RaftVoteApi, 'request', voteRequestToWire(vote, CLUSTER, 2), 1, VoteApi as never);
  const u = voteRequestFromWire(untagged as RaftVoteRequest, CLUSTER, 2);
  assert.equal(u.ok ? 0 : u.errorCode, INVALID_REQUEST);
  const part = voteRequestToWire(vote, CLUSTER, 2);
  part.topics[0]!.partitions[0]!.partitionIndex = 1;
  assert.not.ok(voteRequestFromWire(part, CLUSTER, 2).ok);

  const fetch: FetchRequest = {
    kind: 'fetch',
    id: 0,
    epoch: 1,
    replicaId: 2,
    fetchOffset: 0,
    lastFetchedEpoch: 0,
  };
  const f11 = fetchRequestFromWire(fetchRequestToWire(fetch, CLUSTER, 1024), 11, CLUSTER);
  assert.equal(f11.ok ? 0 : f11.errorCode, UNSUPPORTED_VERSION);
  const f = fetchRequestFromWire(fetchRequestToWire(fetch, 'other', 1024), 12, CLUSTER);
  assert.equal(f.ok ? 0 : f.errorCode, INCONSISTENT_CLUSTER_ID);
  const consumer = fetchRequestFromWire(
    fetchRequestToWire({ ...fetch, replicaId: -1 }, CLUSTER, 1024),
    12,
    CLUSTER,
  );
  assert.equal(consumer.ok ? 0 : consumer.errorCode, INVALID_REQUEST);
  const v13 = fetchRequestToWire(fetch, CLUSTER, 1024);
  v13.topics[0]!.topicId = 'AAAAAAAAAAAAAAAAAAAAAg';
  assert.not.ok(fetchRequestFromWire(v13, 13, CLUSTER).ok, 'v13+ goes by topic id');
  assert.ok(fetchRequestFromWire(v13, 12, CLUSTER).ok, 'v12 goes by topic name');
});

const warnings: string[] = [];
const collect = { info: () => {}, debug: () => {}, warn: (l: string) => warnings.push(l) };

function serviceOver(node: ConstructorParameters<typeof RaftRpcService>[0]) {
  const transport = new RaftWireTransport({
    nodeId: node.nodeId,
    clusterId: CLUSTER,
    resolve: () => null,
    onMessage: () => {},
  });
  return { transport, service: new RaftRpcService(node, transport, collect) };
}

test('service: another cluster never reaches the state machine; a stopped node answers BROKER_NOT_AVAILABLE', () => {
  const seen: RaftMessage[] = [];
  const spy = {
    nodeId: 2,
    epoch: 0,
    leaderId: -1,
    running: true,
    receive: (_: number, m: RaftMessage) => seen.push(m),
  };
  const { service } = serviceOver(spy);
  const vote: VoteRequest = {
    kind: 'vote',
    epoch: 1,
    candidateId: 1,
    lastEpoch: 0,
    lastOffset: 0,
    preVote: false,
  };
  assert.is(service.handleVote(voteRequestToWire(vote, 'other', 2), 1).errorCode, INCONSISTENT_CLUSTER_ID);
  const begin = beginEpochRequestToWire({ kind: 'begin-epoch', epoch: 1, leaderId: 1 }, 'other', 2);
  assert.is(service.handleBeginQuorumEpoch(begin, 1).errorCode, INCONSISTENT_CLUSTER_ID);
  const end = endEpochRequestToWire({ kind: 'end-epoch', epoch: 1, leaderId: 1, successors: [] }, 'other');
  assert.is(service.handleEndQuorumEpoch(end, 1).errorCode, INCONSISTENT_CLUSTER_ID);
  const fetch = fetchRequestToWire(
    { kind: 'fetch', id: 0, epoch: 1, replicaId: 1, fetchOffset: 0, lastFetchedEpoch: 0 },
    'other',
    1024,
  );
  assert.is(service.handleFetch(fetch, 12).errorCode, INCONSISTENT_CLUSTER_ID);
  assert.is(seen.length, 0, 'nothing reached the node');
  assert.is(service.stats.refused, 4);
  assert.ok(
    warnings.some((l) => /Vote request: cluster id other/.test(l)),
    'the refusal is logged',
  );
  const logged = warnings.length;
  service.handleVote(voteRequestToWire(vote, 'other', 2), 1);
  assert.is(warnings.length, logged, 'once, not per retry');
  // The same vote from this cluster reaches it; the spy sends no reply, which reads as a node not running.
  assert.is(service.handleVote(voteRequestToWire(vote, CLUSTER, 2), 1).errorCode, BROKER_NOT_AVAILABLE);
  assert.is(seen.length, 1);
  assert.is(service.stats.unanswered, 1);
  assert.is(service.stats.refused, 5);
});

test('service: a real node answers through the wire; replies sent elsewhere are strays, not answers', () => {
  const clock = new ManualClock(0);
  let transport!: RaftWireTransport;
  const node = new RaftNode({
    nodeId: 2,
    voters: [1, 2, 3],
    config: resolveRaftConfig(),
    clock,
    random: new SeededRandom(1),
    log: new MemoryRaftLog(),
    store: new MemoryQuorumStateStore(),
    transport: { send: (to, m) => transport.send(to, m) },
  });
  const built = serviceOver(node);
  transport = built.transport;
  const service = built.service;
  node.start();
  const pre: VoteRequest = {
    kind: 'vote',
    epoch: 1,
    candidateId: 1,
    lastEpoch: 0,
    lastOffset: 0,
    preVote: true,
  };
  const granted = service.handleVote(voteRequestToWire(pre, CLUSTER, 2), 1);
  assert.is(granted.errorCode, 0);
  assert.is(granted.topics[0]!.partitions[0]!.voteGranted, true);
  assert.is(node.epoch, 0, 'a pre-vote changes nothing');
  assert.is(node.votedFor, -1);
  const real = service.handleVote(voteRequestToWire({ ...pre, preVote: false }, CLUSTER, 2), 1);
  assert.is(real.topics[0]!.partitions[0]!.voteGranted, true);
  assert.is(node.epoch, 1);
  assert.is(node.votedFor, 1);
  const begin = service.handleBeginQuorumEpoch(
    beginEpochRequestToWire({ kind: 'begin-epoch', epoch: 1, leaderId: 1 }, CLUSTER, 2),
    1,
  );
  assert.equal(begin.topics[0]!.partitions[0], {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 1,
    leaderEpoch: 1,
  });
  assert.is(node.leaderId, 1);
  // A follower asked for the log answers NOT_LEADER_OR_FOLLOWER with the leader it knows.
  const fetch = fetchRequestToWire(
    { kind: 'fetch', id: 0, epoch: 1, replicaId: 3, fetchOffset: 0, lastFetchedEpoch: 0 },
    CLUSTER,
    1024,
  );
  const f = service.handleFetch(fetch, 12).responses[0]!.partitions[0]!;
  assert.is(f.errorCode, 6);
  assert.equal(f.currentLeader, { leaderId: 1, leaderEpoch: 1 });
  // A response-kind message outside answer() has nowhere to go.
  transport.send(1, { kind: 'begin-epoch-response', epoch: 1, errorCode: 0 });
  assert.is(transport.stats.strayResponses, 1);
  node.stop();
  assert.is(service.handleVote(voteRequestToWire(pre, CLUSTER, 2), 1).errorCode, BROKER_NOT_AVAILABLE);
  transport.close();
});

test('fetch: a SnapshotId answer survives at v12 to v17; none reads as absent', () => {
  const request: FetchRequest = {
    kind: 'fetch',
    id: 4,
    epoch: 3,
    replicaId: 2,
    fetchOffset: 0,
    lastFetchedEpoch: 0,
  };
  for (let version = 12; version <= 17; version++) {
    const reply = fetchReply([], { id: 4, snapshotId: { endOffset: 120, epoch: 3 } });
    const wire = viaWire(FetchApi, 'response', fetchResponseToWire(reply, 1024).body, version);
    const back = fetchResponseFromWire(wire as never, version, request);
    assert.ok(back.ok, `v${version}`);
    if (back.ok) assert.equal(back.message, reply, `v${version}`);
    const none = viaWire(
      FetchApi,
      'response',
      fetchResponseToWire(fetchReply([], { id: 4 }), 1024).body,
      version,
    );
    const plain = fetchResponseFromWire(none as never, version, request);
    assert.ok(plain.ok && plain.message.snapshotId === undefined);
  }
});

test('fetch snapshot: requests and responses round-trip at v0 and v1; chunks are cut at the byte limit', () => {
  const m: FetchSnapshotRequest = {
    kind: 'fetch-snapshot',
    id: 0,
    epoch: 4,
    replicaId: 3,
    snapshotId: { endOffset: 77, epoch: 2 },
    position: 4096,
  };
  const chunk = Buffer.from(Array.from({ length: 300 }, (_, i) => i & 0xff));
  for (const version of [0, 1]) {
    const body = viaWire(FetchSnapshotApi, 'request', fetchSnapshotRequestToWire(m, CLUSTER, 2048), version);
    const back = fetchSnapshotRequestFromWire(body as never, CLUSTER);
    assert.ok(back.ok, `v${version}`);
    if (!back.ok) return;
    assert.is(back.from, 3);
    assert.is(back.maxBytes, 2048);
    assert.equal(back.message, m);
    const reply: FetchSnapshotResponse = {
      kind: 'fetch-snapshot-response',
      id: 9,
      epoch: 4,
      leaderId: 1,
      errorCode: 0,
      snapshotId: { endOffset: 77, epoch: 2 },
      size: 10_000,
      position: 4096,
      bytes: chunk,
    };
    const request = { ...m, id: 9 };
    const wire = viaWire(FetchSnapshotApi, 'response', fetchSnapshotResponseToWire(reply, 1 << 20), version);
    const out = fetchSnapshotResponseFromWire(wire as never, request);
    assert.ok(out.ok);
    if (!out.ok) return;
    assert.ok(Buffer.from(out.message.bytes).equals(chunk));
    assert.equal({ ...out.message, bytes: null }, { ...reply, bytes: null });
    const cut = viaWire(FetchSnapshotApi, 'response', fetchSnapshotResponseToWire(reply, 100), version);
    const short = fetchSnapshotResponseFromWire(cut as never, request);
    assert.ok(
      short.ok && Buffer.from(short.message.bytes).equals(chunk.subarray(0, 100)),
      'cut at 100 bytes',
    );
    // Errors travel with the snapshot id and the leader hint.
    const err = { ...reply, errorCode: 98, size: -1, bytes: new Uint8Array(0) };
    const e = fetchSnapshotResponseFromWire(
      viaWire(FetchSnapshotApi, 'response', fetchSnapshotResponseToWire(err, 100), version) as never,
      request,
    );
    assert.ok(e.ok && e.message.errorCode === 98 && e.message.leaderId === 1);
  }
  // Another cluster, another topic, a non-replica: refused before any node sees them.
  const other = fetchSnapshotRequestFromWire(fetchSnapshotRequestToWire(m, 'other', 10) as never, CLUSTER);
  assert.ok(!other.ok && other.errorCode === INCONSISTENT_CLUSTER_ID);
  const wrongTopic = fetchSnapshotRequestToWire(m, CLUSTER, 10);
  wrongTopic.topics[0]!.name = 'events';
  const t = fetchSnapshotRequestFromWire(wrongTopic as never, CLUSTER);
  assert.ok(!t.ok && t.errorCode === INVALID_REQUEST);
  const consumer = fetchSnapshotRequestFromWire(
    { ...fetchSnapshotRequestToWire(m, CLUSTER, 10), replicaId: -1 } as never,
    CLUSTER,
  );
  assert.ok(!consumer.ok && consumer.errorCode === INVALID_REQUEST);
});

test('service: a leader serves its snapshot through FetchSnapshot, chunk by chunk', () => {
  const clock = new ManualClock(0);
  let transport!: RaftWireTransport;
  const log = new MemoryRaftLog();
  const node = new RaftNode({
    nodeId: 1,
    voters: [1],
    config: resolveRaftConfig({ snapshotChunkBytes: 64 }),
    clock,
    random: new SeededRandom(1),
    log,
    store: new MemoryQuorumStateStore(),
    transport: { send: (to, m) => transport.send(to, m) },
  });
  const built = serviceOver(node);
  transport = built.transport;
  node.start();
  clock.advance(10);
  assert.is(node.role, 'leader');
  node.propose([bytes('a'), bytes('b'), bytes('c')]);
  clock.advance(100);
  const state = [bytes('state-one'), bytes('state-two'), bytes('state-three')];
  const id = node.createSnapshot(node.highWatermark, state)!;
  const got: Buffer[] = [];
  let size = -1;
  for (let position = 0; size < 0 || position < size; ) {
    const req = fetchSnapshotRequestToWire(
      { kind: 'fetch-snapshot', id: 0, epoch: node.epoch, replicaId: 5, snapshotId: id, position },
      CLUSTER,
      1 << 20,
    );
    const p = built.service.handleFetchSnapshot(req, 1).topics[0]!.partitions[0]!;
    assert.is(p.errorCode, 0);
    assert.ok((p.unalignedRecords as Buffer).length <= 64);
    got.push(p.unalignedRecords as Buffer);
    size = p.size;
    position += (p.unalignedRecords as Buffer).length;
  }
  assert.ok(got.length > 1, 'more than one chunk');
  assert.ok(Buffer.concat(got).equals(Buffer.from(log.readSnapshot(id, 0, 1 << 20)!.bytes)));
  const gone = fetchSnapshotRequestToWire(
    {
      kind: 'fetch-snapshot',
      id: 0,
      epoch: node.epoch,
      replicaId: 5,
      snapshotId: { ...id, epoch: 9 },
      position: 0,
    },
    CLUSTER,
    1024,
  );
  assert.is(built.service.handleFetchSnapshot(gone, 1).topics[0]!.partitions[0]!.errorCode, 98);
  transport.close();
});

test('config: defaults resolve; bad values are refused with their name', () => {
  assert.is(resolveRaftWireConfig().maxInFlightPerPeer, 8);
  assert.throws(() => resolveRaftWireConfig({ maxInFlightPerPeer: 0 }), /maxInFlightPerPeer/);
  assert.throws(
    () => resolveRaftWireConfig({ maxFetchBytes: 1 << 20, maxResponseBytes: 1 << 19 }),
    /maxResponseBytes/,
  );
  assert.throws(() => resolveRaftWireConfig({ requestTimeoutMs: 1.5 }), /requestTimeoutMs/);
  assert.is(METADATA_TOPIC, '__cluster_metadata');
});

test.run();
