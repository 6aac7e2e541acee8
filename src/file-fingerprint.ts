// What identifies a file's version for the reloads of TLS files, the PLAIN users file and the gossip keys:
// a rotation by rename changes the inode, a rewrite the mtime or size. A missing file is '?' (so its return
// is a change).
import { statSync } from 'node:fs';

export function fileFingerprint(files: readonly (string | null)[]): string {
  return files
    .map((f) => {
      if (f === null) return '-';
      try {
        const s = statSync(f);
        return `${s.ino}:${s.mtimeMs}:${s.size}`;
      } catch {
        return '?';
      }
    })
    .join('|');
}
