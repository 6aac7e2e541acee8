// runnel transaction: list, describe, find-hanging, abort, in the manner of kafka-transactions.sh. A hanging
// transaction is one a partition still holds open (its first offset keeps the last stable offset, and so
// every read_committed consumer, back) although no coordinator is finishing it; `abort` writes its ABORT
// marker through the partition's leader.
import { ClientError, KafkaError } from '../client/errors.js';
import { intOption, type ParsedArgs, parseInteger, UsageError } from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { table } from './output.js';

const list: Command = {
  name: 'list',
  summary: 'Lists the transactional ids every broker coordinates, with producer id and state.',
  usage: '',
  positionals: [0, 0],
  options: [
    { name: 'state', arg: 'STATE', help: 'only this state (Ongoing, PrepareCommit, ...)', repeat: true },
    { name: 'producer-id', arg: 'ID', help: 'only this producer id', repeat: true },
    { name: 'min-duration-ms', arg: 'MS', help: 'only transactions open at least this long' },
  ],
  async run(ctx) {
    const producerIds = ctx.args
      .values('producer-id')
      .map((v) => parseInteger(v, '--producer-id', 0, Number.MAX_SAFE_INTEGER));
    const min = ctx.args.has('min-duration-ms')
      ? intOption(ctx.args, 'min-duration-ms', 0, 0, Number.MAX_SAFE_INTEGER)
      : undefined;
    const rows = await ctx.admin().listTransactions({
      states: ctx.args.values('state'),
      producerIds,
      durationFilterMs: min,
    });
    if (ctx.out.json) ctx.out.data(rows);
    else
      ctx.out.line(
        table(
          ['TRANSACTIONAL-ID', 'PRODUCER-ID', 'STATE', 'COORDINATOR'],
          rows.map((r) => [r.transactionalId, r.producerId, r.state, r.coordinatorId]),
        ),
      );
    return 0;
  },
};

const describe: Command = {
  name: 'describe',
  summary: 'Shows each transactional id at its coordinator: state, producer, timeout, open partitions.',
  usage: 'TRANSACTIONAL-ID...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [],
  async run(ctx) {
    const described = await ctx.admin().describeTransactions([...ctx.args.positionals]);
    const failed = described.find((d) => d.errorCode !== 0);
    if (failed !== undefined)
      throw new KafkaError(failed.errorCode, `describe transaction ${failed.transactionalId}`);
    if (ctx.out.json) ctx.out.data(described);
    else {
      const now = Date.now();
      ctx.out.line(
        table(
          [
            'TRANSACTIONAL-ID',
            'COORDINATOR',
            'STATE',
            'PRODUCER-ID',
            'EPOCH',
            'TIMEOUT-MS',
            'OPEN-MS',
            'PARTITIONS',
          ],
          described.map((d) => [
            d.transactionalId,
            d.coordinatorId,
            d.state,
            d.producerId,
            d.producerEpoch,
            d.transactionTimeoutMs,
            d.transactionStartTimeMs >= 0 ? now - d.transactionStartTimeMs : null,
            d.partitions.map((p) => `${p.topic}-${p.partition}`).join(',') || null,
          ]),
        ),
      );
    }
    return 0;
  },
};

interface OpenTransaction {
  topic: string;
  partition: number;
  producerId: number;
  producerEpoch: number;
  coordinatorEpoch: number;
  startOffset: number;
  /** Milliseconds since the producer last wrote to the partition. */
  idleMs: number;
}

