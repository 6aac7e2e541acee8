// runnel group: list, describe (committed offset, log end offset and lag per partition), reset-offsets
// (kafka-consumer-groups.sh's choices, a dry run unless --execute), delete.
import type { TopicPartition } from '../client/consumer.js';
import { ClientError, ErrorCode, KafkaError } from '../client/errors.js';
import { type ParsedArgs, parseDateTime, parseInteger, UsageError } from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { table } from './output.js';

const list: Command = {
  name: 'list',
  summary: 'Lists consumer groups with their state and protocol type.',
  usage: '',
  positionals: [0, 0],
  options: [],
  async run(ctx) {
    const { groups } = await ctx.admin().listGroups();
    const rows = groups.map((g) => ({ group: g.groupId, state: g.groupState, protocolType: g.protocolType }));
    if (ctx.out.json) ctx.out.data(rows);
    else
      ctx.out.line(
        table(
          ['GROUP', 'STATE', 'TYPE'],
          rows.map((r) => [r.group, r.state || null, r.protocolType || null]),
        ),
      );
    return 0;
  },
};

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

interface LagRow {
  topic: string;
  partition: number;
  /** Committed offset, null when the group has none for the partition. */
  currentOffset: number | null;
  /** The partition's high watermark: the end a consumer can read to. */
  logEndOffset: number | null;
  lag: number | null;
  memberId: string | null;
  clientId: string | null;
  host: string | null;
}

/** The group's state, members and a row per partition it has committed or has assigned. */
async function describeOne(ctx: CommandContext, groupId: string) {
  const admin = ctx.admin();
  const [g] = (await admin.describeGroups([groupId])).groups;
  if (g === undefined || g.errorCode !== ErrorCode.NONE)
    throw new KafkaError(g?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR, `describe group ${groupId}`);
  const committed = await admin.fetchOffsets({ groupId });
  if (g.state === 'Dead' && committed.length === 0)
    throw new KafkaError(ErrorCode.GROUP_ID_NOT_FOUND, `group ${groupId} does not exist`);
  const owner = new Map<string, (typeof g.members)[number]>();
  for (const m of g.members) for (const tp of m.assignment) owner.set(tpKey(tp.topic, tp.partition), m);
  const rows = new Map<string, LagRow>();
  for (const t of committed) {
    for (const p of t.partitions) {
      rows.set(tpKey(t.topic, p.partition), {
        topic: t.topic,
        partition: p.partition,
        currentOffset: p.offset >= 0 ? p.offset : null,
        logEndOffset: p.highWatermark >= 0 ? p.highWatermark : null,
        lag: p.lag,
        memberId: null,
        clientId: null,
        host: null,
      });
    }
  }
  // Assigned partitions with nothing committed yet: their end offsets, no lag.
  const uncommitted: TopicPartition[] = [];
  for (const m of g.members)
    for (const tp of m.assignment) if (!rows.has(tpKey(tp.topic, tp.partition))) uncommitted.push(tp);
  const byTopic = new Map<string, number[]>();
  for (const tp of uncommitted) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  for (const [topic, partitions] of byTopic) {
    const ends = await admin.listOffsets(topic, 'latest', partitions).catch(() => []);
    for (const partition of partitions) {
      const end = ends.find((e) => e.partition === partition)?.offset;
      rows.set(tpKey(topic, partition), {
        topic,
        partition,
        currentOffset: null,
        logEndOffset: end ?? null,
        lag: null,
        memberId: null,
        clientId: null,
        host: null,
      });
    }
  }
  for (const [key, row] of rows) {
    const m = owner.get(key);
    if (m === undefined) continue;
    row.memberId = m.memberId;
    row.clientId = m.clientId;
    row.host = m.clientHost;
  }
  const partitions = [...rows.values()].sort((a, b) =>
    a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition,
  );
  return {
    group: groupId,
    state: g.state,
    protocolType: g.protocolType,
    protocol: g.protocol,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      host: m.clientHost,
      assignment: m.assignment,
    })),
    totalLag: partitions.reduce((sum, r) => sum + (r.lag ?? 0), 0),
    partitions,
  };
}

