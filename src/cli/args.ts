// The admin CLI's argument parser: GNU-style long options (`--name value`, `--name=value`), single-letter
// short ones (`-p 3`, `-p3`), `--` ending the options, positionals anywhere. Every option is declared; an
// unknown one, a missing value or a malformed number is a UsageError, which the CLI prints on one line
// and exits 2 with. Values are checked here, before anything is sent, so the broker sees only sane requests.
import { parseAddress } from '../client/cluster.js';

/** A bad command line: one line for stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Long name without the dashes. */
  name: string;
  /** One letter, for `-x`. */
  short?: string;
  /** Placeholder for the value in --help ('N'); absent for a flag without a value. */
  arg?: string;
  /** May be given more than once; the values are kept in order. */
  repeat?: boolean;
  help: string;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  has(name: string): boolean;
  /** The value of an option given once (undefined when not given). */
  value(name: string): string | undefined;
  /** All values of a repeatable option, in order. */
  values(name: string): string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  const given = new Map<string, string[]>();
  const positionals: string[] = [];
  const put = (spec: OptionSpec, value: string, shown: string) => {
    const list = given.get(spec.name) ?? [];
    if (list.length > 0 && spec.repeat !== true) throw new UsageError(`${shown} given more than once`);
    list.push(value);
    given.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      shown = eq > 0 ? arg.slice(0, eq) : arg;
      spec = byLong.get(shown.slice(2));
      if (eq > 0) inline = arg.slice(eq + 1);
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      shown = arg.slice(0, 2);
      spec = byShort.get(arg[1]!);
      if (arg.length > 2) inline = arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }
    if (spec === undefined) throw new UsageError(`unknown option ${shown}`);
    if (spec.arg === undefined) {
      if (inline !== undefined) throw new UsageError(`${shown} takes no value`);
      put(spec, '', shown);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${shown} needs a value (${spec.arg})`);
    put(spec, value, shown);
  }
  return {
    positionals,
    has: (name) => given.has(name),
    value: (name) => given.get(name)?.at(-1),
    values: (name) => given.get(name) ?? [],
  };
}

/** An integer option within [min, max], or `def` when not given. */
export function intOption(args: ParsedArgs, name: string, def: number, min: number, max: number): number {
  const v = args.value(name);
  return v === undefined ? def : parseInteger(v, `--${name}`, min, max);
}

/** An integer in [min, max] written in decimal; anything else is a UsageError naming `what`. */
export function parseInteger(text: string, what: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${what} must be an integer, not '${text}'`);
  if (n < min || n > max) throw new UsageError(`${what} must be between ${min} and ${max}, not ${n}`);
  return n;
}

/** `name=value` (the value may contain '='). */
export function parseKeyValue(text: string, what: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${what} must be NAME=VALUE, not '${text}'`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** A comma-separated list of host:port addresses. */
export function parseBootstrap(text: string): string[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) throw new UsageError('--bootstrap-server must list at least one HOST:PORT');
  for (const a of list) {
    try {
      parseAddress(a);
    } catch {
      throw new UsageError(`--bootstrap-server: '${a}' is not HOST:PORT`);
    }
  }
  return list;
}

/**
 * A point in time: milliseconds since the epoch, or an ISO 8601 date or date-time ('2026-12-07T10:00:00Z');
 * one without a zone is read as UTC, so the same command means the same instant on every machine.
 */
export function parseDateTime(text: string, what: string): number {
  if (/^\d+$/.test(text)) return parseInteger(text, what, 0, Number.MAX_SAFE_INTEGER);
  const withZone = /(Z|[+-]\d\d:?\d\d)$/.test(text) || !text.includes('T') ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  if (!Number.isFinite(ms) || ms < 0)
    throw new UsageError(`${what} must be an ISO 8601 date-time or epoch milliseconds, not '${text}'`);
  return ms;
}
