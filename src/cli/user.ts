// runnel user: SCRAM users, as kafka-configs --alter --add-config 'SCRAM-SHA-512=[password=...]' and
// --describe --entity-type users do. The password is read from --password or, safer, the first line of
// stdin with --password-stdin; only the salted password travels to the cluster (Admin derives it).
import { readFileSync } from 'node:fs';
import { KafkaError } from '../client/errors.js';
import { errorName } from '../protocol/errors.js';
import { SCRAM_MAX_ITERATIONS, SCRAM_MIN_ITERATIONS } from '../protocol/sasl/scram.js';
import { intOption, type ParsedArgs, UsageError } from './args.js';
import type { Command, CommandGroup } from './command.js';
import { table } from './output.js';

type Mechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

function mechanisms(args: ParsedArgs): Mechanism[] {
  const given = args.values('mechanism').map((m) => m.toUpperCase());
  if (given.length === 0) return ['SCRAM-SHA-512'];
  for (const m of given)
    if (m !== 'SCRAM-SHA-256' && m !== 'SCRAM-SHA-512')
      throw new UsageError(`--mechanism: SCRAM-SHA-256 or SCRAM-SHA-512, not '${m}'`);
  return given as Mechanism[];
}

function password(args: ParsedArgs): string {
  const given = args.value('password');
  if (given !== undefined && args.has('password-stdin'))
    throw new UsageError('--password and --password-stdin exclude each other');
  const p = given ?? (args.has('password-stdin') ? readFileSync(0, 'utf8').split(/\r?\n/)[0]! : undefined);
  if (p === undefined || p === '')
    throw new UsageError('a password is needed: --password or --password-stdin');
  return p;
}

function failIfAny(results: { user: string; errorCode: number; errorMessage: string | null }[]): void {
  const failed = results.find((r) => r.errorCode !== 0);
  if (failed !== undefined)
    throw new KafkaError(
      failed.errorCode,
      `user ${failed.user}: ${failed.errorMessage ?? errorName(failed.errorCode)}`,
    );
}

const create: Command = {
  name: 'create',
  summary:
    'Creates a SCRAM user, or sets a new password for one (every broker learns it from the metadata log).',
  usage: 'USER',
  positionals: [1, 1],
  options: [
    {
      name: 'password',
      arg: 'PASSWORD',
      help: 'the password (visible in the process list: prefer --password-stdin)',
    },
    { name: 'password-stdin', help: 'read the password from the first line of stdin' },
    {
      name: 'mechanism',
      arg: 'MECH',
      help: 'SCRAM-SHA-256 or SCRAM-SHA-512 (default SCRAM-SHA-512)',
      repeat: true,
    },
    {
      name: 'iterations',
      arg: 'N',
      help: `PBKDF2 iterations, ${SCRAM_MIN_ITERATIONS}..${SCRAM_MAX_ITERATIONS} (default 8192)`,
    },
  ],
  async run(ctx) {
    const user = ctx.args.positionals[0]!;
    const pw = password(ctx.args);
    const iterations = intOption(ctx.args, 'iterations', 8192, 1, 2 ** 31 - 1);
    const results = await ctx
      .admin()
      .alterUserScramCredentials(
        mechanisms(ctx.args).map((mechanism) => ({ user, mechanism, password: pw, iterations })),
      );
    failIfAny(results);
    ctx.out.note(`user ${user}: ${mechanisms(ctx.args).join(', ')} credential set`);
    if (ctx.out.json) ctx.out.data(results);
    return 0;
  },
};

const remove: Command = {
  name: 'delete',
  summary: "Deletes a user's SCRAM credentials (every mechanism it has unless --mechanism).",
  usage: 'USER',
  positionals: [1, 1],
  options: [{ name: 'mechanism', arg: 'MECH', help: 'only this mechanism', repeat: true }],
  async run(ctx) {
    const user = ctx.args.positionals[0]!;
    let which: string[] = ctx.args.values('mechanism').length > 0 ? mechanisms(ctx.args) : [];
    if (which.length === 0) {
      const [d] = await ctx.admin().describeUserScramCredentials([user]);
      if (d === undefined || d.errorCode !== 0)
        throw new KafkaError(d?.errorCode ?? 91, `user ${user}: no SCRAM credentials`);
      which = d.credentials.map((c) => c.mechanism);
    }
    const results = await ctx
      .admin()
      .alterUserScramCredentials(
        which.map((mechanism) => ({ user, mechanism: mechanism as Mechanism, delete: true as const })),
      );
    failIfAny(results);
    ctx.out.note(`user ${user}: ${which.join(', ')} credential deleted`);
    if (ctx.out.json) ctx.out.data(results);
    return 0;
  },
};

const list: Command = {
  name: 'list',
  summary: 'Lists SCRAM users (all, or those named) with their mechanisms and iterations.',
  usage: '[USER...]',
  positionals: [0, Number.POSITIVE_INFINITY],
  options: [],
  async run(ctx) {
    const users = await ctx.admin().describeUserScramCredentials([...ctx.args.positionals]);
    if (ctx.out.json) ctx.out.data(users);
    else
      ctx.out.line(
        table(
          ['USER', 'MECHANISM', 'ITERATIONS', 'ERROR'],
          users.flatMap((u) =>
            u.errorCode !== 0
              ? [[u.user, null, null, errorName(u.errorCode)]]
              : u.credentials.map((c) => [u.user, c.mechanism, c.iterations, null]),
          ),
        ),
      );
    return users.some((u) => u.errorCode !== 0) ? 1 : 0;
  },
};

export const userCommands: CommandGroup = {
  summary: 'create, delete and list SCRAM users',
  commands: [create, remove, list],
};
