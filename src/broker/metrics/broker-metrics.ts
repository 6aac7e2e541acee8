// The broker's metrics (docs/METRICS.md lists them). Names follow Kafka's JMX names where one exists:
// kafka.<group>:type=<Type>,name=<Name> becomes kafka_<group>_<type>_<name>, lower case; a rate meter
// (...PerSec) is a counter with _total, a time in ms a histogram in seconds (_seconds). Metrics Kafka lacks
// start with runnel_. Counters are bumped on the request path (counters.ts); every gauge is read from the
// broker's own state when a scrape asks, so metrics cost nothing between scrapes.

import { cpuUsage, memoryUsage } from 'node:process';
import type { InterBrokerAddress } from '../../cluster/broker-connections.js';
import type { ClusterNode } from '../../cluster/cluster-node.js';
import { ReplicaRole } from '../../cluster/partition-state.js';
import type { ReplicaManager } from '../../cluster/replica-manager.js';
import type { LogStatsResult, PartitionStore } from '../../storage/pool.js';
import { PartitionPool } from '../../storage/pool.js';
import type { FetchPurgatory } from '../fetch-purgatory.js';
import type { GroupCoordinator } from '../groups/coordinator.js';
import type { ApiHandler } from '../handler.js';
import type { ProducePurgatory } from '../produce-purgatory.js';
import type { RequestMemory } from '../request-memory.js';
import { BrokerTopicMetrics, RequestMetrics, type TopicTraffic } from './counters.js';
import {
  Histogram,
  LATENCY_BUCKETS_SECONDS,
  type MetricFamily,
  MetricsRegistry,
  type SampleSink,
} from './registry.js';
import { RemoteHighWatermarks } from './remote-high-watermarks.js';

/** What the metrics read; the Broker provides it. */
export interface MetricsSources {
  readonly nodeId: number;
  readonly handlers: readonly ApiHandler[];
  readonly replicas: ReplicaManager;
  readonly store: PartitionStore;
  readonly groups: GroupCoordinator;
  readonly cluster: ClusterNode;
  readonly purgatory: FetchPurgatory;
  readonly acks: ProducePurgatory;
  readonly requestMemory: RequestMemory;
  readonly connectionCount: number;
  /** Another broker's inter-broker listener, with TLS options when it speaks TLS. */
  interBrokerAddress(brokerId: number): InterBrokerAddress | undefined;
}

const GOSSIP_STATES = ['alive', 'suspect', 'dead', 'left'] as const;
/** How long a scrape waits for other leaders' high watermarks (consumer lag). */
const REMOTE_HIGH_WATERMARK_TIMEOUT_MS = 2000;
const PROCESS_START_SECONDS = Math.floor(Date.now() / 1000 - process.uptime());

export class BrokerMetrics {
  readonly requests = new RequestMetrics();
  readonly topics = new BrokerTopicMetrics();
  readonly registry: MetricsRegistry;
  readonly #src: MetricsSources;
  /** Api key -> name (Kafka's request names, the `request` label). */
  readonly #apiNames: string[] = [];
  /** Merged at each scrape from every owner thread. */
  #flushTimes = new Histogram(LATENCY_BUCKETS_SECONDS);
  #threadTimes: ({ activeMs: number; idleMs: number } | null)[] = [];
  /** Bumped by every scrape: the partition walk runs once per scrape, not once per family. */
  #scrapes = 0;
  /** Consumer lag of partitions with no replica here: their leaders' high watermarks, asked per scrape. */
  readonly #remote: RemoteHighWatermarks;
  #remoteHighWatermarks = new Map<string, number>();
  readonly #maxSeries: number;

