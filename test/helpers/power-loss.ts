// Power-loss tests on real broker processes (cluster-power-loss, cluster-unclean-recovery-procs): a cluster
// whose brokers read their boot id from a file the test rewrites (--boot-id-file, as a machine restart
// changes it), a replication-factor-2 topic with min.insync.replicas 2 on two chosen brokers, acknowledged
// records kept by offset, and the active segment whose tail a power loss cuts.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, Producer } from '../../dist/client/index.js';
import { uniqueTopic } from './client-broker.js';
import { type Eventually, startCluster, type TestCluster } from './cluster-procs.js';

export interface PowerLossCluster {
  cluster: TestCluster;
  /** A new boot id for node k: its next start counts as after a machine restart. */
  reboot(k: number): void;
  /** SIGCONT to stopped nodes, stop every node, remove the boot id files. */
  destroy(): Promise<void>;
}

export async function startPowerLossCluster(n: number): Promise<PowerLossCluster> {
  const boots = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-boot-'));
  const bootFile = (k: number) => path.join(boots, `node-${k}`);
  const reboot = (k: number) => fs.writeFileSync(bootFile(k), `${randomUUID()}\n`);
  for (let k = 1; k <= n; k++) reboot(k);
  const cluster = await startCluster(n, {
    args: ['--replica-lag-time-max-ms', '1500', '--replica-fetch-backoff-ms', '100'],
    argsFor: (k) => ['--boot-id-file', bootFile(k)],
  });
  return {
    cluster,
    reboot,
    async destroy() {
      for (const node of cluster.nodes) if (node.alive()) await node.signal('SIGCONT');
      await cluster.destroy();
      fs.rmSync(boots, { recursive: true, force: true });
    },
  };
}

/** The newest segment file of partition 0 of `topic` in a broker's data dir. */
export function activeSegment(dataDir: string, topic: string): string {
  const dir = path.join(dataDir, `${topic}-0`);
  const last = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .pop()!;
  return path.join(dir, last);
}

/**
 * A topic of one partition on [leader, follower] with min.insync.replicas 2, once every broker is live and
 * both replicas are in the ISR; `describe` reads its partition 0.
 */
export async function twoReplicaTopic(
  client: Client,
  eventually: Eventually,
  brokers: number,
  replicas: [number, number],
  prefix: string,
) {
  await eventually(
    `${brokers} live brokers`,
    async () => (await client.admin().describeCluster()).brokers.length === brokers,
  );
  const topic = uniqueTopic(prefix);
  await client.admin().createTopics([
    {
      topic,
      replicaAssignment: [{ partition: 0, replicas }],
      configs: { 'min.insync.replicas': '2' },
    },
  ]);
  const describe = async () => (await client.admin().describeTopics([topic]))[0]!.partitions[0]!;
  await eventually('the ISR holds both replicas', async () => (await describe()).isr.length === 2);
  return { topic, describe };
}

/** Sends `n` values `${prefix}${i}` to partition 0, ten per send, keeping each acknowledged one by offset. */
export async function sendAcked(
  producer: Producer,
  topic: string,
  acked: Map<number, string>,
  prefix: string,
  n: number,
): Promise<void> {
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: 10 }, (_, j) => ({ partition: 0, value: `${prefix}${i + j}` }));
    const meta = await producer.send(topic, batch);
    meta.forEach((m, j) => {
      acked.set(m.offset, batch[j]!.value);
    });
  }
}
