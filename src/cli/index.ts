// The admin CLI: `runnel <group> <command> [options]`, in the manner of Kafka's scripts and rpk, built on
// Runnel's own client so it works against any Kafka cluster. src/node.ts calls runCli() when its first
// argument names a group; each group's module is imported only when used, so neither the broker nor an
// unrelated command pays for loading it. Exit codes: 0 done, 1 a server or client error (its Kafka error
// name first), 2 a bad command line (one line on stderr).
import { ClientError, KafkaError } from '../client/errors.js';
import { Logger } from '../logger.js';
import {
  type OptionSpec,
  type ParsedArgs,
  parseArgs,
  parseBootstrap,
  parseInteger,
  UsageError,
} from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { Output } from './output.js';
import { TLS_OPTIONS, tlsFromArgs } from './tls-options.js';

const GROUPS: Readonly<Record<string, { summary: string; load: () => Promise<CommandGroup> }>> = {
  topic: {
    summary: 'create, delete, list, describe topics; alter their configs, add partitions',
    load: async () => (await import('./topic.js')).topicCommands,
  },
  group: {
    summary: 'list, describe (with lag), reset offsets of and delete consumer groups',
    load: async () => (await import('./group.js')).groupCommands,
  },
  cluster: {
    summary: 'brokers and controller, health, partition rebalancing and broker decommissioning',
    load: async () => (await import('./cluster.js')).clusterCommands,
  },
  config: {
    summary: 'describe and alter configs of topics, one broker or the broker default (live)',
    load: async () => (await import('./config.js')).configCommands,
  },
  transaction: {
    summary: 'list and describe transactions; find and abort hanging ones',
    load: async () => (await import('./transaction.js')).transactionCommands,
  },
  acl: {
    summary: 'add, list and remove ACLs (like kafka-acls.sh)',
    load: async () => (await import('./acl.js')).aclCommands,
  },
  user: {
    summary: 'create, delete and list SCRAM users (credentials kept in the metadata log)',
    load: async () => (await import('./user.js')).userCommands,
  },
  produce: {
    summary: 'write records from stdin, one per line (like kcat -P)',
    load: async () => (await import('./produce.js')).produceCommand,
  },
  consume: {
    summary: 'print records, formatted or as JSON (like kcat -C)',
    load: async () => (await import('./consume.js')).consumeCommand,
  },
};

/** The group names, for node.ts to tell a command from broker flags. */
export const CLI_GROUPS: readonly string[] = Object.keys(GROUPS);

export const DEFAULT_BOOTSTRAP = 'localhost:9092';
const DEFAULT_TIMEOUT_MS = 30_000;

const COMMON_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'bootstrap-server',
    short: 'b',
    arg: 'HOST:PORT,...',
    help: `brokers to start from (default $RUNNEL_BOOTSTRAP, else ${DEFAULT_BOOTSTRAP})`,
  },
  { name: 'json', help: 'machine-readable output: one JSON document (consume: one per record)' },
  {
    name: 'timeout-ms',
    arg: 'MS',
    help: `how long a request to the cluster may take (default ${DEFAULT_TIMEOUT_MS})`,
  },
  ...TLS_OPTIONS,
  {
    name: 'sasl-mechanism',
    arg: 'MECH',
    help: 'authenticate with SASL: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (default $RUNNEL_SASL_MECHANISM)',
  },
  { name: 'sasl-username', arg: 'USER', help: 'SASL user (default $RUNNEL_SASL_USERNAME)' },
  {
    name: 'sasl-password',
    arg: 'PASSWORD',
    help: 'SASL password (default $RUNNEL_SASL_PASSWORD, which keeps it out of the process list)',
  },
  { name: 'help', short: 'h', help: 'this text' },
];