  constructor(sources: MetricsSources, maxSeries: number) {
    this.#src = sources;
    this.#maxSeries = maxSeries;
    this.#remote = new RemoteHighWatermarks({
      timeoutMs: REMOTE_HIGH_WATERMARK_TIMEOUT_MS,
      maxPartitions: maxSeries,
      resolve: (id) => sources.interBrokerAddress(id),
    });
    this.registry = new MetricsRegistry(maxSeries);
    for (const h of sources.handlers) this.#apiNames[h.codec.apiKey] = h.codec.name;
    for (const f of this.#families()) this.registry.register(f);
  }

  /** One scrape: reads what lives on the owner threads, then every family. */
  async scrape(): Promise<string> {
    const store = this.#src.store;
    const stats: LogStatsResult[] = await store.logStats(false);
    const flush = new Histogram(LATENCY_BUCKETS_SECONDS);
    for (const s of stats) {
      if (s.flush.counts.length === flush.counts.length)
        flush.merge(s.flush.counts, s.flush.sumSeconds, s.flush.count);
    }
    this.#flushTimes = flush;
    this.#threadTimes = store instanceof PartitionPool ? store.threadUtilization() : [];
    const exists = (topic: string) => this.#src.replicas.topic(topic) !== undefined;
    this.topics.prune(exists);
    for (const f of this.#src.replicas.replication?.fetchers.values() ?? []) f.forgetTopics(exists);
    this.#remoteHighWatermarks = await this.#remote.fetch(this.#src.cluster.image, this.#notHostedCommits());
    this.#scrapes++;
    return this.registry.scrape();
  }

  /** Closes the connections to other brokers (broker stop). */
  close(): void {
    this.#remote.close();
  }

  /** Partitions with a committed offset here but no replica here (their lag needs the leader's answer). */
  *#notHostedCommits(): Generator<{ topic: string; partition: number }> {
    const replicas = this.#src.replicas;
    let n = 0;
    for (const c of this.#src.groups.committedOffsets()) {
      const state = replicas.partitions(c.topic)[c.partition];
      if (state?.replicas.includes(this.#src.nodeId) === true) continue;
      if (n++ >= this.#maxSeries) return;
      yield c;
    }
  }

  #families(): MetricFamily[] {
    const src = this.#src;
    const req = this.requests;
    const t = this.topics;
    const counter = (name: string, help: string, value: () => number): MetricFamily => ({
      name,
      help,
      type: 'counter',
      collect: (s) => s.sample(value()),
    });
    const gauge = (name: string, help: string, value: () => number): MetricFamily => ({
      name,
      help,
      type: 'gauge',
      collect: (s) => s.sample(value()),
    });
    const perTopic = (name: string, help: string, pick: (x: TopicTraffic) => number): MetricFamily => ({
      name,
      help,
      type: 'counter',
      collect: (s) => {
        s.sample(pick(t)); // BrokerTopicMetrics holds the all-topics totals under the same names
        for (const [topic, x] of t.byTopic) s.sample(pick(x), ['topic', topic]);
      },
    });
    const perApi = (name: string, help: string, byKey: readonly (Histogram | undefined)[]): MetricFamily => ({
      name,
      help,
      type: 'histogram',
      collect: (s) => {
        for (let k = 0; k < byKey.length; k++) {
          const h = byKey[k];
          if (h !== undefined) s.histogram(h, ['request', this.#apiName(k)]);
        }
      },
    });
    return [
      // ---- requests (kafka.network:type=RequestMetrics) ----
      {
        name: 'kafka_network_requestmetrics_requests_total',
        help: 'Requests answered, by API (RequestsPerSec)',
        type: 'counter',
        collect: (s) => {
          for (let k = 0; k < req.requests.length; k++) {
            if (req.requests[k]! > 0) s.sample(req.requests[k]!, ['request', this.#apiName(k)]);
          }
        },
      },
      perApi(
        'kafka_network_requestmetrics_totaltime_seconds',
        'Time from a request frame read to its response ready, by API (TotalTimeMs)',
        req.totalTime,
      ),
      perApi(
        'kafka_network_requestmetrics_localtime_seconds',
        'Part of the total time the broker worked on the request, by API (LocalTimeMs)',
        req.localTime,
      ),
      perApi(
        'kafka_network_requestmetrics_remotetime_seconds',
        'Part of the total time the request waited for replicas (acks=all) or data (fetch long poll), by API (RemoteTimeMs)',
        req.remoteTime,
      ),
      counter(
        'runnel_network_request_bytes_total',
        'Request frame bytes received, all APIs',
        () => req.requestBytes,
      ),
      counter(
        'runnel_network_response_bytes_total',
        'Response frame bytes sent, all APIs',
        () => req.responseBytes,
      ),
      gauge(
        'kafka_server_socketservermetrics_connection_count',
        'Client connections open (socket-server-metrics connection-count)',
        () => src.connectionCount,
      ),
      gauge(
        'runnel_network_queued_request_bytes',
        'Request bytes held in memory now, against queued.max.request.bytes',
        () => src.requestMemory.used,
      ),
      // ---- traffic (kafka.server:type=BrokerTopicMetrics): all topics unlabelled, then each topic ----
      perTopic(
        'kafka_server_brokertopicmetrics_messagesin_total',
        'Records appended by producers (MessagesInPerSec); without a topic label: all topics',
        (x) => x.messagesIn,
      ),
      perTopic(
        'kafka_server_brokertopicmetrics_bytesin_total',
        'Record batch bytes appended by producers (BytesInPerSec); without a topic label: all topics',
        (x) => x.bytesIn,
      ),
      perTopic(
        'kafka_server_brokertopicmetrics_bytesout_total',
        'Record batch bytes fetched by consumers (BytesOutPerSec); without a topic label: all topics',
        (x) => x.bytesOut,
      ),
      perTopic(
        'kafka_server_brokertopicmetrics_replicationbytesout_total',
        'Record batch bytes fetched by follower replicas (ReplicationBytesOutPerSec); without a topic label: all topics',
        (x) => x.replicationBytesOut,
      ),
      counter(
        'kafka_server_brokertopicmetrics_failedproducerequests_total',
        'Produce partitions answered with an error (FailedProduceRequestsPerSec)',
        () => t.failedProducePartitions,
      ),
      counter(
        'kafka_server_brokertopicmetrics_failedfetchrequests_total',
        'Fetch partitions answered with an error (FailedFetchRequestsPerSec)',
        () => t.failedFetchPartitions,
      ),
      // ---- partitions (kafka.server:type=ReplicaManager) ----
      ...this.#partitionFamilies(),
      counter(
        'kafka_server_replicamanager_isrshrinks_total',
        'ISR shrinks of partitions led here (IsrShrinksPerSec)',
        () => src.replicas.replication?.isrShrinks ?? 0,
      ),
      counter(
        'kafka_server_replicamanager_isrexpands_total',
        'ISR expands of partitions led here (IsrExpandsPerSec)',
        () => src.replicas.replication?.isrExpands ?? 0,
      ),
      {
        name: 'kafka_server_brokertopicmetrics_replicationbytesin_total',
        help: 'Record batch bytes this broker appended as a follower (ReplicationBytesInPerSec); without a topic label: all topics',
        type: 'counter',
        collect: (s) => {
          s.sample(sumFetcherStats(src, 'appendedBytes'));
          const byTopic = new Map<string, number>();
          for (const f of src.replicas.replication?.fetchers.values() ?? []) {
            for (const [topic, n] of f.appendedByTopic) byTopic.set(topic, (byTopic.get(topic) ?? 0) + n);
          }
          for (const [topic, n] of byTopic) s.sample(n, ['topic', topic]);
        },
      },
      // ---- replication quotas (KIP-73; Kafka's LeaderReplication / FollowerReplication byte-rate) ----
      {
        name: 'runnel_replication_throttled_bytes_total',
        help: 'Bytes of throttled replicas sent as leader (side="leader") or fetched as follower (side="follower") under the replication quotas',
        type: 'counter',
        collect: (s) => {
          const r = src.replicas.replication;
          s.sample(r?.leaderThrottle?.throttledBytes ?? 0, ['side', 'leader']);
          s.sample(r?.followerThrottle?.throttledBytes ?? 0, ['side', 'follower']);
        },
      },
      {
        name: 'runnel_replication_throttle_rate_bytes',
        help: 'The replication quota rates in force, bytes per second (0: none): leader.replication.throttled.rate and follower.replication.throttled.rate',
        type: 'gauge',
        collect: (s) => {
          const r = src.replicas.replication;
          s.sample(r?.leaderThrottle?.bytesPerSecond ?? 0, ['side', 'leader']);
          s.sample(r?.followerThrottle?.bytesPerSecond ?? 0, ['side', 'follower']);
        },
      },
      counter(
        'runnel_replication_fetch_failures_total',
        'Follower fetches that failed or were refused as a whole',
        () => sumFetcherStats(src, 'failures'),
      ),
      counter(
        'runnel_replication_truncations_total',
        'Follower log truncations (diverging epochs, offsets out of range)',
        () => sumFetcherStats(src, 'truncations'),
      ),
      gauge(
        'kafka_server_replicafetchermanager_maxlag',
        "Most records a partition followed here is behind its leader's high watermark (MaxLag, Replica)",
        () => src.replicas.replication?.maxLag() ?? 0,
      ),
      gauge(
        'kafka_server_delayedoperationpurgatory_fetch_size',
        'Fetches parked waiting for data (PurgatorySize, Fetch)',
        () => src.purgatory.size,
      ),
      gauge(
        'kafka_server_delayedoperationpurgatory_produce_size',
        'acks=all produces parked waiting for replication (PurgatorySize, Produce)',
        () => src.acks.size,
      ),
      // ---- controller and metadata quorum ----
      gauge(
        'kafka_controller_kafkacontroller_activecontrollercount',
        'Whether this broker is the active controller (1) or not (0)',
        () => (src.cluster.isActiveController ? 1 : 0),
      ),
      gauge(
        'kafka_controller_kafkacontroller_offlinepartitionscount',
        'Partitions without a leader; only the active controller reports them, as in Kafka',
        () => (src.cluster.isActiveController ? offlinePartitions(src.cluster) : 0),
      ),
      gauge(
        'kafka_controller_kafkacontroller_fencedbrokercount',
        'Registered brokers fenced in the metadata',
        () => countBrokers(src.cluster, true),
      ),
      gauge(
        'kafka_controller_kafkacontroller_activebrokercount',
        'Registered brokers unfenced in the metadata',
        () => countBrokers(src.cluster, false),
      ),
      gauge(
        'kafka_server_raftmetrics_current_leader',
        'Node id of the metadata quorum leader (the active controller), -1 when none',
        () => src.cluster.quorumState().leaderId,
      ),
      gauge(
        'kafka_server_raftmetrics_current_epoch',
        'Epoch of the metadata quorum',
        () => src.cluster.quorumState().epoch,
      ),
      gauge(
        'kafka_server_raftmetrics_high_watermark',
        'High watermark of __cluster_metadata as this node knows it',
        () => src.cluster.quorumState().highWatermark,
      ),
      gauge(
        'kafka_server_brokermetadatametrics_last_applied_record_offset',
        'Offset of the last metadata record in the image this broker serves from',
        () => src.cluster.quorumState().appliedOffset,
      ),
      {
        name: 'runnel_gossip_members',
        help: 'Cluster members by gossip state as this broker sees them (itself included)',
        type: 'gauge',
        collect: (s) => {
          const counts = new Map<string, number>(GOSSIP_STATES.map((st) => [st, 0]));
          // A broker alone runs no gossip: it is its only member.
          if (src.cluster.solo) counts.set('alive', 1);
          for (const m of src.cluster.members()) counts.set(m.state, (counts.get(m.state) ?? 0) + 1);
          for (const [state, n] of counts) s.sample(n, ['state', state]);
        },
      },
      counter(
        'runnel_gossip_packets_undecryptable_total',
        'Gossip datagrams and stream frames dropped because no key of gossip.secret.key.file opened them (wrong key, no key, altered)',
        () => src.cluster.gossipUndecryptable ?? 0,
      ),
      // ---- groups ----
      gauge(
        'kafka_coordinator_group_groupmetadatamanager_numgroups',
        'Consumer groups this broker coordinates now (NumGroups)',
        () => src.groups.groupCount,
      ),
      {
        name: 'kafka_consumergroup_lag',
        help: "Committed offset's distance to the high watermark, per group and partition of the groups coordinated here (a partition without a replica here: its leader's high watermark, asked at the scrape)",
        type: 'gauge',
        collect: (s) => this.#groupLag(s),
      },
      // ---- storage ----
      {
        name: 'kafka_log_logflushstats_logflush_seconds',
        help: 'Time of each partition log fdatasync (LogFlushRateAndTimeMs)',
        type: 'histogram',
        collect: (s) => s.histogram(this.#flushTimes),
      },
      gauge(
        'runnel_storage_pool_pending_tasks',
        'Partition tasks accepted by the worker pool and not answered yet',
        () => (src.store instanceof PartitionPool ? src.store.pendingTasks : 0),
      ),
      gauge(
        'runnel_storage_pool_queued_groups',
        'Task groups waiting for an owner thread that is (re)starting',
        () => (src.store instanceof PartitionPool ? src.store.queuedGroups : 0),
      ),
      {
        name: 'runnel_storage_thread_busy_seconds_total',
        help: 'Event loop busy time of each log owner thread (rate() is its utilisation); slot "main" with --threads 0',
        type: 'counter',
        collect: (s) => {
          if (src.store.threads === 0) {
            s.sample(performance.eventLoopUtilization().active / 1000, ['slot', 'main']);
            return;
          }
          this.#threadTimes.forEach((u, slot) => {
            if (u !== null) s.sample(u.activeMs / 1000, ['slot', String(slot)]);
          });
        },
      },
      counter(
        'runnel_eventloop_busy_seconds_total',
        'Event loop busy time of the main thread (rate() is its utilisation)',
        () => performance.eventLoopUtilization().active / 1000,
      ),
      // ---- process ----
      counter('process_cpu_seconds_total', 'User and system CPU time of the process', () => {
        const u = cpuUsage();
        return (u.user + u.system) / 1e6;
      }),
      gauge('process_resident_memory_bytes', 'Resident set size', () => memoryUsage.rss()),
      gauge(
        'process_start_time_seconds',
        'Start time of the process since the Unix epoch',
        () => PROCESS_START_SECONDS,
      ),
    ];
  }

  #apiName(apiKey: number): string {
    return this.#apiNames[apiKey] ?? String(apiKey);
  }

  /** Partition counts in one walk over the hosted partitions' states. */
  #partitionFamilies(): MetricFamily[] {
    const src = this.#src;
    let counted = { scrape: -1, partitions: 0, leaders: 0, underReplicated: 0, underMinIsr: 0 };
    const count = () => {
      if (counted.scrape === this.#scrapes) return counted;
      const c = { scrape: this.#scrapes, partitions: 0, leaders: 0, underReplicated: 0, underMinIsr: 0 };
      for (const info of src.replicas.topicList()) {
        const minIsr = Number(info.configs['min.insync.replicas'] ?? 1);
        for (const state of src.replicas.partitions(info.name)) {
          if (!state.replicas.includes(src.nodeId)) continue;
          c.partitions++;
          if (state.role !== ReplicaRole.LEADER) continue;
          c.leaders++;
          if (state.isr.length < state.replicas.length) c.underReplicated++;
          if (state.isr.length < minIsr) c.underMinIsr++;
        }
      }
      counted = c;
      return c;
    };
    const family = (
      name: string,
      help: string,
      pick: (c: ReturnType<typeof count>) => number,
    ): MetricFamily => ({
      name,
      help,
      type: 'gauge',
      collect: (s) => s.sample(pick(count())),
    });
    return [
      family(
        'kafka_server_replicamanager_partitioncount',
        'Partitions with a replica on this broker',
        (c) => c.partitions,
      ),
      family('kafka_server_replicamanager_leadercount', 'Partitions this broker leads', (c) => c.leaders),
      family(
        'kafka_server_replicamanager_underreplicatedpartitions',
        'Partitions led here whose ISR is smaller than their replica set',
        (c) => c.underReplicated,
      ),
      family(
        'kafka_server_replicamanager_underminisrpartitioncount',
        'Partitions led here whose ISR is smaller than min.insync.replicas',
        (c) => c.underMinIsr,
      ),
    ];
  }

  #groupLag(s: SampleSink): void {
    const replicas = this.#src.replicas;
    for (const c of this.#src.groups.committedOffsets()) {
      const state = replicas.partitions(c.topic)[c.partition];
      const hw =
        state?.replicas.includes(this.#src.nodeId) === true
          ? state.highWatermark
          : (this.#remoteHighWatermarks.get(`${c.topic}\u0000${c.partition}`) ?? -1);
      if (hw < 0) continue;
      s.sample(Math.max(0, hw - c.offset), [
        'consumergroup',
        c.groupId,
        'topic',
        c.topic,
        'partition',
        String(c.partition),
      ]);
    }
  }
}

/** Over the replica fetchers (one per leader broker, kept until the broker stops: the sums only grow). */
function sumFetcherStats(src: MetricsSources, key: 'appendedBytes' | 'failures' | 'truncations'): number {
  let n = 0;
  for (const f of src.replicas.replication?.fetchers.values() ?? []) n += f.stats[key];
  return n;
}

function offlinePartitions(cluster: ClusterNode): number {
  let n = 0;
  for (const topic of cluster.image.topics.values()) {
    for (const p of topic.partitions.values()) if (p.leader < 0) n++;
  }
  return n;
}

function countBrokers(cluster: ClusterNode, fenced: boolean): number {
  let n = 0;
  for (const b of cluster.image.brokers.values()) if (b.fenced === fenced) n++;
  return n;
}
