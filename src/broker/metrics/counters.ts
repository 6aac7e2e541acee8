// What the request path counts when metrics are on: plain numbers and arrays indexed by api key, so a
// request pays an index, a few adds and one bucket search. Everything else is read at scrape time.
import type { ResponseFrame } from '../connection.js';
import { Histogram, LATENCY_BUCKETS_SECONDS } from './registry.js';

/** Api keys below this are counted (Kafka's are below 100). */
const API_KEY_LIMIT = 128;

/**
 * Kafka's RequestMetrics: per API, answered requests and their time: total (receipt of the whole frame to
 * the response being ready), remote (parked in the acks=all or fetch purgatory) and local (the rest);
 * request and response bytes.
 */
export class RequestMetrics {
  readonly requests = new Float64Array(API_KEY_LIMIT);
  /** Histograms per API, made on first use. */
  readonly totalTime: (Histogram | undefined)[] = new Array(API_KEY_LIMIT);
  readonly localTime: (Histogram | undefined)[] = new Array(API_KEY_LIMIT);
  readonly remoteTime: (Histogram | undefined)[] = new Array(API_KEY_LIMIT);
  /** Request frame bytes (without the size prefix) and response frame bytes, all APIs. */
  requestBytes = 0;
  responseBytes = 0;

  /** One request answered (`response` null: no response, Produce with acks=0). */
  record(
    apiKey: number,
    frameBytes: number,
    response: ResponseFrame | null,
    startedMs: number,
    remoteMs: number,
  ): void {
    if (apiKey < 0 || apiKey >= API_KEY_LIMIT) return;
    this.requests[apiKey]!++;
    const totalMs = performance.now() - startedMs;
    (this.totalTime[apiKey] ??= new Histogram(LATENCY_BUCKETS_SECONDS)).observe(totalMs / 1000);
    (this.remoteTime[apiKey] ??= new Histogram(LATENCY_BUCKETS_SECONDS)).observe(remoteMs / 1000);
    (this.localTime[apiKey] ??= new Histogram(LATENCY_BUCKETS_SECONDS)).observe(
      Math.max(0, totalMs - remoteMs) / 1000,
    );
    this.requestBytes += frameBytes;
    if (response === null) return;
    if (Buffer.isBuffer(response)) this.responseBytes += response.length;
    else for (const part of response) this.responseBytes += part.byteLength;
  }
}

/** One topic's share of BrokerTopicMetrics. */
export interface TopicTraffic {
  messagesIn: number;
  bytesIn: number;
  bytesOut: number;
  replicationBytesOut: number;
}

/**
 * Kafka's BrokerTopicMetrics: what producers wrote and fetchers read, all topics together and per topic.
 * A topic gets its entry with its first append or read (so only topics that exist); entries of deleted
 * topics are dropped at the next scrape (prune).
 */
export class BrokerTopicMetrics {
  /** Records appended by producers (a repeated idempotent batch counts again, as in Kafka). */
  messagesIn = 0;
  /** Record batch bytes appended by producers. */
  bytesIn = 0;
  /** Record batch bytes sent to consumers. */
  bytesOut = 0;
  /** Record batch bytes sent to follower replicas. */
  replicationBytesOut = 0;
  /** Produce and Fetch partitions answered with an error. */
  failedProducePartitions = 0;
  failedFetchPartitions = 0;
  readonly byTopic = new Map<string, TopicTraffic>();

  /** A leader append of `records` records in `bytes` bytes of batches. */
  produced(topic: string, records: number, bytes: number): void {
    this.messagesIn += records;
    this.bytesIn += bytes;
    const t = this.#topic(topic);
    t.messagesIn += records;
    t.bytesIn += bytes;
  }

  /** Batch bytes of one topic sent to a consumer. */
  fetched(topic: string, bytes: number): void {
    this.bytesOut += bytes;
    this.#topic(topic).bytesOut += bytes;
  }

  /** Batch bytes of one topic sent to a follower replica. */
  replicated(topic: string, bytes: number): void {
    this.replicationBytesOut += bytes;
    this.#topic(topic).replicationBytesOut += bytes;
  }

  /** Forgets topics that no longer exist. */
  prune(exists: (topic: string) => boolean): void {
    for (const name of this.byTopic.keys()) if (!exists(name)) this.byTopic.delete(name);
  }

  #topic(name: string): TopicTraffic {
    let t = this.byTopic.get(name);
    if (t === undefined) {
      t = { messagesIn: 0, bytesIn: 0, bytesOut: 0, replicationBytesOut: 0 };
      this.byTopic.set(name, t);
    }
    return t;
  }
}
