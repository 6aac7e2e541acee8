// The data directory's lifecycle guard: made (or checked) with errors that say what is wrong, then locked
// for the life of the process, as Kafka locks each log dir with `.lock`. Two brokers writing one directory
// both acknowledge the same offsets and one of them loses its records at the next restart; the lock makes
// the second one refuse to start instead.
//
// The lock is flock(2) on `<dir>/.lock` through the runnel_lock addon (native/lock.c): the kernel releases
// it when the process dies, however it dies. Without the addon (not built, Windows) a pid file with a
// liveness check stands in (also with RUNNEL_NATIVE_LOCK=0): weaker, as a reused pid looks alive.
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

export const LOCK_FILE = '.lock';

/** Path from this file (dist/storage/ or src/storage/) to the addon node-gyp writes under native/build. */
const ADDON_PATH = '../../native/build/Release/runnel_lock.node';

/** Deepest missing levels created for a data dir; a longer chain is refused rather than walked. */
const MAX_CREATED_LEVELS = 64;

type LockExclusive = (fd: number) => number;

let addon: LockExclusive | null | undefined;
/** Lock files this process holds through the fallback (its own pid cannot tell two brokers apart). */
const fallbackHeld = new Set<string>();

function lockAddon(): LockExclusive | null {
  if (addon !== undefined) return addon;
  const v = process.env.RUNNEL_NATIVE_LOCK?.trim().toLowerCase();
  if (v === '0' || v === 'off' || v === 'false') return (addon = null);
  try {
    const mod = createRequire(import.meta.url)(ADDON_PATH) as { lockExclusive?: unknown };
    addon = typeof mod.lockExclusive === 'function' ? (mod.lockExclusive as LockExclusive) : null;
  } catch {
    addon = null;
  }
  return addon;
}

/** The data dir cannot be used: the message says which path and why. */
export class DataDirError extends Error {
  constructor(
    message: string,
    /** errno name (ENOTDIR, EACCES, ...) or LOCKED when another process holds the lock. */
    readonly code: string,
  ) {
    super(message);
  }
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code !== undefined
    ? `${e.code} (${e.message.replace(/^[A-Z]+: /, '').split(',')[0]})`
    : String(err);
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive mkdir loops forever where a
 * parent exists but refuses new entries with ENOENT (procfs, sysfs); here every failure is reported.
 */
export function ensureDataDir(dir: string): string {
  const abs = resolve(dir);
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(p) !== p && missing.length < MAX_CREATED_LEVELS) {
        missing.push(p);
        p = dirname(p);
        continue;
      }
      if (code === 'ENOTDIR') throw new DataDirError(`data dir ${abs}: a parent is not a directory`, code);
      throw new DataDirError(`data dir ${abs}: cannot stat ${p}: ${describe(err)}`, code ?? 'EIO');
    }
    if (!st.isDirectory()) {
      throw new DataDirError(
        p === abs ? `data dir ${abs} is not a directory` : `data dir ${abs}: ${p} is not a directory`,
        'ENOTDIR',
      );
    }
    break;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    const level = missing[i]!;
    try {
      mkdirSync(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      // Another process made it first: fine if it is a directory.
      if (code === 'EEXIST' && statSync(level).isDirectory()) continue;
      throw new DataDirError(`data dir ${abs}: cannot create ${level}: ${describe(err)}`, code);
    }
  }
  return abs;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a loser waits for the lock holder's pid to appear in the lock file. */
const HOLDER_WAIT_MS = 200;

/**
 * Who holds the lock, for the message. The holder writes its pid just after taking the lock, so a file still
 * empty is read again for a moment (at most HOLDER_WAIT_MS, on a start that is failing anyway).
 */
function readHolder(path: string): string {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 5) {
    try {
      const pid = readFileSync(path, 'utf8').trim();
      if (/^\d+$/.test(pid)) return `pid ${pid}`;
    } catch {
      return 'another process';
    }
    if (waited >= HOLDER_WAIT_MS) return 'another process';
    Atomics.wait(pause, 0, 0, 5);
  }
}

/** An exclusive lock on a data dir, held until release() or the process ends. */
export class DataDirLock {
  /** True when the kernel holds the lock (flock); false for the pid-file fallback. */
  readonly kernel: boolean;
  #fd: number | null;

  private constructor(
    readonly path: string,
    fd: number,
    kernel: boolean,
  ) {
    this.#fd = fd;
    this.kernel = kernel;
  }

  /**
   * Takes `<dir>/.lock` (dir must exist) and writes this process's pid into it. Throws DataDirError
   * (code LOCKED, naming the holder's pid) when another broker holds it.
   */
  static acquire(dir: string): DataDirLock {
    const path = resolve(dir, LOCK_FILE);
    let fd: number;
    try {
      fd = openSync(path, 'a+');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      throw new DataDirError(`data dir ${resolve(dir)} is not writable: ${describe(err)}`, code);
    }
    const lockExclusive = lockAddon();
    let kernel = false;
    try {
      if (lockExclusive !== null) {
        const rc = lockExclusive(fd);
        if (rc !== 0) {
          const held = rc === 11 || rc === 35; // EAGAIN/EWOULDBLOCK on Linux, macOS
          throw new DataDirError(
            held
              ? `data dir ${resolve(dir)} is locked by ${readHolder(path)} (${path}); is another broker using it?`
              : `cannot lock ${path}: errno ${rc}`,
            held ? 'LOCKED' : 'EIO',
          );
        }
        kernel = true;
      } else {
        const pid = Number(readFileSync(path, 'utf8').trim());
        if (fallbackHeld.has(path) || (pid !== process.pid && isAlive(pid))) {
          throw new DataDirError(
            `data dir ${resolve(dir)} is locked by pid ${pid} (${path}); is another broker using it?`,
            'LOCKED',
          );
        }
      }
      ftruncateSync(fd, 0);
      writeSync(fd, `${process.pid}\n`, 0);
    } catch (err) {
      closeSync(fd);
      if (err instanceof DataDirError) throw err;
      throw new DataDirError(
        `cannot lock ${path}: ${describe(err)}`,
        (err as NodeJS.ErrnoException).code ?? 'EIO',
      );
    }
    if (!kernel) fallbackHeld.add(path);
    return new DataDirLock(path, fd, kernel);
  }

  /** Gives the lock up (the file stays, as Kafka's does: removing it would race a new holder). */
  release(): void {
    const fd = this.#fd;
    if (fd === null) return;
    this.#fd = null;
    try {
      if (!this.kernel) {
        fallbackHeld.delete(this.path);
        ftruncateSync(fd, 0);
      }
    } finally {
      closeSync(fd);
    }
  }
}
