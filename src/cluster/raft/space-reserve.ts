// Room kept aside for the metadata log: a file of zeros in its directory, given back when the disk is full
// so the quorum can still write what it must (a broker's registration at start, a topic deletion that
// frees space). Released at open when the disk has less free than the reserve, or by the owner before a
// record that frees space; made again at a later open once there is room for it several times over.
// Without it, a full disk would keep a broker that is its own quorum from ever starting again. Not given
// back for other writes: partition data would take the room at once.
//
// Limits: `bytes` of disk while held; nothing is reserved when the file system cannot say its free space.
import fs from 'node:fs';

export const METADATA_RESERVE_FILE = 'space-reserve';
export const DEFAULT_METADATA_RESERVE_BYTES = 1024 * 1024;
/** The reserve is made only when at least this many times its size is free. */
const MAKE_WHEN_FREE_TIMES = 8;

export class SpaceReserve {
  /** Given back by this process (so retake() may take it again). */
  #released = false;

  constructor(
    readonly file: string,
    readonly bytes: number,
  ) {}

  get held(): boolean {
    return fs.existsSync(this.file);
  }

  /** At open: released when the disk is (nearly) full, made when there is plenty of room. */
  prepare(): 'released' | 'made' | 'unchanged' {
    if (this.bytes <= 0) return 'unchanged';
    let free: number;
    try {
      const s = fs.statfsSync(this.file.slice(0, this.file.lastIndexOf('/')) || '.');
      free = s.bavail * s.bsize;
    } catch {
      return 'unchanged';
    }
    if (this.held) {
      if (free >= this.bytes) return 'unchanged';
      return this.release() ? 'released' : 'unchanged';
    }
    if (free < MAKE_WHEN_FREE_TIMES * this.bytes) return 'unchanged';
    try {
      // Zeros written (not a sparse file): the blocks are taken now, so giving them back frees them.
      fs.writeFileSync(this.file, Buffer.alloc(this.bytes));
      return 'made';
    } catch {
      fs.rmSync(this.file, { force: true });
      return 'unchanged';
    }
  }

  /** Gives the room back; false when there was none held. */
  release(): boolean {
    if (!this.held) return false;
    fs.rmSync(this.file, { force: true });
    this.#released = true;
    return true;
  }

  /**
   * Takes back what a release gave and the writes that needed it left free (up to `bytes`), before anything
   * else can fill it: a broker restarted on a full disk keeps a (smaller) reserve for its next start.
   */
  retake(): number {
    if (!this.#released || this.held) return 0;
    this.#released = false;
    let free: number;
    try {
      const s = fs.statfsSync(this.file.slice(0, this.file.lastIndexOf('/')) || '.');
      free = s.bavail * s.bsize;
    } catch {
      return 0;
    }
    const size = Math.min(this.bytes, free - (free % 4096));
    if (size < 4096) return 0;
    try {
      fs.writeFileSync(this.file, Buffer.alloc(size));
      return size;
    } catch {
      fs.rmSync(this.file, { force: true });
      return 0;
    }
  }
}
