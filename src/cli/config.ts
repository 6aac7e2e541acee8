// runnel config: describe and alter the configs of a topic, one broker, or the cluster-wide broker
// defaults (kafka-configs.sh --entity-type topics|brokers [--entity-default]). Broker configs are the
// dynamic ones (KIP-226): set on one broker, or as the default of every broker.
import { ConfigResourceType, ConfigSource } from '../client/admin-configs.js';
import { parseKeyValue, UsageError } from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { table } from './output.js';

const TARGET_OPTIONS = [
  { name: 'topic', short: 't', arg: 'TOPIC', help: 'a topic' },
  { name: 'broker', arg: 'N', help: 'one broker (node id)' },
  { name: 'broker-default', help: 'the cluster-wide default of every broker' },
] as const;

const SOURCE_NAMES: Readonly<Record<number, string>> = {
  [ConfigSource.TOPIC_CONFIG]: 'DYNAMIC_TOPIC_CONFIG',
  [ConfigSource.DYNAMIC_BROKER_CONFIG]: 'DYNAMIC_BROKER_CONFIG',
  [ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG]: 'DYNAMIC_DEFAULT_BROKER_CONFIG',
  [ConfigSource.STATIC_BROKER_CONFIG]: 'STATIC_BROKER_CONFIG',
  [ConfigSource.DEFAULT_CONFIG]: 'DEFAULT_CONFIG',
};

/** The one resource --topic, --broker or --broker-default names. */
function target(ctx: CommandContext): { type: number; name: string; label: string } {
  const { args } = ctx;
  const given = TARGET_OPTIONS.filter((o) => args.has(o.name));
  if (given.length !== 1) throw new UsageError('give exactly one of --topic, --broker, --broker-default');
  if (args.has('topic')) {
    const topic = args.values('topic')[0]!;
    return { type: ConfigResourceType.TOPIC, name: topic, label: `topic ${topic}` };
  }
  if (args.has('broker-default'))
    return { type: ConfigResourceType.BROKER, name: '', label: 'the broker default' };
  const id = args.values('broker')[0]!;
  if (!/^\d{1,10}$/.test(id) || Number(id) > 2 ** 31 - 1)
    throw new UsageError(`--broker takes a node id, not '${id}'`);
  return { type: ConfigResourceType.BROKER, name: String(Number(id)), label: `broker ${Number(id)}` };
}

const describe: Command = {
  name: 'describe',
  summary: 'Shows the configs that are set (with --all, every config) and where each value comes from.',
  usage: '',
  positionals: [0, 0],
  options: [
    ...TARGET_OPTIONS,
    { name: 'all', help: 'also the configs at their built-in default' },
    { name: 'synonyms', help: 'every level of each value: topic, broker, broker default, static, default' },
  ],
  async run(ctx) {
    const { args, out } = ctx;
    const t = target(ctx);
    const synonyms = args.has('synonyms');
    const { resources } = await ctx.admin().describeConfigs({
      resources: [{ type: t.type, name: t.name }],
      includeSynonyms: synonyms,
    });
    const entries = (resources[0]?.configEntries ?? []).filter(
      (e) => args.has('all') || e.configSource !== ConfigSource.DEFAULT_CONFIG,
    );
    if (out.json) {
      out.data(
        entries.map((e) => ({
          name: e.configName,
          value: e.configValue,
          source: SOURCE_NAMES[e.configSource] ?? String(e.configSource),
          readOnly: e.readOnly,
          ...(synonyms
            ? {
                synonyms: e.configSynonyms.map((s) => ({
                  name: s.configName,
                  value: s.configValue,
                  source: SOURCE_NAMES[s.configSource] ?? String(s.configSource),
                })),
              }
            : {}),
        })),
      );
      return 0;
    }
    const rows = entries.map((e) => [
      e.configName,
      e.configValue,
      SOURCE_NAMES[e.configSource] ?? e.configSource,
      e.readOnly ? 'yes' : 'no',
      ...(synonyms
        ? [
            e.configSynonyms
              .map((s) => `${s.configName}=${s.configValue} (${SOURCE_NAMES[s.configSource]})`)
              .join(', '),
          ]
        : []),
    ]);
    out.line(table(['CONFIG', 'VALUE', 'SOURCE', 'READ-ONLY', ...(synonyms ? ['SYNONYMS'] : [])], rows));
    return 0;
  },
};

const alter: Command = {
  name: 'alter',
  summary:
    'Sets or deletes configs of a topic, one broker or the broker default; the others stay as they are.',
  usage: '',
  positionals: [0, 0],
  options: [
    ...TARGET_OPTIONS,
    { name: 'set', short: 's', arg: 'NAME=VALUE', repeat: true, help: 'set a config' },
    {
      name: 'delete',
      short: 'd',
      arg: 'NAME',
      repeat: true,
      help: 'remove a config (back to the next level)',
    },
    { name: 'validate-only', help: 'let the controller check the change without applying it' },
  ],
  details:
    'Broker configs that change live: log.retention.ms, log.retention.bytes, log.segment.bytes, log.roll.ms,\n' +
    'log.cleanup.policy, message.max.bytes, compression.type (and other log.* topic defaults),\n' +
    'leader.replication.throttled.rate, follower.replication.throttled.rate; min.insync.replicas and\n' +
    'unclean.leader.election.enable on --broker-default only.',
  async run(ctx) {
    const { args, out } = ctx;
    const t = target(ctx);
    const set = args.values('set').map((s) => parseKeyValue(s, '--set'));
    const del = args.values('delete');
    if (set.length === 0 && del.length === 0)
      throw new UsageError('nothing to change: give --set or --delete');
    const both = set.find(([name]) => del.includes(name));
    if (both !== undefined) throw new UsageError(`${both[0]} is both set and deleted`);
    const validateOnly = args.has('validate-only');
    await ctx.admin().incrementalAlterConfigs({
      validateOnly,
      resources: [
        {
          type: t.type,
          name: t.name,
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
    if (out.json) out.data({ resource: t.label, validateOnly, changes: rows });
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

export const configCommands: CommandGroup = {
  summary: 'configs of topics and brokers',
  commands: [describe, alter],
};
