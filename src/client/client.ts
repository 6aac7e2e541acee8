// Entry point of the client library. Each producer, consumer and admin gets its own connections
// (one per broker) and metadata cache: a consumer's long-poll Fetch must never hold up a
// producer's Produce on the same connection, since Kafka answers a connection's requests in order.
import { Admin } from './admin.js';
import { type ClientOptions, Cluster } from './cluster.js';
import { Consumer, type ConsumerOptions } from './consumer.js';
import { GroupConsumer, type GroupConsumerOptions } from './group-consumer.js';
import { Producer, type ProducerOptions } from './producer.js';

export class Client {
  readonly #opts: ClientOptions;
  readonly #open = new Set<{ close(): Promise<void> }>();

  constructor(opts: ClientOptions) {
    this.#opts = { ...opts, brokers: [...opts.brokers] };
    new Cluster(this.#opts); // validates the options now rather than on first use
  }

  producer(opts?: ProducerOptions): Producer {
    return this.#track(new Producer(new Cluster(this.#opts), opts));
  }

  /** With a groupId: a consumer-group member (subscribe/run/commit); without: assigned partitions. */
  consumer(opts: GroupConsumerOptions): GroupConsumer;
  consumer(opts?: ConsumerOptions): Consumer;
  consumer(opts?: ConsumerOptions | GroupConsumerOptions): Consumer | GroupConsumer {
    const newCluster = () => {
      const cluster = new Cluster(this.#opts);
      cluster.allowAutoTopicCreation = false;
      return cluster;
    };
    if (opts !== undefined && 'groupId' in opts && opts.groupId !== undefined) {
      return this.#track(new GroupConsumer(newCluster, opts));
    }
    return this.#track(new Consumer(newCluster(), opts));
  }

  admin(): Admin {
    const cluster = new Cluster(this.#opts);
    cluster.allowAutoTopicCreation = false;
    return this.#track(new Admin(cluster));
  }

  /** Closes everything this client created (producers flush first). */
  async close(): Promise<void> {
    const all = [...this.#open];
    this.#open.clear();
    await Promise.all(all.map((c) => c.close()));
  }

  #track<T extends { close(): Promise<void> }>(c: T): T {
    this.#open.add(c);
    const close = c.close.bind(c);
    c.close = async () => {
      this.#open.delete(c);
      await close();
    };
    return c;
  }
}
