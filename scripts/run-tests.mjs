#!/usr/bin/env node
// Runs every test/**/*.test.ts file in its own Node process (uvu inside), so a crash or a leaked
// handle in one file cannot take the others down, then prints the one closing line CI reads:
// "N passed, N failed".
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_MS ?? 180_000);
const jobs = Math.max(1, Number(process.env.TEST_JOBS ?? 2));

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const files = collect(join(root, 'test')).filter(
  (f) => filters.length === 0 || filters.some((p) => relative(root, f).includes(p)),
);

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
const ansi = /\x1b\[[0-9;]*m/g;

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Each file gets its own process group, so brokers a test spawned die with it, even after a timeout.
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n[run-tests] ${relative(root, file)} timed out after ${fileTimeoutMs} ms; killed\n`;
      killGroup();
    }, fileTimeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(); // whatever the file left running
      const text = out.replace(ansi, '');
      const total = Number(/Total:\s+(\d+)/.exec(text)?.[1] ?? 0);
      const passed = Number(/Passed:\s+(\d+)/.exec(text)?.[1] ?? 0);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(text)?.[1] ?? 0);
      let failed = total - passed - skipped;
      // A file that died before uvu could report counts as one failure, never as silence.
      if ((code !== 0 || signal) && failed === 0) failed = 1;
      if (total === 0 && failed === 0) failed = 1;
      resolve({ file, text, passed, failed, ms: Date.now() - started });
    });
  });
}

const results = [];
let next = 0;
async function worker() {
  while (next < files.length) {
    const file = files[next++];
    const r = await runFile(file);
    results.push(r);
    const status = r.failed ? 'FAIL' : 'ok  ';
    process.stdout.write(
      `${status} ${relative(root, file)}  ${r.passed} passed, ${r.failed} failed  (${r.ms} ms)\n`,
    );
    if (r.failed || process.env.TEST_VERBOSE) process.stdout.write(`${r.text.trimEnd()}\n\n`);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
if (files.length === 0) console.log('no test files matched');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
