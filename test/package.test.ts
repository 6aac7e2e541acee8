// The package as a user gets it: `npm pack` ships dist/ and the README (no tests, benches or sources);
// `runnel/client`, resolved through package.json's exports from another directory, loads none of the
// broker's native addons; the README's TypeScript examples typecheck under the repo's strict settings and
// run as written against a broker; `npm start` hands SIGTERM to the broker.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Broker } from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;

/** A directory outside the repo whose node_modules/runnel is the repo, as an installed dependency is. */
function consumerDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-consumer-'));
  fs.mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
  fs.symlinkSync(root, path.join(dir, 'node_modules', 'runnel'), 'dir');
  fs.symlinkSync(
    path.join(root, 'node_modules/@types/node'),
    path.join(dir, 'node_modules/@types/node'),
    'dir',
  );
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  return dir;
}

test('npm pack ships dist/, the addon sources and the README; no tests, benches, sources or maps', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  for (const f of [
    'package.json',
    'README.md',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/client/index.js',
    'dist/node.js',
    'dist/runnel.wasm',
    'native/binding.gyp',
    'native/lock.c',
  ]) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  const stray = files.filter(
    (f) => /^(test|bench|scripts|src|assembly|spec|docs)\//.test(f) || f.endsWith('.map'),
  );
  assert.equal(stray, []);
});

test('runnel/client through the exports map loads neither mmap nor the lock addon; runnel has the broker', () => {
  const dir = consumerDir();
  try {
    fs.writeFileSync(
      path.join(dir, 'probe.mjs'),
      `import fs from 'node:fs';
const started = performance.now();
const client = await import('runnel/client');
const ms = performance.now() - started;
// Shared objects mapped into this process: every native addon loaded so far.
const addons = [...new Set(fs.readFileSync('/proc/self/maps', 'utf8').split('\\n')
  .map((l) => l.split(/\\s+/)[5] ?? '').filter((p) => p.endsWith('.node')))];
const clientOnly = { client: typeof client.Client, broker: 'Broker' in client, addons, ms };
const full = await import('runnel');
console.log(JSON.stringify({ ...clientOnly, fullBroker: typeof full.Broker, sameClient: full.Client === client.Client }));
`,
    );
    const r = spawnSync(process.execPath, ['probe.mjs'], { cwd: dir, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      client: string;
      broker: boolean;
      addons: string[];
      fullBroker: string;
      sameClient: boolean;
    };
    assert.is(out.client, 'function');
    assert.is(out.broker, false);
    assert.equal(
      out.addons.filter((a) => /mmap|runnel_lock/.test(a)),
      [],
      `client-only addons: ${out.addons.join(', ')}`,
    );
    assert.is(out.fullBroker, 'function');
    assert.ok(out.sameClient, 'one Client class behind both entry points');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The README's ```ts blocks, in order. */
function readmeExamples(): string[] {
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

test('README examples typecheck under the repo tsconfig and run as written against a broker', async () => {
  const examples = readmeExamples();
  assert.ok(examples.length >= 3, `found ${examples.length} examples`);
  const broker = await Broker.start();
  const dir = consumerDir();
  try {
    examples.forEach((code, i) => {
      fs.writeFileSync(
        path.join(dir, `example${i + 1}.ts`),
        code.replaceAll("'127.0.0.1:9092'", `'${broker.bootstrap}'`),
      );
    });
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(root, 'tsconfig.json'),
        compilerOptions: { noEmit: false, outDir: 'out', rootDir: '.' },
        include: ['*.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.is(tsc.status, 0, `tsc:\n${tsc.stdout}${tsc.stderr}`);
    for (let i = 0; i < examples.length; i++) {
      const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(dir, 'out', `example${i + 1}.js`)], { cwd: dir });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, out });
        });
      });
      assert.is(r.code, 0, `example ${i + 1}:\n${examples[i]}\n${r.out}`);
    }
  } finally {
    await broker.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm start: SIGTERM to npm stops the broker (exit, port free), no orphan', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-npm-start-'));
  const npm = spawn('npm', ['start', '--', '--listen', '127.0.0.1:0', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout.on('data', (d) => (out += d));
  npm.stderr.on('data', (d) => (out += d));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${out}`)), 20_000);
      npm.stdout.on('data', () => {
        const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const exited = new Promise((r) => npm.on('close', r));
    npm.kill('SIGTERM');
    await exited;
    assert.match(out, /SIGTERM: stopping/);
    // The broker is gone: its lock is free and nothing accepts on its port.
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.on('error', () => resolve(true));
    });
    assert.ok(refused, 'nothing listens on the port any more');
  } finally {
    npm.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
