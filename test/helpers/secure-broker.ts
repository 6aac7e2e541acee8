// One place for the pieces secure-broker tests share: a broker process with extra listeners on fixed free
// ports (retried when a port was taken before the broker bound it), its TLS files and PLAIN users file
// turned into flags, a properties file for the per-listener settings only a file can hold, and kcat (run
// with a timeout, its output collected) with the -X arguments for TLS and SASL.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type BrokerProcess, startBroker, tempDataDir } from './broker.js';
import { type Ca, type Leaf, withFreePorts } from './certs.js';

export interface SecureBrokerOptions {
  /**
   * Listener names after the first; the first one binds port 0 (broker.address), the others free ports.
   * Default ['PLAINTEXT'] first: listeners[0] is that PLAINTEXT one unless `first` says otherwise.
   */
  listeners: string[];
  /** The first listener's name (default PLAINTEXT). */
  first?: string;
  /** NAME:PROTOCOL entries for names that are no protocol's name. */
  protocolMap?: Record<string, string>;
  /** --ssl-cert/--ssl-key (and --ssl-ca when `ca` is given). */
  tls?: { server: Leaf; ca?: Ca };
  /** PLAIN users (user_NAME="password"), and the broker's own login for a SASL inter-broker listener. */
  users?: Record<string, string>;
  own?: { username: string; password: string };
  /** The users file's text as is (a JAAS block, say), instead of `users`. */
  usersText?: string;
  /** --sasl-enabled-mechanisms. */
  mechanisms?: string;
  /** Lines of a properties file passed with --config (listener.name.X.* settings). */
  properties?: string[];
  args?: string[];
  dataDir?: string;
}

export interface SecureBroker {
  broker: BrokerProcess;
  /** host:port of each listener by name. */
  addresses: Record<string, string>;
  /** The PLAIN users file (when `users` was given), to rewrite in reload tests. */
  usersFile: string | null;
}

/** A JAAS-style PLAIN users file's text. */
export function jaasText(
  users: Record<string, string>,
  own?: { username: string; password: string },
): string {
  const lines = Object.entries(users).map(([u, p]) => `user_${u}="${p}"`);
  if (own !== undefined) lines.unshift(`username="${own.username}" password="${own.password}"`);
  return `${lines.join('\n')}\n`;
}

export async function startSecureBroker(o: SecureBrokerOptions): Promise<SecureBroker> {
  const dataDir = o.dataDir ?? tempDataDir('runnel-secure-');
  // Files live beside the data dir, so dispose() of the data dir does not race their readers.
  const filesDir = fs.mkdtempSync(path.join(path.dirname(dataDir), 'runnel-secure-files-'));
  const first = o.first ?? 'PLAINTEXT';
  const args: string[] = [];
  if (o.protocolMap !== undefined) {
    const map = {
      PLAINTEXT: 'PLAINTEXT',
      SSL: 'SSL',
      SASL_PLAINTEXT: 'SASL_PLAINTEXT',
      SASL_SSL: 'SASL_SSL',
    };
    const entries = { ...map, ...o.protocolMap };
    args.push(
      '--listener-security-protocol-map',
      Object.entries(entries)
        .map(([n, p]) => `${n}:${p}`)
        .join(','),
    );
  }
  if (o.tls !== undefined) {
    args.push('--ssl-cert', o.tls.server.cert, '--ssl-key', o.tls.server.key);
    if (o.tls.ca !== undefined) args.push('--ssl-ca', o.tls.ca.cert);
  }
  let usersFile: string | null = null;
  if (o.users !== undefined || o.usersText !== undefined) {
    usersFile = path.join(filesDir, 'users.jaas');
    fs.writeFileSync(usersFile, o.usersText ?? jaasText(o.users ?? {}, o.own));
    args.push('--sasl-plain-users-file', usersFile);
  }
  if (o.mechanisms !== undefined) args.push('--sasl-enabled-mechanisms', o.mechanisms);
  if (o.properties !== undefined) {
    const file = path.join(filesDir, 'broker.properties');
    fs.writeFileSync(file, `${o.properties.join('\n')}\n`);
    args.push('--config', file);
  }
  args.push(...(o.args ?? []));
  return withFreePorts(o.listeners.length, async (ports) => {
    const addresses: Record<string, string> = {};
    const listeners = [`${first}://127.0.0.1:0`];
    o.listeners.forEach((name, i) => {
      addresses[name] = `127.0.0.1:${ports[i]}`;
      listeners.push(`${name}://${addresses[name]}`);
    });
    const broker = await startBroker(['--listeners', listeners.join(','), ...args], dataDir);
    addresses[first] = broker.address;
    const dispose = broker.dispose;
    broker.dispose = async () => {
      await dispose();
      fs.rmSync(filesDir, { recursive: true, force: true });
    };
    return { broker, addresses, usersFile };
  });
}

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kcat against `bootstrap`, killed after `timeoutMs`. */
export function kcat(
  bootstrap: string,
  args: string[],
  input?: string,
  timeoutMs = 30_000,
): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const p = spawn('kcat', ['-b', bootstrap, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', reject);
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.end(input ?? '');
  });
}

/** kcat -X arguments for TLS: trust `ca`, present `leaf` when given. */
export function kcatTls(ca: string, leaf: Leaf | null = null, protocol = 'SSL'): string[] {
  return [
    '-X',
    `security.protocol=${protocol}`,
    '-X',
    `ssl.ca.location=${ca}`,
    ...(leaf === null
      ? []
      : ['-X', `ssl.certificate.location=${leaf.cert}`, '-X', `ssl.key.location=${leaf.key}`]),
  ];
}

/** kcat -X arguments for a SASL login (add kcatTls(..., 'SASL_SSL') for SASL_SSL). */
export function kcatSasl(
  mechanism: string,
  username: string,
  password: string,
  protocol = 'SASL_PLAINTEXT',
): string[] {
  return [
    '-X',
    `security.protocol=${protocol}`,
    '-X',
    `sasl.mechanisms=${mechanism}`,
    '-X',
    `sasl.username=${username}`,
    '-X',
    `sasl.password=${password}`,
  ];
}
