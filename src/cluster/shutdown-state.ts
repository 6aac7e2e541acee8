// Whether this broker's logs may have lost records since it last ran: KIP-966's clean shutdown detection,
// made stricter about what counts as clean. With --fsync never an appended (and replicated, and
// acknowledged) record may sit only in the page cache; a process crash keeps it (the kernel still writes it
// back), a power loss or kernel crash does not. So a run ended cleanly when its logs were flushed and
// closed, or when the machine has not restarted since (the kernel's boot id is the same); otherwise the
// broker registers with previous broker epoch -1 and the controller takes it out of every ISR and ELR, so
// a replica that lost an unflushed suffix cannot be elected on what it no longer holds.
//
// The file (JSON, written durably: temp, fsync, rename) says the epoch this data dir's logs were last
// written under, the boot it was written in, and whether the run ended with its logs flushed. It is marked
// "not clean" as the broker starts, before it registers, so a crash at any later point counts as one. A
// write that fails (a full disk) removes the file instead: a missing file reads as unclean, never as clean.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../storage/checkpoint-file.js';

export const SHUTDOWN_STATE_FILE = 'broker-shutdown-state.json';
/** Linux's id of the running boot: a new one after every restart of the machine. */
export const DEFAULT_BOOT_ID_FILE = '/proc/sys/kernel/random/boot_id';
const VERSION = 1;
/** Anything bigger is not ours: read as missing. */
const MAX_BYTES = 4096;

interface Saved {
  version: number;
  brokerEpoch: number;
  bootId: string | null;
  clean: boolean;
}

/** The boot id, or null where there is none to read (then every crash counts as a possible power loss). */
export function readBootId(file: string | null): string | null {
  if (file === null) return null;
  try {
    const id = readFileSync(file, 'utf8').trim();
    return id.length > 0 && id.length <= 256 ? id : null;
  } catch {
    return null;
  }
}

function read(file: string): Saved | null {
  try {
    if (statSync(file).size > MAX_BYTES) return null;
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>;
    if (v.version !== VERSION || !Number.isSafeInteger(v.brokerEpoch) || typeof v.clean !== 'boolean')
      return null;
    return {
      version: VERSION,
      brokerEpoch: v.brokerEpoch!,
      bootId: typeof v.bootId === 'string' ? v.bootId : null,
      clean: v.clean,
    };
  } catch {
    return null;
  }
}

export class ShutdownState {
  readonly file: string;
  /** What the broker registers with: the last run's epoch when nothing can have been lost since, else -1. */
  readonly previousBrokerEpoch: number;
  /** Why previousBrokerEpoch is what it is, for the log. */
  readonly reason: string;
  readonly #bootId: string | null;

  /** Reads the last run's state and marks this run as not (yet) clean, durably. */
  constructor(dataDir: string, bootIdFile: string | null) {
    this.file = join(dataDir, SHUTDOWN_STATE_FILE);
    this.#bootId = readBootId(bootIdFile);
    const last = read(this.file);
    if (last === null || last.brokerEpoch < 0) {
      this.previousBrokerEpoch = -1;
      this.reason = 'no earlier broker epoch recorded';
    } else if (last.clean) {
      this.previousBrokerEpoch = last.brokerEpoch;
      this.reason = 'the last run stopped cleanly';
    } else if (this.#bootId !== null && last.bootId === this.#bootId) {
      this.previousBrokerEpoch = last.brokerEpoch;
      this.reason = 'the last run crashed, but the machine did not restart (its page cache survived)';
    } else {
      this.previousBrokerEpoch = -1;
      this.reason =
        this.#bootId === null
          ? 'the last run did not stop cleanly and there is no boot id to tell a crash from a power loss'
          : 'the last run did not stop cleanly and the machine restarted since (unflushed writes may be lost)';
    }
    this.#write(this.previousBrokerEpoch, false);
  }

  /** The broker registered: its logs are written under `brokerEpoch` from now on. */
  registered(brokerEpoch: number): boolean {
    return this.#write(brokerEpoch, false);
  }

  /** Every log was flushed and closed: the next start may keep its place in ISRs and ELRs. */
  stoppedCleanly(brokerEpoch: number): boolean {
    return this.#write(brokerEpoch, true);
  }

  /** False when the state could not be written (then the file is gone, which reads as unclean). */
  #write(brokerEpoch: number, clean: boolean): boolean {
    const saved: Saved = { version: VERSION, brokerEpoch, bootId: this.#bootId, clean };
    try {
      writeFileDurably(this.file, `${JSON.stringify(saved)}\n`);
      return true;
    } catch {
      rmSync(this.file, { force: true });
      return false;
    }
  }
}