/** The transactions a topic's partitions hold open, from their leaders (describeProducers). */
async function openTransactions(
  ctx: CommandContext,
  topic: string,
  partitions?: number[],
): Promise<OpenTransaction[]> {
  const admin = ctx.admin();
  const [t] = await admin.describeTopics([topic]);
  if (t === undefined) throw new ClientError(`no topic ${topic}`);
  const wanted = partitions ?? t.partitions.map((p) => p.partition);
  const described = await admin.describeProducers(wanted.map((partition) => ({ topic, partition })));
  const now = Date.now();
  const out: OpenTransaction[] = [];
  for (const d of described) {
    if (d.errorCode !== 0) throw new KafkaError(d.errorCode, `describe producers of ${topic}-${d.partition}`);
    for (const p of d.activeProducers) {
      if (p.currentTxnStartOffset < 0) continue;
      out.push({
        topic,
        partition: d.partition,
        producerId: p.producerId,
        producerEpoch: p.producerEpoch,
        coordinatorEpoch: p.coordinatorEpoch,
        startOffset: p.currentTxnStartOffset,
        idleMs: p.lastTimestamp >= 0 ? now - p.lastTimestamp : -1,
      });
    }
  }
  return out;
}

const findHanging: Command = {
  name: 'find-hanging',
  summary:
    "Lists a topic's open transactions idle longer than --min-idle-ms (default 900000, Kafka's longest timeout).",
  usage: '',
  positionals: [0, 0],
  options: [
    { name: 'topic', arg: 'TOPIC', help: 'the topic to look at (required)' },
    { name: 'partition', arg: 'N', help: 'only this partition', repeat: true },
    { name: 'min-idle-ms', arg: 'MS', help: 'idle at least this long (0: every open transaction)' },
  ],
  async run(ctx) {
    const topic = required(ctx.args, 'topic');
    const partitions = ctx.args.has('partition')
      ? ctx.args.values('partition').map((v) => parseInteger(v, '--partition', 0, 0x7fffffff))
      : undefined;
    const minIdle = intOption(ctx.args, 'min-idle-ms', 900_000, 0, Number.MAX_SAFE_INTEGER);
    const rows = (await openTransactions(ctx, topic, partitions)).filter((o) => o.idleMs >= minIdle);
    if (ctx.out.json) ctx.out.data(rows);
    else
      ctx.out.line(
        table(
          ['TOPIC', 'PARTITION', 'PRODUCER-ID', 'EPOCH', 'COORDINATOR-EPOCH', 'START-OFFSET', 'IDLE-MS'],
          rows.map((r) => [
            r.topic,
            r.partition,
            r.producerId,
            r.producerEpoch,
            r.coordinatorEpoch,
            r.startOffset,
            r.idleMs,
          ]),
        ),
      );
    return 0;
  },
};

const abort: Command = {
  name: 'abort',
  summary: 'Aborts the transaction a partition holds open from --start-offset (writes its ABORT marker).',
  usage: '',
  positionals: [0, 0],
  options: [
    { name: 'topic', arg: 'TOPIC', help: "the partition's topic (required)" },
    { name: 'partition', arg: 'N', help: 'the partition (required)' },
    {
      name: 'start-offset',
      arg: 'OFFSET',
      help: "the open transaction's first offset, as find-hanging shows it (required)",
    },
  ],
  details:
    'Only for a transaction no coordinator will finish: a live producer whose transaction is aborted\n' +
    'this way fails its commit. find-hanging lists candidates.',
  async run(ctx) {
    const topic = required(ctx.args, 'topic');
    const partition = parseInteger(required(ctx.args, 'partition'), '--partition', 0, 0x7fffffff);
    const startOffset = parseInteger(
      required(ctx.args, 'start-offset'),
      '--start-offset',
      0,
      Number.MAX_SAFE_INTEGER,
    );
    const open = (await openTransactions(ctx, topic, [partition])).find((o) => o.startOffset === startOffset);
    if (open === undefined) {
      // The cluster's answer, not a bad command line: exit 1.
      throw new ClientError(
        `${topic}-${partition} has no open transaction starting at offset ${startOffset}`,
      );
    }
    await ctx.admin().abortTransaction(open);
    if (ctx.out.json) ctx.out.data({ ...open, aborted: true });
    else
      ctx.out.line(
        `aborted producer ${open.producerId}'s transaction on ${topic}-${partition} (from offset ${startOffset})`,
      );
    return 0;
  },
};

function required(args: ParsedArgs, name: string): string {
  const v = args.value(name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export const transactionCommands: CommandGroup = {
  summary: 'transactions',
  commands: [list, describe, findHanging, abort],
};