const describe: Command = {
  name: 'describe',
  summary:
    'Shows groups: state, members, and per partition the committed offset, the log end offset (the high watermark) and the lag between them.',
  usage: 'GROUP...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [],
  async run(ctx) {
    const docs = [];
    for (const id of ctx.args.positionals) docs.push(await describeOne(ctx, id));
    if (ctx.out.json) {
      ctx.out.data(docs);
      return 0;
    }
    ctx.out.line(
      docs
        .map((d) => {
          const head = [
            `Group: ${d.group}`,
            `State: ${d.state}`,
            `Protocol: ${d.protocol || '-'}`,
            `Members: ${d.members.length}`,
            `TotalLag: ${d.totalLag}`,
          ].join('  ');
          const rows = d.partitions.map((r) => [
            r.topic,
            r.partition,
            r.currentOffset,
            r.logEndOffset,
            r.lag,
            r.memberId,
            r.host,
            r.clientId,
          ]);
          return `${head}\n${table(
            [
              'TOPIC',
              'PARTITION',
              'CURRENT-OFFSET',
              'LOG-END-OFFSET',
              'LAG',
              'MEMBER-ID',
              'HOST',
              'CLIENT-ID',
            ],
            rows,
          )}`;
        })
        .join('\n\n'),
    );
    return 0;
  },
};

type ResetTarget =
  | { kind: 'earliest' }
  | { kind: 'latest' }
  | { kind: 'offset'; offset: number }
  | { kind: 'shift'; by: number }
  | { kind: 'datetime'; timestamp: number };

function resetTarget(args: ParsedArgs): ResetTarget {
  const chosen: ResetTarget[] = [];
  if (args.has('to-earliest')) chosen.push({ kind: 'earliest' });
  if (args.has('to-latest')) chosen.push({ kind: 'latest' });
  const to = args.value('to-offset');
  if (to !== undefined)
    chosen.push({ kind: 'offset', offset: parseInteger(to, '--to-offset', 0, Number.MAX_SAFE_INTEGER) });
  const shift = args.value('shift-by');
  if (shift !== undefined)
    chosen.push({
      kind: 'shift',
      by: parseInteger(shift, '--shift-by', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    });
  const dt = args.value('to-datetime');
  if (dt !== undefined) chosen.push({ kind: 'datetime', timestamp: parseDateTime(dt, '--to-datetime') });
  if (chosen.length !== 1)
    throw new UsageError(
      'give exactly one of --to-earliest, --to-latest, --to-offset, --shift-by, --to-datetime',
    );
  return chosen[0]!;
}

type ResetScope = { all: true } | { all: false; topics: { topic: string; partitions: number[] | null }[] };

/** --topic T (every partition) or T:0,2 (those), or --all-topics (those the group has committed). */
function resetScope(args: ParsedArgs): ResetScope {
  const specs = args.values('topic');
  if (specs.length > 0 === args.has('all-topics'))
    throw new UsageError('give --topic (one or more) or --all-topics');
  if (specs.length === 0) return { all: true };
  return {
    all: false,
    topics: specs.map((spec) => {
      const colon = spec.lastIndexOf(':');
      if (colon < 0) return { topic: spec, partitions: null };
      const partitions = spec
        .slice(colon + 1)
        .split(',')
        .map((p) => parseInteger(p, `--topic ${spec}: partition`, 0, 2 ** 31 - 1));
      return { topic: spec.slice(0, colon), partitions };
    }),
  };
}

async function resolveScope(
  ctx: CommandContext,
  groupId: string,
  scope: ResetScope,
): Promise<TopicPartition[]> {
  const admin = ctx.admin();
  if (scope.all) {
    const committed = await admin.fetchOffsets({ groupId });
    return committed.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition })));
  }
  const out: TopicPartition[] = [];
  for (const { topic, partitions } of scope.topics) {
    const [info] = await admin.describeTopics([topic]);
    const count = info!.partitions.length;
    for (const partition of partitions ?? info!.partitions.map((p) => p.partition)) {
      if (partition >= count)
        throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `${topic} has no partition ${partition}`);
      out.push({ topic, partition });
    }
  }
  return out;
}

