// SASL in a 3-broker cluster of real processes whose one listener is SASL_PLAINTEXT: the brokers log in to
// each other with their own PLAIN credentials (sasl.mechanism.inter.broker.protocol, username/password of
// the JAAS file) for the metadata quorum, the controller channel and replication. A SCRAM user created
// through the admin API on one broker then logs in on every other broker (the credential travels in the
// metadata log), and a replicated topic written by it is read back from the others with kcat.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { eventually, startCluster, type TestCluster } from './helpers/cluster-procs.js';
import { jaasText, kcat as runKcat } from './helpers/secure-broker.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-sasl-cluster-'));
const USERS = path.join(dir, 'users.jaas');
let cluster: TestCluster;

const kcat = (address: string, args: string[], input?: string) =>
  runKcat(address, ['-X', 'security.protocol=SASL_PLAINTEXT', ...args], input, 20_000);

test.before(async () => {
  fs.writeFileSync(
    USERS,
    jaasText(
      { broker: 'broker-secret', admin: 'admin-secret' },
      { username: 'broker', password: 'broker-secret' },
    ),
  );
  cluster = await startCluster(3, {
    args: [
      '--listener-security-protocol-map',
      'PLAINTEXT:SASL_PLAINTEXT',
      '--sasl-enabled-mechanisms',
      'PLAIN,SCRAM-SHA-512',
      '--sasl-plain-users-file',
      USERS,
    ],
  });
});

test.after(async () => {
  await cluster?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a SCRAM user created on one broker logs in on the others; a replicated topic is read back from each', async () => {
  const [n1, n2, n3] = cluster.nodes;
  const admin = new Client({
    brokers: [n1!.address],
    sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' },
  });
  try {
    const res = await admin
      .admin()
      .alterUserScramCredentials([{ user: 'alice', mechanism: 'SCRAM-SHA-512', password: 'alice-secret' }]);
    assert.equal(res, [{ user: 'alice', errorCode: 0, errorMessage: null }]);
    await admin.admin().createTopics([{ topic: 'replicated', numPartitions: 1, replicationFactor: 3 }]);
  } finally {
    await admin.close();
  }
  const alice = [
    '-X',
    'sasl.mechanisms=SCRAM-SHA-512',
    '-X',
    'sasl.username=alice',
    '-X',
    'sasl.password=alice-secret',
  ];
  // Every broker learns the credential from the metadata log.
  for (const n of [n2!, n3!]) {
    await eventually(
      `alice logs in on node ${n.nodeId}`,
      async () => (await kcat(n.address, [...alice, '-L', '-m', '3'])).code === 0,
    );
  }
  const p = await kcat(n2!.address, [...alice, '-P', '-t', 'replicated', '-X', 'acks=all'], 'a\nb\nc\n');
  assert.is(p.code, 0, p.stderr);
  for (const n of cluster.nodes) {
    const c = await kcat(n.address, [...alice, '-C', '-t', 'replicated', '-o', 'beginning', '-e', '-q']);
    assert.is(c.code, 0, c.stderr);
    assert.is(c.stdout, 'a\nb\nc\n');
  }
  // Inter-broker traffic authenticated: no broker refused another.
  for (const n of cluster.nodes) assert.not.match(n.log(), /failed .* authentication of user 'broker'/);
});

test.run();
