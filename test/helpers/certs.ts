// Certificates made at test time with the openssl CLI (on the machine and in CI's Debian image, where
// ca-certificates depends on it): a CA, and leaf certificates it signs for brokers (SAN 127.0.0.1 and
// localhost) and clients (a subject of our choosing, for principal mapping).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Ca {
  dir: string;
  name: string;
  cert: string;
  key: string;
}

export interface Leaf {
  cert: string;
  key: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function certDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-certs-'));
}

/** A self-signed CA named `name` in `dir`. */
export function makeCa(dir: string, name = 'ca'): Ca {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2'].concat([
      '-subj',
      `/CN=Runnel test ${name}`,
    ]),
    dir,
  );
  return { dir, name, cert, key };
}

/**
 * A key and certificate signed by `ca`, with `subject` ("/CN=alice/OU=eng") and, for servers, SANs for
 * 127.0.0.1 and localhost. `file` names the files (file.pem, file.key).
 */
export function makeLeaf(ca: Ca, file: string, subject: string, days = 2): Leaf {
  const dir = ca.dir;
  const key = path.join(dir, `${file}.key`);
  const csr = path.join(dir, `${file}.csr`);
  const cert = path.join(dir, `${file}.pem`);
  const ext = path.join(dir, `${file}.ext`);
  fs.writeFileSync(
    ext,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject], dir);
  openssl(
    ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert].concat([
      '-days',
      String(days),
      '-extfile',
      ext,
    ]),
    dir,
  );
  return { cert, key };
}

/**
 * Runs `start` with `n` free ports; when a port was taken meanwhile (another test's process bound it between
 * freePorts closing it and the broker binding it: EADDRINUSE in the error), tries again with new ones.
 */
export async function withFreePorts<T>(n: number, start: (ports: number[]) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(n);
    try {
      return await start(ports);
    } catch (err) {
      if (attempt >= 5 || !String((err as Error)?.message ?? err).includes('EADDRINUSE')) throw err;
    }
  }
}

/** Free TCP ports on 127.0.0.1 (closed again: a later bind may race another process, rarely). */
export async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  const servers = [];
  for (let i = 0; i < n; i++) {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    servers.push(s);
    out.push((s.address() as { port: number }).port);
  }
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return out;
}
