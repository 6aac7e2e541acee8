// A broker's standing with the active controller (Kafka's BrokerLifecycleManager): it registers (broker
// id, incarnation id, listeners, rack) and gets its broker epoch, then heartbeats every interval with the
// metadata offset it has applied. The controller answers whether it is fenced: a registered broker starts
// fenced and is unfenced once it has caught up with the log; it is fenced again when its heartbeats stop
// reaching the controller. STALE_BROKER_EPOCH or BROKER_ID_NOT_REGISTERED (the controller lost or replaced
// its registration) make it register again. stop() asks for a controlled shutdown first: heartbeats with
// WantShutDown until the controller has moved its leaderships away and says shouldShutDown, or a deadline.
//
// One request at a time, so answers never arrive out of order; timers come from the injected Clock.
// Limits: each request gives up at heartbeatTimeoutMs (then the next heartbeat or registration is tried);
// a refused registration is retried after registrationBackoffMs; a controlled shutdown waits at most
// shutdownTimeoutMs.
import { randomBytes } from 'node:crypto';
import type { Clock, Timer } from '../../clock.js';
import type { LogSink } from '../../logger.js';
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { BrokerHeartbeatApi, BrokerRegistrationApi } from '../../protocol/generated/api-keys.js';
import { uuidFromBytes } from '../../protocol/uuid.js';
import type { ControllerSender } from './controller-channel.js';
import type { BrokerEndpoint } from './image.js';

export type BrokerLifecycleState =
  /** Not registered (yet, or again). */
  | 'registering'
  /** Registered, not serving: catching up with the metadata log or fenced by the controller. */
  | 'fenced'
  /** Unfenced: may lead partitions and serve. */
  | 'unfenced'
  /** stop() asked for a controlled shutdown and waits for it. */
  | 'shutting-down'
  | 'stopped';

export interface BrokerLifecycleOptions {
  brokerId: number;
  clusterId: string;
  /** This process's identity; random when not given. */
  incarnationId?: string;
  listeners: readonly BrokerEndpoint[];
  rack: string | null;
  /**
   * The broker epoch of the last run if it ended cleanly (or without losing the page cache), else -1
   * (KIP-966: the controller then takes this broker out of every ISR and ELR). Sent with the first
   * registration only: a registration again in this run says this run's epoch.
   */
  previousBrokerEpoch?: number;
  /** The metadata offset this broker has applied (sent with every heartbeat). */
  appliedOffset: () => number;
  channel: ControllerSender;
  clock: Clock;
  /** broker.heartbeat.interval.ms. */
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  registrationBackoffMs?: number;
  shutdownTimeoutMs?: number;
  /** Told of every state change. */
  onStateChange?: (state: BrokerLifecycleState, brokerEpoch: number) => void;
  logger?: LogSink;
}

export const DEFAULT_BROKER_LIFECYCLE_TIMINGS = Object.freeze({
  heartbeatIntervalMs: 2_000,
  heartbeatTimeoutMs: 4_000,
  registrationBackoffMs: 1_000,
  shutdownTimeoutMs: 10_000,
});

export class BrokerLifecycle {
  readonly brokerId: number;
  readonly incarnationId: string;
  readonly #opts: BrokerLifecycleOptions & typeof DEFAULT_BROKER_LIFECYCLE_TIMINGS;
  #state: BrokerLifecycleState = 'registering';
  #brokerEpoch = -1;
  #previousBrokerEpoch: number;
  #timer: Timer | null = null;
  #inFlight = false;
  #started = false;
  #shutdown: { deadline: number; done: () => void } | null = null;
  /** The broker epoch for which applied() already asked for an early heartbeat. */
  #caughtUpAt = -1;
  /** applied() came while a request was out: the next heartbeat goes as soon as it is answered. */
  #beatSoon = false;

  constructor(opts: BrokerLifecycleOptions) {
    const o = { ...DEFAULT_BROKER_LIFECYCLE_TIMINGS, ...stripUndefined(opts) } as BrokerLifecycleOptions &
      typeof DEFAULT_BROKER_LIFECYCLE_TIMINGS;
    for (const key of Object.keys(
      DEFAULT_BROKER_LIFECYCLE_TIMINGS,
    ) as (keyof typeof DEFAULT_BROKER_LIFECYCLE_TIMINGS)[]) {
      if (!Number.isInteger(o[key]) || o[key] < 1)
        throw new RangeError(`${key}=${o[key]}: must be a positive integer`);
    }
    this.#opts = o;
    this.brokerId = opts.brokerId;
    this.#previousBrokerEpoch = opts.previousBrokerEpoch ?? -1;
    this.incarnationId = opts.incarnationId ?? uuidFromBytes(randomBytes(16));
  }

  get state(): BrokerLifecycleState {
    return this.#state;
  }

  /** The epoch of the current registration; -1 when not registered. */
  get brokerEpoch(): number {
    return this.#brokerEpoch;
  }

  get isFenced(): boolean {
    return this.#state !== 'unfenced';
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#schedule(0);
  }

