// runnel acl: add, list, remove, in the manner of kafka-acls.sh: --allow-principal / --deny-principal,
// --operation (Kafka's names, Read or READ, DescribeConfigs or DESCRIBE_CONFIGS), --allow-host / --deny-host,
// and the resources --topic, --group, --transactional-id, --cluster with --resource-pattern-type. `add`
// makes every combination of principals, operations and resources; `remove` deletes what the same options
// match (absent principal or operation: any); `list` shows what matches.
import type { AclBinding, AclFilter } from '../client/admin-acls.js';
import { ACL_OPERATIONS, ACL_PATTERN_TYPES } from '../client/admin-acls.js';
import { type ParsedArgs, UsageError } from './args.js';
import type { Command, CommandGroup } from './command.js';
import { table } from './output.js';

const RESOURCE_OPTIONS = [
  { name: 'topic', arg: 'TOPIC', help: 'a topic (or prefix); * for all', repeat: true },
  { name: 'group', arg: 'GROUP', help: 'a consumer group (or prefix); * for all', repeat: true },
  { name: 'transactional-id', arg: 'ID', help: 'a transactional id (or prefix); * for all', repeat: true },
  { name: 'cluster', help: 'the cluster resource' },
  {
    name: 'resource-pattern-type',
    arg: 'TYPE',
    help: 'literal or prefixed (add, remove: default literal); list also any and match (default any)',
  },
];

const PRINCIPAL_OPTIONS = [
  { name: 'allow-principal', arg: 'TYPE:NAME', help: 'User:alice; User:* for everyone', repeat: true },
  { name: 'deny-principal', arg: 'TYPE:NAME', help: 'a principal to deny', repeat: true },
  { name: 'allow-host', arg: 'IP', help: 'the client IP the allow applies to (default *)' },
  { name: 'deny-host', arg: 'IP', help: 'the client IP the deny applies to (default *)' },
  {
    name: 'operation',
    arg: 'OP',
    help: 'Read, Write, Create, Delete, Alter, Describe, All, ...',
    repeat: true,
  },
];

type Resource = { resourceType: AclBinding['resourceType']; resourceName: string };

function resources(args: ParsedArgs): Resource[] {
  const out: Resource[] = [];
  for (const name of args.values('topic')) out.push({ resourceType: 'TOPIC', resourceName: name });
  for (const name of args.values('group')) out.push({ resourceType: 'GROUP', resourceName: name });
  for (const name of args.values('transactional-id'))
    out.push({ resourceType: 'TRANSACTIONAL_ID', resourceName: name });
  if (args.has('cluster')) out.push({ resourceType: 'CLUSTER', resourceName: 'kafka-cluster' });
  return out;
}

/** Read, read, READ, DescribeConfigs, describe-configs, DESCRIBE_CONFIGS: Kafka's operation names. */
export function operationName(text: string): AclBinding['operation'] {
  const s = text
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
  if (!(s in ACL_OPERATIONS) || s === 'ANY') throw new UsageError(`unknown operation '${text}'`);
  return s as AclBinding['operation'];
}

function patternType(args: ParsedArgs, allowFilters: boolean): keyof typeof ACL_PATTERN_TYPES | undefined {
  const v = args.value('resource-pattern-type');
  if (v === undefined) return allowFilters ? undefined : 'LITERAL';
  const s = v.toUpperCase();
  const ok = allowFilters ? s in ACL_PATTERN_TYPES : s === 'LITERAL' || s === 'PREFIXED';
  if (!ok)
    throw new UsageError(
      `--resource-pattern-type: expected literal or prefixed${allowFilters ? ', any or match' : ''}, got '${v}'`,
    );
  return s as keyof typeof ACL_PATTERN_TYPES;
}

function principal(text: string): string {
  if (text.indexOf(':') <= 0) throw new UsageError(`principal '${text}' is not TYPE:NAME (User:alice)`);
  return text;
}

