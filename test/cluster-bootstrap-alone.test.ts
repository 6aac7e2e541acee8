// decideAlone: a broker that is its own quorum decides at once (voters = itself, the given cluster id),
// keeps a decision already made, and refuses a record that took part in forming a cluster with others.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decideAlone } from '../dist/cluster/bootstrap.js';
import { type BootstrapRecord, MemoryBootstrapStore } from '../dist/cluster/bootstrap-store.js';
import { SeededRandom } from '../dist/random.js';

const random = new SeededRandom(7);
const base: BootstrapRecord = {
  nodeId: 4,
  nonce: 'n0nce',
  expect: 3,
  proposal: null,
  committed: null,
  clusterId: null,
  voters: null,
};

test('a first start decides at once and saves it: voters = this node, the given cluster id', () => {
  const store = new MemoryBootstrapStore();
  const r = decideAlone(store, 4, 'cid-from-meta', random);
  assert.equal(r.voters, [4]);
  assert.is(r.clusterId, 'cid-from-meta');
  assert.equal(store.load(), r);
  assert.is(store.writes, 1);
});

test('a decision already made is kept as it is, whatever cluster id is offered', () => {
  const decided = {
    ...base,
    clusterId: 'theirs',
    voters: [1, 2, 4],
    committed: [1, 2, 4],
    proposal: [1, 2, 4],
  };
  const store = new MemoryBootstrapStore(decided);
  assert.equal(decideAlone(store, 4, 'mine', random), decided);
  assert.is(store.writes, 0);
});

test('a broker that only waited (never proposed) may decide alone, keeping its nonce', () => {
  const store = new MemoryBootstrapStore(base);
  const r = decideAlone(store, 4, 'cid', random);
  assert.equal(r.voters, [4]);
  assert.is(r.nonce, 'n0nce');
});

test('a broker that proposed or committed with others is refused; another node id too', () => {
  for (const record of [
    { ...base, proposal: [1, 4] },
    { ...base, proposal: [1, 4], committed: [1, 4] },
  ]) {
    const store = new MemoryBootstrapStore(record);
    assert.throws(() => decideAlone(store, 4, 'cid', random), /took part in forming a cluster/);
    assert.is(store.writes, 0);
  }
  assert.throws(
    () => decideAlone(new MemoryBootstrapStore(base), 5, 'cid', random),
    /belongs to node 4, not node 5/,
  );
});

test.run();
