// A network partition between real broker processes, each in a network namespace this test makes: the active
// controller is cut off from the other two. The majority elects another controller and keeps taking
// metadata changes; the cut-off broker stops calling itself controller and cannot commit a change; records
// acknowledged before and during the partition are all there after it heals (its leader logs that it lost
// its majority), and the cluster ends with one
// controller that every broker names, with the change made during the partition visible everywhere.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONNECTION_DEFAULTS, Connection } from '../dist/client/connection.js';
import { Client } from '../dist/client/index.js';
import { CreateTopicsApi } from '../dist/protocol/generated/api-keys.js';
import {
  createCreateTopicsRequest,
  createCreateTopicsRequestCreatableTopic,
} from '../dist/protocol/generated/create-topics.js';
import { kcat, kcatMeta, uniqueTopic } from './helpers/client-broker.js';
import { type ClusterNodeProc, eventually, JOINED, makeNode } from './helpers/cluster-procs.js';
import { createNetLab, netLabUnavailable } from './helpers/netns.js';

const PORT = 9092;

/** kcat's Metadata, giving up after 3 s (a cut-off or stopped broker does not answer). */
const meta = (address: string, topic?: string) => kcatMeta(address, topic, 3);

const unavailable = netLabUnavailable();

test('the active controller cut off from the majority: a new one takes over, nothing acknowledged is lost', async () => {
  if (unavailable !== null) {
    // Network namespaces need root; CI runs as root (.ci/run). Say so loudly instead of passing quietly.
    console.log(`    SKIPPED: ${unavailable}`);
    return;
  }
  const lab = createNetLab(3);
  const nodes: ClusterNodeProc[] = [];
  try {
    for (let k = 1; k <= 3; k++) {
      const peers = [1, 2, 3].filter((j) => j !== k).map((j) => `${lab.host(j)}:${PORT}`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `runnel-part-${k}-`));
      const args = ['--node-id', String(k), '--listen', `${lab.host(k)}:${PORT}`, '--data-dir', dir];
      nodes.push(makeNode(k, lab.host(k), PORT, dir, [...args, '--peers', peers.join(',')], lab.prefix(k)));
    }
    await Promise.all(nodes.map((n) => n.restart()));
    await Promise.all(nodes.map((n) => n.waitForLog(JOINED)));
    const bootstrap = nodes.map((n) => n.address);
    const client = new Client({ brokers: bootstrap, clientId: 'partition', requestTimeoutMs: 5000 });
    try {
      const topic = uniqueTopic('part');
      // One replica each, as this test was written for (the default is now min(3, brokers)): it checks the
      // metadata quorum under a partition; replicated partitions with a cut-off leader are the replication
      // checker's (a producer kept timing out on the cut-off leader's partitions with 3 replicas).
      await client.admin().createTopics([{ topic, numPartitions: 6, replicationFactor: 1 }]);
      const producer = client.producer({ lingerMs: 1, deliveryTimeoutMs: 60_000 });
      const acked: { partition: number; offset: number | bigint; value: string }[] = [];
      const send = async (from: number, count: number) => {
        const sent = await producer.send(
          topic,
          Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}` })),
        );
        for (const [i, m] of sent.entries()) {
          acked.push({ partition: m.partition, offset: m.offset, value: `v${from + i}` });
        }
      };
      await send(0, 60);

      let controller = -1;
      await eventually('a controller', async () => {
        controller = (await meta(nodes[0]!.address)).controllerid;
        return controller > 0;
      });
      const cut = nodes[controller - 1]!;
      const majority = nodes.filter((n) => n !== cut);
      lab.isolate(controller);

      let next = -1;
      const took = await eventually('the majority agrees on a new controller', async () => {
        const ids = new Set(
          (await Promise.all(majority.map((n) => meta(n.address)))).map((m) => m.controllerid),
        );
        next = [...ids][0]!;
        return ids.size === 1 && next > 0 && next !== controller;
      });
      // The cut-off broker cannot commit a metadata change: a CreateTopics sent to it alone (one connection,
      // no client routing to the brokers this test process can still reach) fails or goes unanswered.
      const lost = uniqueTopic('never');
      const conn = new Connection({
        ...CONNECTION_DEFAULTS,
        host: lab.host(controller),
        port: PORT,
        clientId: 'alone',
        requestTimeoutMs: 6000,
      });
      const refused = await conn
        .connect()
        .then(() =>
          conn.request(
            CreateTopicsApi,
            createCreateTopicsRequest({
              topics: [
                createCreateTopicsRequestCreatableTopic({
                  name: lost,
                  numPartitions: 1,
                  replicationFactor: -1,
                }),
              ],
              timeoutMs: 5000,
            }),
            {},
            7,
          ),
        )
        .then(
          (res) => res.topics.every((t) => t.errorCode !== 0),
          () => true,
        );
      conn.close();
      assert.ok(refused, 'a topic created through the cut-off broker is refused');
      await cut.waitForLog(/lost its majority/, 15_000);
      // The majority keeps taking changes, and records keep being acknowledged.
      const during = uniqueTopic('during');
      const viaMajority = new Client({ brokers: majority.map((n) => n.address), clientId: 'majority' });
      await viaMajority.admin().createTopics([{ topic: during, numPartitions: 2 }]);
      await viaMajority.close();
      await send(60, 60);

      lab.healAll();
      await eventually(
        'every broker names the same controller and has the topic made meanwhile',
        async () => {
          const ms = await Promise.all(nodes.map((n) => meta(n.address, during)));
          const ids = new Set(ms.map((m) => m.controllerid));
          return (
            ids.size === 1 &&
            !ids.has(-1) &&
            ms.every((m) => m.topics.some((t) => t.topic === during && t.partitions.length === 2))
          );
        },
        60_000,
      );
      const everywhere = await meta(nodes[0]!.address);
      assert.ok(!everywhere.topics.some((t) => t.topic === lost), 'the refused topic never appeared');
      await eventually(
        'all three brokers listed again',
        async () => (await meta(majority[0]!.address)).brokers.length === 3,
        40_000,
      );
      await send(120, 30);
      await producer.close();

      const out = await kcat(['-b', bootstrap.join(','), '-t', topic, '-C', '-e', '-q', '-f', '%p %o %s\n']);
      const read = new Map<string, string>();
      for (const l of out.trim().split('\n')) {
        const [p, o, v] = l.split(' ');
        read.set(`${p} ${o}`, v!);
      }
      for (const a of acked) assert.is(read.get(`${a.partition} ${a.offset}`), a.value, `acked ${a.value}`);
      assert.is(read.size, acked.length, 'nothing more than what was acknowledged');
      console.log(
        `    new controller ${took} ms after the cut; ${acked.length} records acknowledged and read back`,
      );
    } finally {
      await client.close();
    }
  } finally {
    for (const n of nodes) {
      if (n.alive()) await n.signal('SIGKILL');
      fs.rmSync(n.dataDir, { recursive: true, force: true });
    }
    lab.destroy();
  }
});

test.run();
