// Runs the admin CLI as a user does: `node dist/node.js <command> ...` in its own process, stdin from a
// string, and resolves with the exit code and both outputs. RUNNEL_BOOTSTRAP is cleared unless given, so a
// test never reaches a broker it did not name.
import { type ChildProcess, spawn } from 'node:child_process';

const NODE_JS = new URL('../../dist/node.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Kills the process after this long (the result then has code null). Default 20000. */
  timeoutMs?: number;
}

/** The process, for tests that signal it or read its output while it runs. */
export function spawnCli(args: readonly string[], opts: CliOptions = {}): ChildProcess {
  const env = { ...process.env, ...opts.env };
  if (opts.env?.RUNNEL_BOOTSTRAP === undefined) delete env.RUNNEL_BOOTSTRAP;
  const child = spawn(process.execPath, [NODE_JS, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  if (opts.input !== undefined) child.stdin!.end(opts.input);
  else child.stdin!.end();
  return child;
}

export function collect(child: ChildProcess, timeoutMs = 20_000): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function cli(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return collect(spawnCli(args, opts), opts.timeoutMs);
}

/** Runs a command that must succeed and returns its stdout parsed as JSON (it passes --json). */
export async function cliJson<T = unknown>(args: readonly string[], opts: CliOptions = {}): Promise<T> {
  const r = await cli([...args, '--json'], opts);
  if (r.code !== 0) throw new Error(`runnel ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
