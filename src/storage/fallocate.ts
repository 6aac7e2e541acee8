// Block reservation for files that are written through a memory mapping. A store into a hole of a sparse
// file allocates its block at fault time; on a full disk that fault is SIGBUS and kills the process. A
// range reserved here first is backed by blocks, so the mapping can no longer fault for space, and a
// full disk shows up as ENOSPC from this call instead.
//
// The runnel_fs addon (native/fallocate.c) calls fallocate(2). Without it (not built, not Linux, or
// RUNNEL_NATIVE_FALLOCATE=0), or on a file system without fallocate, zeros are written through the file
// descriptor, which allocates the same blocks. Either way only bytes past the data may be reserved: the
// fallback overwrites the range with zeros.
import fs from 'node:fs';
import { createRequire } from 'node:module';

type NativeFallocate = (fd: number, offset: number, length: number) => number;

/** Path from this file (dist/storage/ or src/storage/) to the addon node-gyp writes under native/build. */
const ADDON_PATH = '../../native/build/Release/runnel_fs.node';
const EOPNOTSUPP = 95;
const ENOSYS = 38;
// Zeros written per call by the fallback; a larger range takes several writes.
const ZERO_CHUNK = 256 * 1024;
let zeros: Buffer | null = null;

function loadAddon(): NativeFallocate | null {
  const v = process.env.RUNNEL_NATIVE_FALLOCATE?.trim().toLowerCase();
  if (v === '0' || v === 'off' || v === 'false') return null;
  try {
    const mod = createRequire(import.meta.url)(ADDON_PATH) as { available?: unknown; fallocate?: unknown };
    return mod.available === true && typeof mod.fallocate === 'function'
      ? (mod.fallocate as NativeFallocate)
      : null;
  } catch {
    return null;
  }
}

let native = loadAddon();

/** True when fallocate(2) is used (the addon loaded and the file systems seen so far support it). */
export function nativeFallocateAvailable(): boolean {
  return native !== null;
}

function errnoError(errno: number, syscall: string): NodeJS.ErrnoException {
  const name = errno === 28 ? 'ENOSPC' : errno === 122 ? 'EDQUOT' : errno === 5 ? 'EIO' : `E${errno}`;
  const e = new Error(`${name}: ${syscall} failed (errno ${errno})`) as NodeJS.ErrnoException;
  e.code = name;
  e.errno = -errno;
  e.syscall = syscall;
  return e;
}

function writeZeros(fd: number, offset: number, length: number): void {
  zeros ??= Buffer.alloc(ZERO_CHUNK);
  let done = 0;
  while (done < length) {
    const n = Math.min(ZERO_CHUNK, length - done);
    done += fs.writeSync(fd, zeros, 0, n, offset + done);
  }
}

/**
 * Backs [offset, offset + length) of the file with blocks, growing it if the range ends past it. Throws
 * a Node-style error (code 'ENOSPC' on a full disk); a range partly reserved before the failure stays so.
 */
export function reserveBlocks(fd: number, offset: number, length: number): void {
  if (length <= 0) return;
  if (native !== null) {
    const errno = native(fd, offset, length);
    if (errno === 0) return;
    if (errno !== EOPNOTSUPP && errno !== ENOSYS) throw errnoError(errno, 'fallocate');
    // This file system has no fallocate; zeros work everywhere.
    native = null;
  }
  writeZeros(fd, offset, length);
}
