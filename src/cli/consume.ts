// runnel consume: prints records like kcat -C, as text in a --format or as one JSON document per line
// (--json). Without --group it reads the partitions it is given from -o on; with --group it is a group
// member, starts at the group's committed offsets and commits what it printed. -e stops at the end of every
// partition (its high watermark when the command started), -c after a number of records, --to-offset at an
// offset; otherwise it runs until SIGINT or SIGTERM, then commits and leaves the group.
import { Buffer } from 'node:buffer';
import type { ConsumerBatch, TopicPartition } from '../client/consumer.js';
import { KafkaError } from '../client/errors.js';
import type { OffsetToCommit } from '../client/group-coordinator.js';
import { intOption, type ParsedArgs, parseDateTime, parseInteger, UsageError } from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { compileFormat, type RecordFormatter, recordJson, unescapeArg } from './format.js';

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
/** How often a group member commits what it printed, and how often -e checks for the end. */
const COMMIT_INTERVAL_MS = 5000;
const END_CHECK_MS = 100;

type Start =
  | { kind: 'beginning' }
  | { kind: 'end' }
  | { kind: 'offset'; offset: number }
  | { kind: 'fromEnd'; count: number }
  | { kind: 'time'; timestamp: number };

function parseStart(text: string | undefined, grouped: boolean): Start {
  if (text === undefined || text === 'beginning') return { kind: 'beginning' };
  if (text === 'end') return { kind: 'end' };
  if (grouped)
    throw new UsageError('with --group, --offset is beginning or end (where a group without commits starts)');
  if (text.startsWith('@'))
    return { kind: 'time', timestamp: parseDateTime(text.slice(1), '--offset @TIME') };
  if (text.startsWith('-'))
    return { kind: 'fromEnd', count: parseInteger(text.slice(1), '--offset -N', 0, Number.MAX_SAFE_INTEGER) };
  return { kind: 'offset', offset: parseInteger(text, '--offset', 0, Number.MAX_SAFE_INTEGER) };
}

function formatter(args: ParsedArgs): RecordFormatter {
  const format = args.value('format');
  const keyDelim = args.value('key-delimiter');
  if (format !== undefined && keyDelim !== undefined)
    throw new UsageError('--format and --key-delimiter exclude each other');
  if (format !== undefined) return compileFormat(format);
  if (keyDelim !== undefined) {
    const d = unescapeArg(keyDelim, '--key-delimiter').replaceAll('%', '%%').replaceAll('\\', '\\\\');
    return compileFormat(`%k${d}%v\\n`);
  }
  return compileFormat('%v\\n');
}

/**
 * Writes to stdout, waiting while the pipe is full so a slow reader bounds memory. A reader that went away
 * (EPIPE: `| head`) ends the wait as well; the 'error' listener then stops the command.
 */
async function write(chunks: (Buffer | string)[]): Promise<void> {
  if (chunks.length === 0 || process.stdout.destroyed) return;
  const data = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  if (process.stdout.write(data)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      process.stdout.off('drain', done);
      process.stdout.off('error', done);
      process.stdout.off('close', done);
      resolve();
    };
    process.stdout.once('drain', done);
    process.stdout.once('error', done);
    process.stdout.once('close', done);
  });
}