/** --sasl-* (or RUNNEL_SASL_*) as client options; undefined without a mechanism. */
function saslOptions(args: ParsedArgs): import('../client/sasl.js').SaslOptions | undefined {
  const mechanism = (args.value('sasl-mechanism') ?? process.env.RUNNEL_SASL_MECHANISM)?.toUpperCase();
  if (mechanism === undefined || mechanism === '') return undefined;
  if (mechanism !== 'PLAIN' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512')
    throw new UsageError(`--sasl-mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, not '${mechanism}'`);
  const username = args.value('sasl-username') ?? process.env.RUNNEL_SASL_USERNAME;
  const password = args.value('sasl-password') ?? process.env.RUNNEL_SASL_PASSWORD;
  if (username === undefined || password === undefined)
    throw new UsageError('--sasl-mechanism needs --sasl-username and --sasl-password (or RUNNEL_SASL_*)');
  return { mechanism, username, password };
}

/** The commands part of `runnel --help`. */
export function commandsHelp(): string {
  const lines = [
    'Admin commands (runnel COMMAND --help for each):',
    '',
    ...Object.entries(GROUPS).map(([name, g]) => `  ${name.padEnd(10)} ${g.summary}`),
  ];
  return lines.join('\n');
}

function optionLines(options: readonly OptionSpec[]): string[] {
  return options.map((o) => {
    const names = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.arg ? ` ${o.arg}` : ''}`;
    return `  ${names.padEnd(36)} ${o.help}${o.repeat ? ' (repeatable)' : ''}`;
  });
}

function commandHelp(prefix: string, c: Command): string {
  const lines = [
    `Usage: ${prefix}${c.usage ? ` ${c.usage}` : ''} [options]`,
    '',
    c.summary,
    '',
    'Options:',
    ...optionLines([...c.options, ...COMMON_OPTIONS]),
  ];
  if (c.details) lines.push('', c.details);
  return lines.join('\n');
}

function groupHelp(name: string, g: CommandGroup): string {
  const width = Math.max(...g.commands.map((c) => c.name.length));
  return [
    `Usage: runnel ${name} COMMAND [options]`,
    '',
    ...g.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `runnel ${name} COMMAND --help describes each.`,
  ].join('\n');
}

/** Runs one CLI command line (argv[0] is a group name) and resolves with the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [groupName = '', ...rest] = argv;
  const entry = GROUPS[groupName];
  if (entry === undefined) return usage(`unknown command '${groupName}'`);
  const group = await entry.load();
  let command: Command;
  let prefix = `runnel ${groupName}`;
  let args: string[];
  const single = group.commands.length === 1 && group.commands[0]!.name === '';
  if (single) {
    command = group.commands[0]!;
    args = rest;
  } else {
    const [sub, ...more] = rest;
    if (sub === undefined)
      return usage(
        `${prefix}: missing command (${group.commands.map((c) => c.name).join(', ')}); see --help`,
        false,
      );
    if (sub === '--help' || sub === '-h') {
      process.stdout.write(`${groupHelp(groupName, group)}\n`);
      return 0;
    }
    const found = group.commands.find((c) => c.name === sub);
    if (found === undefined)
      return usage(
        `${prefix}: unknown command '${sub}' (one of: ${group.commands.map((c) => c.name).join(', ')})`,
        false,
      );
    command = found;
    prefix += ` ${sub}`;
    args = more;
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args, [...command.options, ...COMMON_OPTIONS]);
    if (parsed.has('help')) {
      process.stdout.write(`${commandHelp(prefix, command)}\n`);
      return 0;
    }
    const [min, max] = command.positionals;
    const n = parsed.positionals.length;
    if (n < min) throw new UsageError(`missing argument: ${prefix} ${command.usage}`);
    if (n > max) throw new UsageError(`unexpected argument '${parsed.positionals[max]}'`);
  } catch (err) {
    if (err instanceof UsageError) return usage(`${prefix}: ${err.message} (see --help)`, false);
    throw err;
  }
  return execute(prefix, command, parsed);
}

async function execute(prefix: string, command: Command, args: ParsedArgs): Promise<number> {
  let client: import('../client/client.js').Client | null = null;
  let admin: import('../client/admin.js').Admin | null = null;
  try {
    const brokers = parseBootstrap(
      args.value('bootstrap-server') ?? process.env.RUNNEL_BOOTSTRAP ?? DEFAULT_BOOTSTRAP,
    );
    const ssl = tlsFromArgs(args);
    const timeout = args.value('timeout-ms');
    const timeoutMs =
      timeout === undefined ? DEFAULT_TIMEOUT_MS : parseInteger(timeout, '--timeout-ms', 1, 2 ** 31 - 1);
    const sasl = saslOptions(args);
    // The client module is loaded here, not at the top: --help and bad arguments never need it.
    const { Client } = await import('../client/client.js');
    const ctx: CommandContext = {
      args,
      out: new Output(args.has('json')),
      timeoutMs,
      client: () => {
        client ??= new Client({
          brokers,
          clientId: 'runnel-cli',
          requestTimeoutMs: timeoutMs,
          ssl,
          logger: new Logger('error', 'runnel'),
          sasl,
        });
        return client;
      },
      admin: () => {
        admin ??= ctx.client().admin();
        return admin;
      },
    };
    return (await command.run(ctx)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) return usage(`${prefix}: ${err.message} (see --help)`, false);
    if (err instanceof KafkaError || err instanceof ClientError) {
      process.stderr.write(`runnel: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`runnel: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  } finally {
    await (client as { close(): Promise<void> } | null)?.close().catch(() => {});
  }
}

function usage(message: string, tagged = true): number {
  process.stderr.write(`${tagged ? 'runnel: ' : ''}${message}\n`);
  return 2;
}