  /**
   * The broker applied metadata up to `appliedOffset`. A fenced broker that has now caught up with its own
   * registration heartbeats at once rather than at its next beat, so the controller can unfence it without
   * a heartbeat interval's delay.
   */
  applied(appliedOffset: number): void {
    if (this.#state !== 'fenced' || this.#brokerEpoch < 0) return;
    if (appliedOffset < this.#brokerEpoch || this.#caughtUpAt === this.#brokerEpoch) return;
    // Once per registration: a broker the controller keeps fenced goes back to its normal beat.
    this.#caughtUpAt = this.#brokerEpoch;
    // A heartbeat on its way may carry the older offset: beat again as soon as it is answered.
    if (this.#inFlight) this.#beatSoon = true;
    else this.#schedule(0);
  }

  /**
   * Controlled shutdown when registered and unfenced (the controller moves this broker's leaderships
   * first), then no more requests. Resolves once done or after shutdownTimeoutMs. `controlled` false: no
   * more requests at once (a broker alone has nobody to hand its leaderships to).
   */
  stop(controlled = true): Promise<void> {
    if (this.#state === 'stopped') return Promise.resolve();
    if (this.#shutdown !== null) return new Promise((resolve) => this.#whenStopped(resolve));
    if (!controlled || !this.#started || this.#brokerEpoch < 0 || this.#state !== 'unfenced') {
      this.#finish();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#shutdown = { deadline: this.#opts.clock.now() + this.#opts.shutdownTimeoutMs, done: resolve };
      this.#set('shutting-down');
      if (!this.#inFlight) this.#schedule(0);
    });
  }

  // ---- internals ----

  #whenStopped(resolve: () => void): void {
    const prev = this.#shutdown!.done;
    this.#shutdown!.done = () => {
      prev();
      resolve();
    };
  }

  #finish(): void {
    this.#timer?.cancel();
    this.#timer = null;
    this.#set('stopped');
    const s = this.#shutdown;
    this.#shutdown = null;
    s?.done();
  }

  #set(state: BrokerLifecycleState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#opts.logger?.info(`broker ${this.brokerId}: ${state} (broker epoch ${this.#brokerEpoch})`);
    this.#opts.onStateChange?.(state, this.#brokerEpoch);
  }

  #schedule(ms: number): void {
    this.#timer?.cancel();
    this.#timer = this.#opts.clock.schedule(ms, () => {
      this.#timer = null;
      this.#tick();
    });
  }

  #tick(): void {
    if (this.#state === 'stopped' || this.#inFlight) return;
    if (this.#shutdown !== null && this.#opts.clock.now() >= this.#shutdown.deadline) {
      this.#opts.logger?.warn(`broker ${this.brokerId}: controlled shutdown timed out`);
      this.#finish();
      return;
    }
    this.#inFlight = true;
    const sent = this.#brokerEpoch < 0 ? this.#register() : this.#heartbeat();
    sent.then(
      (nextMs) => {
        this.#inFlight = false;
        const soon = this.#beatSoon && this.#state === 'fenced';
        this.#beatSoon = false;
        if (this.#state !== 'stopped') this.#schedule(soon ? 0 : nextMs);
      },
      (err: unknown) => {
        // The channel gave up (no controller within the timeout): try again at the next beat.
        this.#inFlight = false;
        this.#opts.logger?.debug(
          `broker ${this.brokerId}: controller unreachable: ${(err as Error).message}`,
        );
        if (this.#state !== 'stopped') this.#schedule(this.#opts.heartbeatIntervalMs);
      },
    );
  }

  /** Resolves with the delay before the next request. */
  async #register(): Promise<number> {
    const res = await this.#opts.channel.send(
      BrokerRegistrationApi,
      {
        brokerId: this.brokerId,
        clusterId: this.#opts.clusterId,
        incarnationId: this.incarnationId,
        listeners: this.#opts.listeners.map((l) => ({ ...l })),
        features: [],
        rack: this.#opts.rack,
        isMigratingZkBroker: false,
        logDirs: [],
        previousBrokerEpoch: this.#previousBrokerEpoch,
      },
      { timeoutMs: this.#opts.heartbeatTimeoutMs },
    );
    if (res.errorCode !== ErrorCode.NONE) {
      this.#opts.logger?.warn(`broker ${this.brokerId}: registration refused: ${errorName(res.errorCode)}`);
      return this.#opts.registrationBackoffMs;
    }
    this.#brokerEpoch = res.brokerEpoch;
    // This process's logs were written under this epoch from now on (nothing of them was lost since).
    this.#previousBrokerEpoch = res.brokerEpoch;
    this.#opts.logger?.info(`broker ${this.brokerId}: registered with broker epoch ${res.brokerEpoch}`);
    if (this.#state === 'registering') this.#set('fenced');
    return 0;
  }

  async #heartbeat(): Promise<number> {
    const wantShutDown = this.#shutdown !== null;
    const res = await this.#opts.channel.send(
      BrokerHeartbeatApi,
      {
        brokerId: this.brokerId,
        brokerEpoch: this.#brokerEpoch,
        currentMetadataOffset: this.#opts.appliedOffset(),
        wantFence: false,
        wantShutDown,
        offlineLogDirs: [],
      },
      { timeoutMs: this.#opts.heartbeatTimeoutMs },
    );
    if (this.#state === 'stopped') return 0;
    // stop() came while this one was on its way: ask for the shutdown at once.
    if (this.#shutdown !== null && !wantShutDown) return 0;
    if (
      res.errorCode === ErrorCode.STALE_BROKER_EPOCH ||
      res.errorCode === ErrorCode.BROKER_ID_NOT_REGISTERED
    ) {
      this.#opts.logger?.warn(`broker ${this.brokerId}: ${errorName(res.errorCode)}: registering again`);
      this.#brokerEpoch = -1;
      if (this.#shutdown !== null) {
        // Not registered: nothing of ours to move away.
        this.#finish();
        return 0;
      }
      this.#set('registering');
      return 0;
    }
    if (res.errorCode !== ErrorCode.NONE) {
      this.#opts.logger?.warn(`broker ${this.brokerId}: heartbeat failed: ${errorName(res.errorCode)}`);
      return this.#opts.heartbeatIntervalMs;
    }
    if (wantShutDown && res.shouldShutDown) {
      this.#finish();
      return 0;
    }
    if (this.#shutdown === null) this.#set(res.isFenced ? 'fenced' : 'unfenced');
    return this.#opts.heartbeatIntervalMs;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
