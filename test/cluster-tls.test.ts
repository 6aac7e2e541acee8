// Three real brokers whose inter-broker listener is SSL with client certificates required (mTLS), beside a
// PLAINTEXT listener for clients: gossip (its TCP sync shares the SSL port), the metadata quorum, the
// controller channel and replica fetches all reach the other brokers, so the cluster forms and a
// replication-factor-3 topic keeps every acks=all record when its leader is killed. Each client is told the
// brokers' addresses on the listener it came in on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { type Ca, certDir, freePorts, type Leaf, makeCa, makeLeaf } from './helpers/certs.js';
import { eventually, startCluster, type TestCluster } from './helpers/cluster-procs.js';

let dir: string;
let ca: Ca;
let brokerCert: Leaf;
let cluster: TestCluster;
let clientPorts: number[];

test.before(async () => {
  dir = certDir();
  ca = makeCa(dir);
  brokerCert = makeLeaf(ca, 'broker', '/CN=broker/O=Runnel');
  clientPorts = await freePorts(3);
  cluster = await startCluster(3, {
    argsFor: (id, port) => [
      '--listeners',
      `INTERNAL://127.0.0.1:${port},CLIENT://127.0.0.1:${clientPorts[id - 1]}`,
      '--listener-security-protocol-map',
      'INTERNAL:SSL,CLIENT:PLAINTEXT',
      '--inter-broker-listener-name',
      'INTERNAL',
      '--ssl-cert',
      brokerCert.cert,
      '--ssl-key',
      brokerCert.key,
      '--ssl-ca',
      ca.cert,
      '--ssl-client-auth',
      'required',
    ],
  });
});

test.after(async () => {
  await cluster?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const clientBootstrap = () => clientPorts.map((p) => `127.0.0.1:${p}`);

test('metadata lists every broker on the listener the client came in on', async () => {
  const plain = new Client({ brokers: clientBootstrap() });
  await eventually('three brokers listed', async () => {
    const c = await plain.admin().describeCluster();
    return c.brokers.length === 3;
  });
  const { brokers } = await plain.admin().describeCluster();
  assert.equal(
    brokers.map((b) => b.port),
    clientPorts,
  );
  await plain.close();
  const tls = new Client({
    brokers: [cluster.node(1).address],
    ssl: {
      ca: fs.readFileSync(ca.cert),
      cert: fs.readFileSync(brokerCert.cert),
      key: fs.readFileSync(brokerCert.key),
    },
  });
  const internal = await tls.admin().describeCluster();
  assert.equal(
    internal.brokers.map((b) => b.port),
    cluster.nodes.map((n) => n.port),
  );
  await tls.close();
});

test('a replicated topic keeps every acks=all record when its leader is killed (replication over TLS)', async () => {
  const client = new Client({ brokers: clientBootstrap(), retryBackoffMs: 200 });
  const admin = client.admin();
  await admin.createTopics([{ topic: 'over-tls', numPartitions: 1, replicationFactor: 3 }]);
  const producer = client.producer({ acks: 'all' });
  const values = Array.from({ length: 200 }, (_, i) => `record-${i}`);
  for (let i = 0; i < values.length; i += 20)
    await producer.send(
      'over-tls',
      values.slice(i, i + 20).map((value) => ({ value })),
    );
  // Every follower fetched it all over the SSL listener: the ISR is all three.
  await eventually('ISR of three', async () => {
    const [t] = await admin.describeTopics(['over-tls']);
    return t!.partitions[0]!.isr.length === 3;
  });
  const [t] = await admin.describeTopics(['over-tls']);
  const leader = t!.partitions[0]!.leader;
  await client.close();
  await cluster.node(leader).signal('SIGKILL');

  const survivors = clientPorts.filter((_, i) => i + 1 !== leader).map((p) => `127.0.0.1:${p}`);
  await eventually('a new leader', async () => {
    const c = new Client({ brokers: survivors });
    try {
      const [d] = await c.admin().describeTopics(['over-tls']);
      const l = d!.partitions[0]!.leader;
      return l >= 0 && l !== leader;
    } finally {
      await c.close();
    }
  });
  const r = spawnSync(
    'kcat',
    ['-b', survivors.join(','), '-C', '-t', 'over-tls', '-o', 'beginning', '-e', '-q', '-m', '20'],
    { encoding: 'utf8', timeout: 30_000 },
  );
  assert.equal(r.stdout.trim().split('\n'), values, r.stderr);
});

test.run();