const consume: Command = {
  name: '',
  summary: 'Prints records of topics (all their partitions, or --partition), one per line by default.',
  usage: 'TOPIC...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [
    { name: 'partition', short: 'p', arg: 'N', repeat: true, help: 'only this partition (of every topic)' },
    {
      name: 'offset',
      short: 'o',
      arg: 'WHERE',
      help: 'start: beginning (default), end, N, -N (N before the end), @TIME (ISO 8601 or epoch ms)',
    },
    { name: 'to-offset', arg: 'N', help: 'stop each partition before offset N' },
    { name: 'exit', short: 'e', help: 'exit at the end of every partition (its high watermark at start)' },
    { name: 'count', short: 'c', arg: 'N', help: 'exit after N records' },
    {
      name: 'group',
      short: 'g',
      arg: 'GROUP',
      help: 'consume as a member of GROUP and commit what was printed',
    },
    { name: 'format', short: 'f', arg: 'FORMAT', help: "output format (default '%v\\n'; see below)" },
    { name: 'key-delimiter', short: 'K', arg: 'DELIM', help: 'print KEY DELIM VALUE per line' },
  ],
  details: [
    'Format tokens: %t topic, %p partition, %o offset, %T timestamp (ms), %k key, %v value,',
    '%h headers (name=value,...), %K key length, %S value length (-1: null), %% a percent sign;',
    'escapes \\n \\t \\r \\\\ \\0. --json prints each record as a JSON object on its own line.',
    "Example: runnel consume events -e -f '%p:%o %k=%v %h\\n'",
  ].join('\n'),
  async run(ctx) {
    const { args } = ctx;
    const topics = [...new Set(args.positionals)];
    const groupId = args.value('group');
    const start = parseStart(args.value('offset'), groupId !== undefined);
    const format = args.has('json') ? null : formatter(args);
    const count = args.has('count') ? intOption(args, 'count', 0, 1, Number.MAX_SAFE_INTEGER) : null;
    const toOffset = args.has('to-offset')
      ? intOption(args, 'to-offset', 0, 0, Number.MAX_SAFE_INTEGER)
      : null;
    const exitAtEnd = args.has('exit');
    const onlyPartitions = args
      .values('partition')
      .map((p) => parseInteger(p, '--partition', 0, 2 ** 31 - 1));
    if (groupId !== undefined && (onlyPartitions.length > 0 || toOffset !== null))
      throw new UsageError('--group takes whole topics: no --partition or --to-offset');

    const admin = ctx.admin();
    const tps: TopicPartition[] = [];
    for (const t of await admin.describeTopics(topics)) {
      const all = t.partitions.map((p) => p.partition);
      for (const p of onlyPartitions)
        if (!all.includes(p)) throw new UsageError(`${t.name} has no partition ${p} (it has ${all.length})`);
      for (const partition of onlyPartitions.length > 0 ? onlyPartitions : all)
        tps.push({ topic: t.name, partition });
    }
    // Where each partition stops: the high watermark now (with -e) and --to-offset, whichever comes first.
    const stopAt = new Map<string, number>();
    if (exitAtEnd) {
      for (const topic of topics) {
        const parts = tps.filter((tp) => tp.topic === topic).map((tp) => tp.partition);
        for (const o of await admin.listOffsets(topic, 'latest', parts))
          stopAt.set(key(topic, o.partition), o.offset);
      }
    }
    if (toOffset !== null)
      for (const tp of tps) {
        const k = key(tp.topic, tp.partition);
        stopAt.set(k, Math.min(stopAt.get(k) ?? toOffset, toOffset));
      }
    const bounded = exitAtEnd || toOffset !== null;

    /** Next offset to print per partition, once known. */
    const position = new Map<string, number>();
    let printed = 0;
    let stopping = false;
    let finish: () => void = () => {};
    const finished = new Promise<void>((r) => {
      finish = r;
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      finish();
    };
    // The partitions -e and --to-offset wait for: all of them, or a group member's current assignment.
    let scope: () => TopicPartition[] = () => tps;
    const allDone = () => {
      const list = scope();
      return (
        bounded &&
        list.length > 0 &&
        list.every((tp) => {
          const k = key(tp.topic, tp.partition);
          const end = stopAt.get(k);
          const at = position.get(k);
          return end !== undefined && at !== undefined && at >= end;
        })
      );
    };

    const onBatch = async (b: ConsumerBatch) => {
      if (stopping) return;
      const k = key(b.topic, b.partition);
      const end = stopAt.get(k) ?? Number.POSITIVE_INFINITY;
      const chunks: (Buffer | string)[] = [];
      let next = position.get(k) ?? -1;
      for (const r of b.records) {
        if (r.offset >= end || (count !== null && printed >= count)) break;
        if (format === null) chunks.push(`${recordJson(r)}\n`);
        else format(r, chunks);
        printed++;
        next = r.offset + 1;
      }
      // A batch past the stop offset (or a compacted gap) still moves the partition to its end.
      if (b.records.length > 0 && b.records.at(-1)!.offset + 1 >= end) next = Math.max(next, end);
      if (next >= 0) position.set(k, next);
      await write(chunks);
      if ((count !== null && printed >= count) || allDone()) stop();
    };

    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') stop();
    });
    const onSignal = () => stop();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const timers: NodeJS.Timeout[] = [];
    try {
      if (groupId === undefined)
        await consumeAssigned(ctx, tps, start, position, onBatch, stop, finished, allDone);
      else
        await consumeGroup(
          ctx,
          groupId,
          topics,
          tps,
          start,
          position,
          onBatch,
          stop,
          finished,
          allDone,
          timers,
          (f) => {
            scope = f;
          },
        );
    } finally {
      for (const t of timers) clearInterval(t);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (format !== null) ctx.out.note(`consumed ${printed} records`);
    return 0;
  },
};

