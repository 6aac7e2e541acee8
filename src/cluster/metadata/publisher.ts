// Hands committed metadata to the broker only once it has caught up: a broker that replays half of the
// metadata log after a restart has a prefix of the truth, and acting on it (removing logs of topics the
// prefix does not have yet, serving partitions it no longer leads) would do harm. So images are held until
// the applied offset reaches the high watermark the quorum reported, as Kafka's brokers wait for the
// metadata log before they unfence; after that every committed image is published in order.
// Also answers "tell me when the image satisfies this" for requests that must wait until a change they
// caused is visible here (CreateTopics answered once the topic exists on this broker).
import type { Clock, Timer } from '../../clock.js';
import type { MetadataImage } from './image.js';

interface Watch {
  test: (image: MetadataImage) => boolean;
  resolve: (ok: boolean) => void;
  timer: Timer;
}

export class MetadataPublisher {
  readonly #clock: Clock;
  readonly #publish: (image: MetadataImage) => void;
  #latest: MetadataImage | null = null;
  #published: MetadataImage | null = null;
  #caughtUp = false;
  readonly #watches = new Set<Watch>();

  constructor(clock: Clock, publish: (image: MetadataImage) => void) {
    this.#clock = clock;
    this.#publish = publish;
  }

  /** Whether images are being published (the first catch-up happened). */
  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  /** The last published image, or null before the first catch-up. */
  get published(): MetadataImage | null {
    return this.#published;
  }

  /** After each batch of committed records: the image now, and the quorum's high watermark. */
  update(image: MetadataImage, highWatermark: number): void {
    this.#latest = image;
    // The image's offset is its last applied record; the high watermark is one past the last committed.
    if (!this.#caughtUp && image.offset + 1 >= highWatermark) this.#caughtUp = true;
    if (!this.#caughtUp || image === this.#published) return;
    this.#published = image;
    this.#publish(image);
    for (const w of [...this.#watches]) {
      if (w.test(image)) this.#finish(w, true);
    }
  }

  /** Resolves true once a published image satisfies test (at once if the current one does), false after ms. */
  waitFor(test: (image: MetadataImage) => boolean, ms: number): Promise<boolean> {
    if (this.#published !== null && test(this.#published)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const w: Watch = { test, resolve, timer: this.#clock.schedule(ms, () => this.#finish(w, false)) };
      this.#watches.add(w);
    });
  }

  /** Answers every waiter false (shutdown). */
  close(): void {
    for (const w of [...this.#watches]) this.#finish(w, false);
  }

  /** The newest committed image, published or not (for logs and tests). */
  get latest(): MetadataImage | null {
    return this.#latest;
  }

  #finish(w: Watch, ok: boolean): void {
    if (!this.#watches.delete(w)) return;
    w.timer.cancel();
    w.resolve(ok);
  }
}
