// runnel produce: records from stdin, one per line (or per --delimiter), like kcat -P. A key comes from
// --key (the same for all) or from each line split at --key-delimiter; --header adds headers to every
// record. stdin is read as a stream, so memory stays bounded by --max-record-bytes and the producer's
// buffer whatever the input's size.
import { Buffer } from 'node:buffer';
import type { CompressionName } from '../client/compression.js';
import { ClientError } from '../client/errors.js';
import type { ProducerRecord, RecordMetadata } from '../client/producer.js';
import { intOption, parseKeyValue, UsageError } from './args.js';
import type { Command, CommandGroup } from './command.js';
import { unescapeArg } from './format.js';
import { table } from './output.js';

/** Records per send() call, and send() calls awaiting acks before reading more input. */
const SEND_CHUNK = 500;
const MAX_PENDING_SENDS = 32;
const COMPRESSIONS: readonly CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

type Settled = { ok: RecordMetadata[] } | { err: Error };

const produce: Command = {
  name: '',
  summary:
    'Writes records read from stdin to a topic, one per line; exits when stdin ends and all are acknowledged.',
  usage: 'TOPIC',
  positionals: [1, 1],
  options: [
    { name: 'key', short: 'k', arg: 'KEY', help: 'the key of every record' },
    {
      name: 'key-delimiter',
      short: 'K',
      arg: 'DELIM',
      help: 'each line is KEY DELIM VALUE (split at the first)',
    },
    { name: 'delimiter', short: 'D', arg: 'DELIM', help: 'what ends a record (default \\n)' },
    { name: 'header', short: 'H', arg: 'NAME=VALUE', repeat: true, help: 'a header on every record' },
    {
      name: 'partition',
      short: 'p',
      arg: 'N',
      help: 'write to this partition (default: by key, else sticky)',
    },
    { name: 'acks', arg: '0|1|all', help: 'acknowledgement required (default all)' },
    { name: 'compression', short: 'z', arg: 'CODEC', help: 'none, gzip, snappy, lz4 or zstd (default none)' },
    {
      name: 'max-record-bytes',
      arg: 'BYTES',
      help: 'longest record read from stdin; a longer one stops the command with exit 1 (default 1048576)',
    },
  ],
  details: "Example: printf 'k1:v1\\nk2:v2\\n' | runnel produce events -K: -H source=cli",
  async run(ctx) {
    const { args, out } = ctx;
    const topic = args.positionals[0]!;
    const fixedKey = args.value('key');
    const keyDelimText = args.value('key-delimiter');
    if (fixedKey !== undefined && keyDelimText !== undefined)
      throw new UsageError('--key and --key-delimiter exclude each other');
    const keyDelim =
      keyDelimText === undefined ? null : Buffer.from(unescapeArg(keyDelimText, '--key-delimiter'));
    if (keyDelim !== null && keyDelim.length === 0) throw new UsageError('--key-delimiter must not be empty');
    const delim = Buffer.from(unescapeArg(args.value('delimiter') ?? '\\n', '--delimiter'));
    if (delim.length === 0) throw new UsageError('--delimiter must not be empty');
    const headers = args.values('header').map((h) => {
      const [key, value] = parseKeyValue(h, '--header');
      return { key, value };
    });
    const partition = args.has('partition') ? intOption(args, 'partition', 0, 0, 2 ** 31 - 1) : undefined;
    const acksText = args.value('acks') ?? 'all';
    if (!['0', '1', 'all', '-1'].includes(acksText))
      throw new UsageError(`--acks must be 0, 1 or all, not '${acksText}'`);
    const acks = acksText === '0' ? 0 : acksText === '1' ? 1 : 'all';
    const compression = (args.value('compression') ?? 'none') as CompressionName;
    if (!COMPRESSIONS.includes(compression))
      throw new UsageError(`--compression must be one of ${COMPRESSIONS.join(', ')}, not '${compression}'`);
    const maxRecordBytes = intOption(args, 'max-record-bytes', 1024 * 1024, 1, 2 ** 30);

    const admin = ctx.admin();
    const [info] = await admin.describeTopics([topic]);
    if (partition !== undefined && partition >= info!.partitions.length)
      throw new UsageError(`${topic} has no partition ${partition} (it has ${info!.partitions.length})`);
    const producer = ctx.client().producer({ acks, compression, requestTimeoutMs: ctx.timeoutMs });

    const perPartition = new Map<number, number>();
    let produced = 0;
    const pending: Promise<Settled>[] = [];
    const settle = (s: Settled) => {
      if ('err' in s) throw s.err;
      produced += s.ok.length;
      for (const m of s.ok) perPartition.set(m.partition, (perPartition.get(m.partition) ?? 0) + 1);
    };
    let chunk: ProducerRecord[] = [];
    const sendChunk = async () => {
      if (chunk.length === 0) return;
      pending.push(
        producer.send(topic, chunk).then(
          (ok) => ({ ok }),
          (err: Error) => ({ err }),
        ),
      );
      chunk = [];
      if (pending.length >= MAX_PENDING_SENDS) settle(await pending.shift()!);
    };
    let read = 0;
    const toRecord = (line: Buffer): ProducerRecord => {
      read++;
      let key: Buffer | string | null = fixedKey ?? null;
      let value = line;
      if (keyDelim !== null) {
        const at = line.indexOf(keyDelim);
        if (at >= 0) {
          key = line.subarray(0, at);
          value = line.subarray(at + keyDelim.length);
        }
      }
      return { key, value, headers, partition };
    };

    let failure: unknown = null;
    try {
      let rest = Buffer.alloc(0);
      for await (const data of process.stdin as AsyncIterable<Buffer>) {
        let buf = rest.length === 0 ? data : Buffer.concat([rest, data]);
        for (;;) {
          const at = buf.indexOf(delim);
          if (at < 0 || at > maxRecordBytes) break;
          chunk.push(toRecord(buf.subarray(0, at)));
          buf = buf.subarray(at + delim.length);
          if (chunk.length >= SEND_CHUNK) await sendChunk();
        }
        if (buf.length > maxRecordBytes)
          throw new ClientError(
            `record ${read + 1} is longer than --max-record-bytes (${maxRecordBytes}); the ${read} before it are sent`,
          );
        // A copy, so the next chunk from stdin does not keep every earlier one alive.
        rest = Buffer.from(buf);
      }
      if (rest.length > 0) chunk.push(toRecord(rest));
    } catch (err) {
      failure = err;
    }
    // Whatever happened, the records read so far are sent (or fail) before the command ends.
    await sendChunk().catch((err: unknown) => {
      failure ??= err;
    });
    for (const p of pending.splice(0)) {
      const s = await p;
      if ('err' in s) failure ??= s.err;
      else settle(s);
    }
    await producer.close();
    if (failure !== null) throw failure;
    const partitions = [...perPartition].sort((a, b) => a[0] - b[0]);
    if (out.json) out.data({ topic, records: produced, partitions: Object.fromEntries(partitions) });
    else {
      out.note(`produced ${produced} records to ${topic}`);
      if (acks !== 0 && partitions.length > 1) out.note(table(['PARTITION', 'RECORDS'], partitions));
    }
    return 0;
  },
};

export const produceCommand: CommandGroup = { summary: 'produce', commands: [produce] };
