// Kafka's checkpoint text format: a version line, an entry count line, then one entry per line. Written
// to a temp file, fsynced and renamed over the old one, so a crash leaves either the old or the new file.
import fs from 'node:fs';
import path from 'node:path';

/** Largest checkpoint file read; anything bigger is treated as damaged. */
export const MAX_CHECKPOINT_BYTES = 16 * 1024 * 1024;
export const TMP_SUFFIX = '.tmp';

export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `file` with `text` durably: temp file, fsync, rename, fsync of the directory. A failure (ENOSPC
 * on a full disk) throws with the old file in place and the temp file removed, so it holds no space.
 */
export function writeFileDurably(file: string, text: string | Uint8Array): void {
  const tmp = file + TMP_SUFFIX;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    // Keep the errno code callers test for; say which file, which Node's message does not for a write.
    if (e instanceof Error && !e.message.includes(file)) e.message = `cannot write ${file}: ${e.message}`;
    throw e;
  }
  fsyncDir(path.dirname(file));
}

export function writeCheckpointFile(file: string, version: number, entries: readonly string[]): void {
  writeFileDurably(file, `${version}\n${entries.length}\n${entries.map((e) => `${e}\n`).join('')}`);
}

/**
 * Entry lines of a checkpoint, split on spaces; null when the file is missing, too big, of another
 * version or malformed (the caller falls back as if it were missing). Never throws on content.
 */
export function readCheckpointFile(file: string, version: number, fieldsPerEntry: number): string[][] | null {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CHECKPOINT_BYTES) return null;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2 || lines[0] !== String(version)) return null;
  const count = Number(lines[1]);
  if (!Number.isSafeInteger(count) || count < 0 || count !== lines.length - 2) return null;
  const out: string[][] = [];
  for (let i = 2; i < lines.length; i++) {
    const fields = lines[i]!.split(' ');
    if (fields.length !== fieldsPerEntry) return null;
    out.push(fields);
  }
  return out;
}

/** Parses a non-negative safe integer field; -1 if it is not one. */
export function parseOffset(field: string | undefined): number {
  if (field === undefined || !/^[0-9]+$/.test(field)) return -1;
  const n = Number(field);
  return Number.isSafeInteger(n) ? n : -1;
}