async function consumeAssigned(
  ctx: CommandContext,
  tps: TopicPartition[],
  start: Start,
  position: Map<string, number>,
  onBatch: (b: ConsumerBatch) => Promise<void>,
  stop: () => void,
  finished: Promise<void>,
  allDone: () => boolean,
): Promise<void> {
  const consumer = ctx.client().consumer({ autoOffsetReset: 'earliest' });
  consumer.assign(tps);
  switch (start.kind) {
    case 'beginning':
      await consumer.seekToBeginning();
      break;
    case 'end':
      await consumer.seekToEnd();
      break;
    case 'time':
      await consumer.seekToTimestamp(undefined, start.timestamp);
      break;
    case 'offset':
      for (const tp of tps) consumer.seek(tp, start.offset);
      break;
    case 'fromEnd': {
      const admin = ctx.admin();
      for (const topic of new Set(tps.map((tp) => tp.topic))) {
        const parts = tps.filter((tp) => tp.topic === topic).map((tp) => tp.partition);
        const [starts, ends] = await Promise.all([
          admin.listOffsets(topic, 'earliest', parts),
          admin.listOffsets(topic, 'latest', parts),
        ]);
        for (const e of ends) {
          const low = starts.find((s) => s.partition === e.partition)!.offset;
          consumer.seek({ topic, partition: e.partition }, Math.max(low, e.offset - start.count));
        }
      }
      break;
    }
  }
  for (const tp of tps) position.set(key(tp.topic, tp.partition), consumer.position(tp));
  if (allDone()) stop();
  const running = consumer.run({ eachBatch: onBatch });
  // run() rejects on a consumer failure; that ends the command with its error.
  await Promise.race([finished, running]);
  await consumer.close();
  await running;
}

async function consumeGroup(
  ctx: CommandContext,
  groupId: string,
  topics: string[],
  tps: TopicPartition[],
  start: Start,
  position: Map<string, number>,
  onBatch: (b: ConsumerBatch) => Promise<void>,
  stop: () => void,
  finished: Promise<void>,
  allDone: () => boolean,
  timers: NodeJS.Timeout[],
  setScope: (f: () => TopicPartition[]) => void,
): Promise<void> {
  const admin = ctx.admin();
  // Where each partition stands before this member reads anything: the group's commit, else the reset.
  const committed = await admin.fetchOffsets({ groupId, topics });
  for (const t of committed)
    for (const p of t.partitions) if (p.offset >= 0) position.set(key(t.topic, p.partition), p.offset);
  for (const topic of topics) {
    const parts = tps.filter((tp) => tp.topic === topic).map((tp) => tp.partition);
    for (const o of await admin.listOffsets(topic, start.kind === 'end' ? 'latest' : 'earliest', parts))
      if (!position.has(key(topic, o.partition))) position.set(key(topic, o.partition), o.offset);
  }
  const consumer = ctx.client().consumer({
    groupId,
    autoCommit: false,
    autoOffsetReset: start.kind === 'end' ? 'latest' : 'earliest',
  });
  const printedOffsets = (): OffsetToCommit[] =>
    consumer.assignment().flatMap((tp) => {
      const offset = position.get(key(tp.topic, tp.partition));
      return offset === undefined ? [] : [{ ...tp, offset }];
    });
  consumer.subscribe(topics);
  setScope(() => consumer.assignment());
  timers.push(
    setInterval(() => {
      if (allDone()) stop();
    }, END_CHECK_MS),
    setInterval(() => {
      consumer.commit(printedOffsets()).catch(() => {});
    }, COMMIT_INTERVAL_MS),
  );
  const running = consumer.run({ eachBatch: onBatch });
  await Promise.race([finished, running]);
  try {
    const offsets = printedOffsets();
    if (offsets.length > 0) await consumer.commit(offsets);
  } catch (err) {
    if (!(err instanceof KafkaError)) throw err;
    ctx.out.note(`runnel: could not commit the last offsets: ${err.message}`);
  } finally {
    await consumer.close();
  }
  await running;
}

export const consumeCommand: CommandGroup = { summary: 'consume', commands: [consume] };
