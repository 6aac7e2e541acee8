// High watermarks of partitions this broker has no replica of, for consumer lag: a group coordinated here
// may have committed offsets on partitions led anywhere. At each scrape, one ListOffsets (latest, which is
// the high watermark) goes to each of their leaders, over one connection per leader kept between scrapes.
//
// Limits: at most `maxPartitions` partitions asked per scrape (the rest are left out of the lag, as the
// series limit would drop them anyway); each leader answers within `timeoutMs` or its partitions are left
// out of that scrape.
import type { Connection } from '../../client/connection.js';
import { BrokerConnections, type InterBrokerAddress } from '../../cluster/broker-connections.js';
import type { MetadataImage } from '../../cluster/metadata/image.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ListOffsetsApi } from '../../protocol/generated/api-keys.js';
import { LATEST_TIMESTAMP } from '../../protocol/list-offsets.js';

export const LAG_CLIENT_ID = 'runnel-metrics-lag';

export interface RemoteHighWatermarksOptions {
  timeoutMs: number;
  maxPartitions: number;
  /** A leader's inter-broker listener. */
  resolve(brokerId: number): InterBrokerAddress | undefined;
}

export class RemoteHighWatermarks {
  readonly #o: RemoteHighWatermarksOptions;
  readonly #connections: BrokerConnections;
  #closed = false;

  constructor(options: RemoteHighWatermarksOptions) {
    this.#o = options;
    this.#connections = new BrokerConnections({
      clientId: LAG_CLIENT_ID,
      connectTimeoutMs: options.timeoutMs,
      maxInFlight: 1,
    });
  }

  /** `topic\0partition` -> high watermark, for the partitions asked whose leader answered. */
  async fetch(
    image: MetadataImage,
    partitions: Iterable<{ topic: string; partition: number }>,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (this.#closed) return out;
    const byLeader = new Map<number, Map<string, number[]>>();
    let asked = 0;
    for (const { topic, partition } of partitions) {
      if (asked >= this.#o.maxPartitions) break;
      const leader = image.partition(topic, partition)?.leader ?? -1;
      if (leader < 0) continue;
      let topics = byLeader.get(leader);
      if (topics === undefined) byLeader.set(leader, (topics = new Map()));
      const list = topics.get(topic) ?? [];
      if (list.includes(partition)) continue;
      list.push(partition);
      topics.set(topic, list);
      asked++;
    }
    await Promise.all(
      [...byLeader].map(async ([leader, topics]) => {
        const conn = this.#connection(image, leader);
        if (conn === null) return;
        try {
          const res = await conn.request(
            ListOffsetsApi,
            {
              replicaId: -1,
              isolationLevel: 0,
              topics: [...topics].map(([name, ps]) => ({
                name,
                partitions: ps.map((p) => ({
                  partitionIndex: p,
                  currentLeaderEpoch: -1,
                  timestamp: LATEST_TIMESTAMP,
                  maxNumOffsets: 1,
                })),
              })),
              timeoutMs: this.#o.timeoutMs,
            },
            { timeoutMs: this.#o.timeoutMs },
          );
          for (const t of res.topics) {
            for (const p of t.partitions) {
              if (p.errorCode === ErrorCode.NONE && p.offset >= 0)
                out.set(`${t.name}\u0000${p.partitionIndex}`, Number(p.offset));
            }
          }
        } catch {
          // Unreachable or slow leader: its partitions sit out this scrape.
        }
      }),
    );
    return out;
  }

  close(): void {
    this.#closed = true;
    this.#connections.close();
  }

  #connection(_image: MetadataImage, brokerId: number): Connection | null {
    const address = this.#o.resolve(brokerId);
    return address === undefined ? null : this.#connections.get(brokerId, address);
  }
}
