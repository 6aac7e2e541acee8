// Metadata snapshots between real broker processes: with a tiny --metadata-snapshot-bytes the brokers write
// snapshots of the metadata image and drop the metadata log below them; a broker killed before the topics
// were created comes back behind every log start, fetches the leader's snapshot over FetchSnapshot, and then
// knows every topic, also after a restart.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Client } from '../dist/client/index.js';
import { kcat } from './helpers/client-broker.js';
import { eventuallyWithin, JOINED, startCluster, type TestCluster } from './helpers/cluster-procs.js';

let cluster: TestCluster;
let client: Client | null = null;

const snapshotsOf = (dataDir: string) => {
  const dir = path.join(dataDir, '__cluster_metadata-0');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.checkpoint')) : [];
};

async function topicsSeenBy(address: string): Promise<string[]> {
  const meta = JSON.parse(await kcat(['-b', address, '-L', '-J'])) as { topics: { topic: string }[] };
  return meta.topics.map((t) => t.topic).sort();
}

const eventually = eventuallyWithin(20_000);

test.before(async () => {
  cluster = await startCluster(3, { args: ['--metadata-snapshot-bytes', '200'] });
});

test.after(async () => {
  await client?.close();
  await cluster?.destroy();
});

test('a broker that missed the log below every snapshot catches up through FetchSnapshot', async () => {
  // Whether it led the quorum or not: the other two go on (a majority of three) and elect as needed.
  const behind = cluster.node(3);
  await behind.signal('SIGKILL');
  const live = cluster.nodes.filter((n) => n !== behind);
  client = new Client({ brokers: live.map((n) => n.address), clientId: 'snapshot-test' });
  // Node 3 may have been the controller: wait until the others name a live one.
  await eventually('a live controller', async () => {
    const meta = JSON.parse(await kcat(['-b', live[0]!.address, '-L', '-J'])) as { controllerid: number };
    return live.some((n) => n.nodeId === meta.controllerid);
  });
  const topics = Array.from({ length: 6 }, (_, i) => `snap-${i}`);
  for (const topic of topics) await client.admin().createTopics([{ topic, numPartitions: 3 }]);
  await eventually('the live brokers wrote snapshots', async () =>
    live.every((n) => snapshotsOf(n.dataDir).length === 1),
  );
  await behind.restart();
  await behind.waitForLog(/installed snapshot (\d+)-(\d+)/);
  await eventually('the returning broker lists every topic', async () => {
    const seen = await topicsSeenBy(behind.address);
    return topics.every((t) => seen.includes(t));
  });
  assert.is(snapshotsOf(behind.dataDir).length, 1, 'it keeps the snapshot it installed');
  // A restart opens its own snapshot and log (the leader may have snapshotted again meanwhile: its records
  // of this broker's shutdown and return count too).
  await behind.signal('SIGTERM');
  await behind.restart();
  await behind.waitForLog(JOINED);
  await eventually('and it still lists every topic', async () => {
    const seen = await topicsSeenBy(behind.address);
    return topics.every((t) => seen.includes(t));
  });
});

test.run();
