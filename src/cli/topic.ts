// runnel topic: create, delete, list, describe, alter-config, add-partitions (kafka-topics.sh and
// kafka-configs.sh for topics, rpk topic).
import type { TopicDescription } from '../client/admin.js';
import { ConfigResourceType, ConfigSource } from '../client/admin-configs.js';
import { ErrorCode, KafkaError } from '../client/errors.js';
import { intOption, parseKeyValue, UsageError } from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { ids, table } from './output.js';

/**
 * The topics just created, as Metadata describes them. createTopics waited until one broker listed them;
 * the broker asked now may not have them yet (a metadata update on its way), so absence is asked again
 * until the command's timeout.
 */
async function describeCreated(ctx: CommandContext, names: string[]) {
  const deadline = Date.now() + ctx.timeoutMs;
  for (;;) {
    try {
      return await ctx.admin().describeTopics(names);
    } catch (err) {
      if (
        !(err instanceof KafkaError) ||
        err.code !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION ||
        Date.now() > deadline
      )
        throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const create: Command = {
  name: 'create',
  summary: 'Creates topics; waits until every partition has a leader.',
  usage: 'TOPIC...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [
    { name: 'partitions', short: 'p', arg: 'N', help: "partitions (default: the broker's num.partitions)" },
    {
      name: 'replication-factor',
      short: 'r',
      arg: 'N',
      help: "replicas of each partition (default: the broker's default.replication.factor)",
    },
    { name: 'config', short: 'c', arg: 'NAME=VALUE', repeat: true, help: 'a topic config' },
    { name: 'validate-only', help: 'let the controller check the request without creating anything' },
  ],
  async run(ctx) {
    const { args, out } = ctx;
    const numPartitions = intOption(args, 'partitions', -1, 1, 2 ** 31 - 1);
    const replicationFactor = intOption(args, 'replication-factor', -1, 1, 2 ** 15 - 1);
    const configs = Object.fromEntries(args.values('config').map((c) => parseKeyValue(c, '--config')));
    const names = [...args.positionals];
    const validateOnly = args.has('validate-only');
    await ctx.admin().createTopics(
      names.map((topic) => ({ topic, numPartitions, replicationFactor, configs })),
      { validateOnly },
    );
    if (validateOnly) {
      if (out.json) out.data(names.map((topic) => ({ topic, valid: true })));
      else
        out.line(
          table(
            ['TOPIC', 'STATUS'],
            names.map((t) => [t, 'valid']),
          ),
        );
      return 0;
    }
    const described = await describeCreated(ctx, names);
    const rows = described.map((t) => ({
      topic: t.name,
      topicId: t.topicId,
      partitions: t.partitions.length,
      replicationFactor: t.partitions[0]?.replicas.length ?? 0,
    }));
    if (out.json) out.data(rows);
    else
      out.line(
        table(
          ['TOPIC', 'PARTITIONS', 'REPLICAS', 'STATUS'],
          rows.map((r) => [r.topic, r.partitions, r.replicationFactor, 'created']),
        ),
      );
    return 0;
  },
};

const remove: Command = {
  name: 'delete',
  summary: 'Deletes topics and all their data.',
  usage: 'TOPIC...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [],
  async run(ctx) {
    const names = [...ctx.args.positionals];
    await ctx.admin().deleteTopics(names);
    if (ctx.out.json) ctx.out.data(names.map((topic) => ({ topic, deleted: true })));
    else
      ctx.out.line(
        table(
          ['TOPIC', 'STATUS'],
          names.map((t) => [t, 'deleted']),
        ),
      );
    return 0;
  },
};

const list: Command = {
  name: 'list',
  summary: 'Lists topics with their partition counts and replication factors.',
  usage: '',
  positionals: [0, 0],
  options: [{ name: 'internal', short: 'i', help: 'include internal topics (__consumer_offsets)' }],
  async run(ctx) {
    const admin = ctx.admin();
    const names = await admin.listTopics({ includeInternal: ctx.args.has('internal') });
    const described = names.length === 0 ? [] : await admin.describeTopics(names);
    const rows = described.map((t) => ({
      topic: t.name,
      partitions: t.partitions.length,
      replicationFactor: t.partitions[0]?.replicas.length ?? 0,
      internal: t.isInternal,
    }));
    if (ctx.out.json) ctx.out.data(rows);
    else
      ctx.out.line(
        table(
          ['TOPIC', 'PARTITIONS', 'REPLICAS'],
          rows.map((r) => [r.topic, r.partitions, r.replicationFactor]),
        ),
      );
    return 0;
  },
};

interface PartitionRow {
  partition: number;
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  logStartOffset: number | null;
  highWatermark: number | null;
}

/** Each partition with its log start offset and high watermark (null where the partition has no leader). */
async function partitionRows(ctx: CommandContext, t: TopicDescription): Promise<PartitionRow[]> {
  const led = t.partitions.filter((p) => p.leader >= 0).map((p) => p.partition);
  const admin = ctx.admin();
  const [starts, ends] =
    led.length === 0
      ? [[], []]
      : await Promise.all([
          admin.listOffsets(t.name, 'earliest', led),
          admin.listOffsets(t.name, 'latest', led),
        ]);
  const start = new Map(starts.map((o) => [o.partition, o.offset]));
  const end = new Map(ends.map((o) => [o.partition, o.offset]));
  return t.partitions.map((p) => ({
    partition: p.partition,
    leader: p.leader,
    leaderEpoch: p.leaderEpoch,
    replicas: p.replicas,
    isr: p.isr,
    logStartOffset: start.get(p.partition) ?? null,
    highWatermark: end.get(p.partition) ?? null,
  }));
}

const describe: Command = {
  name: 'describe',
  summary:
    'Shows topics: id, configs set on the topic, and per partition the leader, leader epoch, replicas, ISR, log start offset and high watermark.',
  usage: 'TOPIC...',
  positionals: [1, Number.POSITIVE_INFINITY],
  options: [{ name: 'all-configs', short: 'a', help: 'every config, defaults included' }],
  async run(ctx) {
    const { args, out } = ctx;
    const admin = ctx.admin();
    const topics = await admin.describeTopics([...args.positionals]);
    const { resources } = await admin.describeConfigs({
      resources: topics.map((t) => ({ type: ConfigResourceType.TOPIC, name: t.name })),
    });
    const all = args.has('all-configs');
    const docs = [];
    for (const t of topics) {
      const entries = resources.find((r) => r.resourceName === t.name)?.configEntries ?? [];
      const configs = Object.fromEntries(
        entries
          .filter((e) => all || (e.configSource === ConfigSource.TOPIC_CONFIG && !e.isDefault))
          .map((e) => [e.configName, e.isSensitive ? null : e.configValue]),
      );
      docs.push({
        topic: t.name,
        topicId: t.topicId,
        internal: t.isInternal,
        replicationFactor: t.partitions[0]?.replicas.length ?? 0,
        configs,
        partitions: await partitionRows(ctx, t),
      });
    }
    if (out.json) {
      out.data(docs);
      return 0;
    }
    out.line(
      docs
        .map((d) => {
          const configText = Object.entries(d.configs)
            .map(([k, v]) => `${k}=${v ?? '(sensitive)'}`)
            .join(',');
          const head = [
            `Topic: ${d.topic}`,
            `TopicId: ${d.topicId}`,
            `Partitions: ${d.partitions.length}`,
            `ReplicationFactor: ${d.replicationFactor}`,
            `Configs: ${configText || '-'}`,
          ].join('  ');
          const rows = d.partitions.map((p) => [
            p.partition,
            p.leader >= 0 ? p.leader : 'none',
            p.leaderEpoch,
            ids(p.replicas),
            ids(p.isr),
            p.logStartOffset,
            p.highWatermark,
          ]);
          return `${head}\n${table(['PARTITION', 'LEADER', 'EPOCH', 'REPLICAS', 'ISR', 'LOG-START', 'HIGH-WATERMARK'], rows)}`;
        })
        .join('\n\n'),
    );
    return 0;
  },
};

const alterConfig: Command = {
  name: 'alter-config',
  summary: "Sets or deletes (back to the broker's default) configs of a topic; the others stay as they are.",
  usage: 'TOPIC',
  positionals: [1, 1],
  options: [
    { name: 'set', short: 's', arg: 'NAME=VALUE', repeat: true, help: 'set a config' },
    { name: 'delete', short: 'd', arg: 'NAME', repeat: true, help: 'remove a config set on the topic' },
    { name: 'validate-only', help: 'let the controller check the change without applying it' },
  ],
  async run(ctx) {
    const { args, out } = ctx;
    const topic = args.positionals[0]!;
    const set = args.values('set').map((s) => parseKeyValue(s, '--set'));
    const del = args.values('delete');
    if (set.length === 0 && del.length === 0)
      throw new UsageError('nothing to change: give --set or --delete');
    const both = set.find(([name]) => del.includes(name));
    if (both !== undefined) throw new UsageError(`${both[0]} is both set and deleted`);
    await ctx.admin().incrementalAlterConfigs({
      validateOnly: args.has('validate-only'),
      resources: [
        {
          type: ConfigResourceType.TOPIC,
          name: topic,
          configEntries: [
            ...set.map(([name, value]) => ({ name, value, operation: 'set' as const })),
            ...del.map((name) => ({ name, operation: 'delete' as const })),
          ],
        },
      ],
    });
    const rows = [
      ...set.map(([name, value]) => ({ name, operation: 'set', value })),
      ...del.map((name) => ({ name, operation: 'delete', value: null })),
    ];
    if (out.json) out.data({ topic, validateOnly: args.has('validate-only'), changes: rows });
    else
      out.line(
        table(
          ['CONFIG', 'OPERATION', 'VALUE'],
          rows.map((r) => [r.name, r.operation, r.value]),
        ),
      );
    return 0;
  },
};

const addPartitions: Command = {
  name: 'add-partitions',
  summary: 'Adds partitions to a topic (keys then map to other partitions: order per key changes).',
  usage: 'TOPIC',
  positionals: [1, 1],
  options: [{ name: 'num', short: 'n', arg: 'N', help: 'partitions to add (required)' }],
  async run(ctx) {
    const { args, out } = ctx;
    const topic = args.positionals[0]!;
    if (!args.has('num')) throw new UsageError('--num N is required');
    const add = intOption(args, 'num', 0, 1, 2 ** 31 - 1);
    const admin = ctx.admin();
    const [before] = await admin.describeTopics([topic]);
    const from = before!.partitions.length;
    if (from + add > 2 ** 31 - 1) throw new UsageError(`${topic} cannot have ${from + add} partitions`);
    await admin.createPartitions([{ topic, count: from + add }]);
    if (out.json) out.data({ topic, partitionsBefore: from, partitions: from + add });
    else out.line(table(['TOPIC', 'BEFORE', 'AFTER'], [[topic, from, from + add]]));
    return 0;
  },
};

export const topicCommands: CommandGroup = {
  summary: 'topics',
  commands: [create, remove, list, describe, alterConfig, addPartitions],
};