function print(ctx: Parameters<Command['run']>[0], acls: AclBinding[]): void {
  if (ctx.out.json) ctx.out.data(acls);
  else
    ctx.out.line(
      table(
        ['RESOURCE-TYPE', 'NAME', 'PATTERN', 'PRINCIPAL', 'HOST', 'OPERATION', 'PERMISSION'],
        acls.map((a) => [
          a.resourceType,
          a.resourceName,
          a.patternType,
          a.principal,
          a.host ?? '*',
          a.operation,
          a.permission,
        ]),
      ),
    );
}

const add: Command = {
  name: 'add',
  summary: 'Adds ACLs: each principal, operation and resource given, allowed or denied.',
  usage: '',
  positionals: [0, 0],
  options: [...PRINCIPAL_OPTIONS, ...RESOURCE_OPTIONS],
  async run(ctx) {
    const res = resources(ctx.args);
    const ops = ctx.args.values('operation').map(operationName);
    const allow = ctx.args.values('allow-principal').map(principal);
    const deny = ctx.args.values('deny-principal').map(principal);
    if (res.length === 0)
      throw new UsageError('name a resource: --topic, --group, --transactional-id or --cluster');
    if (ops.length === 0) throw new UsageError('--operation is required');
    if (allow.length + deny.length === 0)
      throw new UsageError('--allow-principal or --deny-principal is required');
    const pattern = patternType(ctx.args, false) as AclBinding['patternType'];
    const acls: AclBinding[] = [];
    for (const r of res)
      for (const operation of ops) {
        for (const p of allow)
          acls.push({
            ...r,
            patternType: pattern,
            principal: p,
            host: ctx.args.value('allow-host') ?? '*',
            operation,
            permission: 'ALLOW',
          });
        for (const p of deny)
          acls.push({
            ...r,
            patternType: pattern,
            principal: p,
            host: ctx.args.value('deny-host') ?? '*',
            operation,
            permission: 'DENY',
          });
      }
    await ctx.admin().createAcls(acls);
    print(ctx, acls);
    return 0;
  },
};

function filters(args: ParsedArgs, allowFilters: boolean): AclFilter[] {
  const res: (Resource | null)[] = resources(args);
  if (res.length === 0) res.push(null);
  const ops: (string | undefined)[] = args.values('operation').map(operationName);
  if (ops.length === 0) ops.push(undefined);
  const principals: (string | undefined)[] = args.values('principal').map(principal);
  if (principals.length === 0) principals.push(undefined);
  const pattern = patternType(args, allowFilters);
  const out: AclFilter[] = [];
  for (const r of res)
    for (const operation of ops)
      for (const p of principals)
        out.push({
          ...(r === null ? {} : r),
          patternType: pattern,
          operation: operation as AclFilter['operation'],
          principal: p,
        });
  return out;
}

const FILTER_OPTIONS = [
  ...RESOURCE_OPTIONS,
  { name: 'principal', arg: 'TYPE:NAME', help: 'only this principal', repeat: true },
  { name: 'operation', arg: 'OP', help: 'only this operation', repeat: true },
];

const list: Command = {
  name: 'list',
  summary: 'Lists the ACLs matching the resources, principals and operations given (all by default).',
  usage: '',
  positionals: [0, 0],
  options: FILTER_OPTIONS,
  async run(ctx) {
    const found: AclBinding[] = [];
    for (const f of filters(ctx.args, true)) found.push(...(await ctx.admin().describeAcls(f)));
    print(ctx, found);
    return 0;
  },
};

const remove: Command = {
  name: 'remove',
  summary: 'Removes the ACLs matching the resources, principals and operations given; prints them.',
  usage: '',
  positionals: [0, 0],
  options: FILTER_OPTIONS,
  async run(ctx) {
    if (resources(ctx.args).length === 0 && !ctx.args.has('principal'))
      throw new UsageError('name a resource or a --principal (removing every ACL at once is not offered)');
    print(ctx, await ctx.admin().deleteAcls(filters(ctx.args, false)));
    return 0;
  },
};

export const aclCommands: CommandGroup = { summary: 'ACLs', commands: [add, list, remove] };
