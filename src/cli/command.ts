// The shape every CLI command has, and what it gets to run with: its parsed arguments, the output, and a
// client to the cluster made on first use (the runner closes it).
import type { Admin } from '../client/admin.js';
import type { Client } from '../client/client.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import type { Output } from './output.js';

export interface CommandContext {
  readonly args: ParsedArgs;
  readonly out: Output;
  /** --timeout-ms: the client's request timeout. */
  readonly timeoutMs: number;
  client(): Client;
  admin(): Admin;
}

export interface Command {
  /** The word after the group ('create'); '' for a command that is its group (produce, consume). */
  name: string;
  summary: string;
  /** Positional arguments for the usage line ('TOPIC...'). */
  usage: string;
  /** How many positionals it takes. */
  positionals: readonly [min: number, max: number];
  options: readonly OptionSpec[];
  /** More help after the options: examples, what the output means. */
  details?: string;
  /** Resolves with the exit code (0 when nothing is returned). */
  run(ctx: CommandContext): Promise<number | undefined>;
}

export interface CommandGroup {
  summary: string;
  commands: readonly Command[];
}
