// Gossip sealing cost, in process: GossipKeyring.seal and open (AES-256-GCM, node:crypto) of a 200-byte
// datagram (a ping with a few piggybacked updates), a 1,400-byte one (a full datagram) and a 64 KiB stream
// frame (a push-pull of a few hundred members), against copying the bytes. Also open with the right key
// second in the ring (mid-rotation) and a packet no key opens (the cost an attacker can make us pay).
// Prints µs per operation, best of 5 rounds.
//   node --import tsx bench/gossip-crypto.ts
import { randomBytes } from 'node:crypto';
import { GossipKeyring } from '../src/cluster/membership/keyring.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ring = new GossipKeyring([k1]);
const rotating = new GossipKeyring([k2, k1]);
const wrong = new GossipKeyring([randomBytes(32), randomBytes(32)]);

function time(label: string, iterations: number, fn: () => unknown): void {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    const us = Number(process.hrtime.bigint() - start) / 1000 / iterations;
    if (us < best) best = us;
  }
  console.log(`${label.padEnd(44)} ${best.toFixed(2).padStart(8)} µs`);
}

for (const size of [200, 1400, 65_536]) {
  const plain = randomBytes(size);
  const channel = size > 1400 ? 'stream' : 'datagram';
  const sealed = ring.seal(plain, channel);
  const n = size > 1400 ? 2000 : 50_000;
  console.log(`-- ${size} bytes (${channel})`);
  time('copy (baseline)', n, () => Buffer.from(plain));
  time('seal', n, () => ring.seal(plain, channel));
  time('open', n, () => ring.open(sealed, channel));
  time('open, key second in the ring', n, () => rotating.open(sealed, channel));
  time('open refused by two keys', n, () => wrong.open(sealed, channel));
}