const resetOffsets: Command = {
  name: 'reset-offsets',
  summary:
    'Moves the committed offsets of a group without active members. Shows the plan only, unless --execute.',
  usage: 'GROUP',
  positionals: [1, 1],
  options: [
    {
      name: 'topic',
      short: 't',
      arg: 'TOPIC[:P,P...]',
      repeat: true,
      help: 'a topic, or some of its partitions',
    },
    { name: 'all-topics', help: 'every topic the group has committed offsets for' },
    { name: 'to-earliest', help: 'to the log start offset' },
    { name: 'to-latest', help: 'to the log end offset (high watermark)' },
    { name: 'to-offset', arg: 'N', help: 'to offset N (kept within log start..end)' },
    {
      name: 'shift-by',
      arg: 'N',
      help: 'by N from the committed offset, N may be negative (kept within log start..end)',
    },
    {
      name: 'to-datetime',
      arg: 'TIME',
      help: 'to the first record at or after TIME (ISO 8601, UTC unless a zone is given, or epoch ms)',
    },
    { name: 'execute', help: 'commit the new offsets (without it: a dry run)' },
    { name: 'dry-run', help: 'only show the new offsets (the default)' },
  ],
  async run(ctx) {
    const { args, out } = ctx;
    const groupId = args.positionals[0]!;
    if (args.has('execute') && args.has('dry-run'))
      throw new UsageError('--execute and --dry-run exclude each other');
    const target = resetTarget(args);
    const wanted = resetScope(args);
    const execute = args.has('execute');
    const admin = ctx.admin();
    const [g] = (await admin.describeGroups([groupId])).groups;
    if (g !== undefined && g.errorCode === ErrorCode.NONE && g.members.length > 0)
      throw new KafkaError(
        ErrorCode.NON_EMPTY_GROUP,
        `group ${groupId} has ${g.members.length} active members (state ${g.state}); offsets can only be reset while it has none`,
      );
    const scope = await resolveScope(ctx, groupId, wanted);
    if (scope.length === 0) throw new ClientError(`group ${groupId} has no committed offsets to reset`);
    const topics = [...new Set(scope.map((tp) => tp.topic))];
    const committed = new Map<string, number>();
    for (const t of await admin.fetchOffsets({ groupId, topics }))
      for (const p of t.partitions) if (p.offset >= 0) committed.set(tpKey(t.topic, p.partition), p.offset);
    const rows: { topic: string; partition: number; currentOffset: number | null; newOffset: number }[] = [];
    for (const topic of topics) {
      const partitions = scope.filter((tp) => tp.topic === topic).map((tp) => tp.partition);
      const [starts, ends] = await Promise.all([
        admin.listOffsets(topic, 'earliest', partitions),
        admin.listOffsets(topic, 'latest', partitions),
      ]);
      const byTime =
        target.kind === 'datetime'
          ? await admin.listOffsets(topic, { timestamp: target.timestamp }, partitions)
          : [];
      for (const partition of partitions) {
        const start = starts.find((o) => o.partition === partition)!.offset;
        const end = ends.find((o) => o.partition === partition)!.offset;
        const current = committed.get(tpKey(topic, partition)) ?? null;
        let next: number;
        switch (target.kind) {
          case 'earliest':
            next = start;
            break;
          case 'latest':
            next = end;
            break;
          case 'offset':
            next = target.offset;
            break;
          case 'shift':
            if (current === null)
              throw new ClientError(`${topic}-${partition} has no committed offset to shift from`);
            next = current + target.by;
            break;
          case 'datetime': {
            const at = byTime.find((o) => o.partition === partition)!.offset;
            next = at >= 0 ? at : end;
            break;
          }
        }
        rows.push({
          topic,
          partition,
          currentOffset: current,
          newOffset: Math.min(end, Math.max(start, next)),
        });
      }
    }
    if (execute) {
      for (const topic of topics) {
        await admin.setOffsets({
          groupId,
          topic,
          partitions: rows
            .filter((r) => r.topic === topic)
            .map((r) => ({ partition: r.partition, offset: r.newOffset })),
        });
      }
    }
    if (out.json) out.data({ group: groupId, executed: execute, partitions: rows });
    else {
      out.line(
        table(
          ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'NEW-OFFSET'],
          rows.map((r) => [groupId, r.topic, r.partition, r.currentOffset, r.newOffset]),
        ),
      );
      if (!execute) out.note('dry run: nothing committed; add --execute to apply');
    }
    return 0;
  },
};

const remove: Command = {
  name: 'delete',
  summary: 'Deletes groups without active members, and their committed offsets.',
  usage: 'GROUP...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [],
  async run(ctx) {
    const ids = [...ctx.args.positionals];
    await ctx.admin().deleteGroups(ids);
    if (ctx.out.json) ctx.out.data(ids.map((group) => ({ group, deleted: true })));
    else
      ctx.out.line(
        table(
          ['GROUP', 'STATUS'],
          ids.map((g) => [g, 'deleted']),
        ),
      );
    return 0;
  },
};

export const groupCommands: CommandGroup = {
  summary: 'consumer groups',
  commands: [list, describe, resetOffsets, remove],
};
