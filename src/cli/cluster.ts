// runnel cluster: info (brokers, controller, cluster id), health (offline and under-replicated partitions;
// exit 1 when unhealthy), reassignments (those in progress), rebalance and decommission (plans from
// reassignment-plan.ts, carried out with AlterPartitionReassignments and followed to the end); quorum,
// add-voter and remove-voter for the metadata quorum's voters (KIP-853). Decommissioning a voter is refused
// until it has been removed from the voters: taking its replicas away first would leave a quorum member
// that is about to be stopped, and removing it behind the operator's back would shrink the quorum unasked.
import type { Admin, TopicDescription } from '../client/admin.js';
import { ClientError, ErrorCode, errorName, KafkaError } from '../client/errors.js';
import { isUuid } from '../protocol/uuid.js';
import { intOption, type ParsedArgs, parseInteger, UsageError } from './args.js';
import type { Command, CommandContext, CommandGroup } from './command.js';
import { ids, table } from './output.js';
import { PlanError, planReassignment, type ReassignmentPlan } from './reassignment-plan.js';

const info: Command = {
  name: 'info',
  summary: 'Shows the cluster id, the active controller and the live brokers.',
  usage: '',
  positionals: [0, 0],
  options: [],
  async run(ctx) {
    const c = await ctx.admin().describeCluster();
    if (ctx.out.json) {
      ctx.out.data(c);
      return 0;
    }
    ctx.out.line(
      `Cluster: ${c.clusterId ?? '-'}  Controller: ${c.controller ?? 'none'}  Brokers: ${c.brokers.length}\n${table(
        ['ID', 'HOST', 'PORT', 'RACK', 'CONTROLLER'],
        c.brokers.map((b) => [b.nodeId, b.host, b.port, b.rack, b.nodeId === c.controller ? 'yes' : '']),
      )}`,
    );
    return 0;
  },
};

async function allTopics(admin: Admin): Promise<TopicDescription[]> {
  const names = await admin.listTopics({ includeInternal: true });
  return names.length === 0 ? [] : admin.describeTopics(names);
}

const health: Command = {
  name: 'health',
  summary:
    'Checks the cluster: a controller, no offline partitions (without a leader), no under-replicated ones (ISR smaller than the replicas). Exits 1 when unhealthy.',
  usage: '',
  positionals: [0, 0],
  options: [],
  async run(ctx) {
    const admin = ctx.admin();
    const cluster = await admin.describeCluster();
    const live = new Set(cluster.brokers.map((b) => b.nodeId));
    const offline: { topic: string; partition: number; replicas: number[]; isr: number[] }[] = [];
    const under: typeof offline = [];
    const down = new Set<number>();
    for (const t of await allTopics(admin)) {
      for (const p of t.partitions) {
        const row = { topic: t.name, partition: p.partition, replicas: p.replicas, isr: p.isr };
        if (p.leader < 0) offline.push(row);
        else if (p.isr.length < p.replicas.length) under.push(row);
        for (const r of p.replicas) if (!live.has(r)) down.add(r);
      }
    }
    const healthy = cluster.controller !== null && offline.length === 0 && under.length === 0;
    const doc = {
      healthy,
      clusterId: cluster.clusterId,
      controller: cluster.controller,
      brokers: [...live].sort((a, b) => a - b),
      downBrokers: [...down].sort((a, b) => a - b),
      offlinePartitions: offline,
      underReplicatedPartitions: under,
    };
    if (ctx.out.json) ctx.out.data(doc);
    else {
      const lines = [
        `Healthy: ${healthy ? 'yes' : 'no'}`,
        `Controller: ${cluster.controller ?? 'none'}`,
        `Brokers: ${ids(doc.brokers) || '-'}${down.size > 0 ? `  (down: ${ids(doc.downBrokers)})` : ''}`,
        `Offline partitions: ${offline.length}`,
        `Under-replicated partitions: ${under.length}`,
      ];
      const bad = [
        ...offline.map((p) => [p.topic, p.partition, ids(p.replicas), ids(p.isr), 'offline']),
        ...under.map((p) => [p.topic, p.partition, ids(p.replicas), ids(p.isr), 'under-replicated']),
      ];
      if (bad.length > 0) lines.push('', table(['TOPIC', 'PARTITION', 'REPLICAS', 'ISR', 'PROBLEM'], bad));
      ctx.out.line(lines.join('\n'));
    }
    return healthy ? 0 : 1;
  },
};

const reassignments: Command = {
  name: 'reassignments',
  summary: 'Lists partition reassignments in progress, with the replicas being added and removed.',
  usage: '',
  positionals: [0, 0],
  options: [],
  async run(ctx) {
    const list = await ctx.admin().listPartitionReassignments();
    if (ctx.out.json) ctx.out.data(list);
    else
      ctx.out.line(
        table(
          ['TOPIC', 'PARTITION', 'REPLICAS', 'ADDING', 'REMOVING'],
          list.map((r) => [
            r.topic,
            r.partition,
            ids(r.replicas),
            ids(r.addingReplicas),
            ids(r.removingReplicas),
          ]),
        ),
      );
    return 0;
  },
};

const MOVE_OPTIONS = [
  { name: 'dry-run', help: 'only show the plan' },
  { name: 'no-wait', help: 'start the reassignments and return without following them' },
  {
    name: 'wait-timeout-ms',
    arg: 'MS',
    help: 'give up following the reassignments after this long (they go on; exit 1) (default 600000)',
  },
];

interface MoveSettings {
  dryRun: boolean;
  wait: boolean;
  waitMs: number;
}

function moveSettings(args: ParsedArgs): MoveSettings {
  return {
    dryRun: args.has('dry-run'),
    wait: !args.has('no-wait'),
    waitMs: intOption(args, 'wait-timeout-ms', 600_000, 1, 2 ** 31 - 1),
  };
}

/** Prints a plan, and unless --dry-run starts it and follows it to the end with progress on stderr. */
async function carryOut(
  ctx: CommandContext,
  { dryRun, wait, waitMs }: MoveSettings,
  plan: ReassignmentPlan,
  done: string,
): Promise<number> {
  const { out } = ctx;
  const doc = {
    dryRun,
    partitionMoves: plan.moves.length,
    replicaMoves: plan.replicaMoves,
    moves: plan.moves,
    load: plan.load,
    completed: false,
  };
  if (!out.json) {
    out.line(
      `${plan.moves.length} partitions to move (${plan.replicaMoves} replicas)${plan.moves.length > 0 ? '' : ': nothing to do'}`,
    );
    if (plan.moves.length > 0)
      out.line(
        table(
          ['TOPIC', 'PARTITION', 'REPLICAS', 'NEW-REPLICAS'],
          plan.moves.map((m) => [m.topic, m.partition, ids(m.from), ids(m.to)]),
        ),
      );
    out.line(
      `\n${table(
        ['BROKER', 'REPLICAS', 'AFTER'],
        plan.load.map((l) => [l.broker, l.before, l.after]),
      )}`,
    );
  }
  if (dryRun || plan.moves.length === 0) {
    doc.completed = plan.moves.length === 0;
    if (out.json) out.data(doc);
    else if (dryRun && plan.moves.length > 0) out.note('dry run: nothing moved');
    return 0;
  }
  const admin = ctx.admin();
  const ongoing = await admin.listPartitionReassignments();
  if (ongoing.length > 0)
    throw new ClientError(
      `${ongoing.length} partition reassignments are still in progress (runnel cluster reassignments); start a new plan once they finish`,
    );
  await admin.alterPartitionReassignments({
    reassignments: plan.moves.map((m) => ({ topic: m.topic, partition: m.partition, replicas: m.to })),
  });
  out.note(`started ${plan.moves.length} partition reassignments`);
  if (!wait) {
    if (out.json) out.data(doc);
    return 0;
  }
  const partitions = plan.moves.map((m) => ({ topic: m.topic, partition: m.partition }));
  const deadline = Date.now() + waitMs;
  let last = -1;
  for (;;) {
    const left = (await admin.listPartitionReassignments({ partitions })).length;
    if (left !== last) {
      out.note(`reassigning: ${plan.moves.length - left}/${plan.moves.length} partitions done`);
      last = left;
    }
    if (left === 0) break;
    if (Date.now() > deadline) {
      if (out.json) out.data(doc);
      throw new ClientError(
        `${left} reassignments still in progress after ${waitMs} ms; they go on (runnel cluster reassignments)`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  doc.completed = true;
  if (out.json) out.data(doc);
  else out.note(done);
  return 0;
}

async function layout(admin: Admin) {
  const [cluster, topics] = await Promise.all([admin.describeCluster(), allTopics(admin)]);
  const partitions = topics.flatMap((t) =>
    t.partitions.map((p) => ({ topic: t.name, partition: p.partition, replicas: p.replicas })),
  );
  return { brokers: cluster.brokers.map((b) => b.nodeId), partitions };
}

function plan(...args: Parameters<typeof planReassignment>): ReassignmentPlan {
  try {
    return planReassignment(...args);
  } catch (err) {
    if (err instanceof PlanError) throw new ClientError(err.message);
    throw err;
  }
}

const rebalance: Command = {
  name: 'rebalance',
  summary:
    'Moves replicas so that every live broker holds about as many as the others (after adding brokers, say), moving as few as it can.',
  usage: '',
  positionals: [0, 0],
  options: MOVE_OPTIONS,
  async run(ctx) {
    const settings = moveSettings(ctx.args);
    const { brokers, partitions } = await layout(ctx.admin());
    return carryOut(ctx, settings, plan(partitions, brokers), 'rebalanced');
  },
};

const decommission: Command = {
  name: 'decommission',
  summary:
    'Moves every replica off a broker, spreading them over the others; then it can be stopped for good.',
  usage: 'BROKER-ID',
  positionals: [1, 1],
  options: MOVE_OPTIONS,
  async run(ctx) {
    const id = parseInteger(ctx.args.positionals[0]!, 'BROKER-ID', 0, 2 ** 31 - 1);
    const settings = moveSettings(ctx.args);
    const { brokers, partitions } = await layout(ctx.admin());
    if (!brokers.includes(id) && !partitions.some((p) => p.replicas.includes(id)))
      throw new KafkaError(ErrorCode.BROKER_NOT_AVAILABLE, `broker ${id} is not in the cluster`);
    const quorum = await ctx.admin().describeQuorum();
    if (quorum.voters.some((v) => v.replicaId === id)) {
      const why =
        `broker ${id} is a voter of the metadata quorum (voters ${ids(quorum.voters.map((v) => v.replicaId))}); ` +
        `remove it first: runnel cluster remove-voter ${id}`;
      // A plan is only shown: it may still be of use; carrying it out is refused.
      if (!settings.dryRun) throw new ClientError(why);
      ctx.out.note(why);
    }
    return carryOut(
      ctx,
      settings,
      plan(partitions, brokers, [id]),
      `broker ${id} holds no replicas now: stop it, then runnel cluster unregister ${id}`,
    );
  },
};

const unregister: Command = {
  name: 'unregister',
  summary: "Removes a decommissioned broker's registration; it must be stopped and hold no replicas.",
  usage: 'BROKER-ID',
  positionals: [1, 1],
  options: [],
  async run(ctx) {
    const id = parseInteger(ctx.args.positionals[0]!, 'BROKER-ID', 0, 2 ** 31 - 1);
    await ctx.admin().unregisterBroker(id);
    if (ctx.out.json) ctx.out.data({ broker: id, unregistered: true });
    else ctx.out.line(table(['BROKER', 'STATUS'], [[id, 'unregistered']]));
    return 0;
  },
};

/** "12s ago" for an epoch-ms timestamp; '-' when unknown. */
function ago(ms: number, now: number): string {
  if (ms < 0) return '-';
  const s = Math.max(0, now - ms) / 1000;
  return s < 10 ? `${s.toFixed(1)}s ago` : `${Math.round(s)}s ago`;
}

const quorum: Command = {
  name: 'quorum',
  summary:
    "Shows the metadata quorum: its leader (the active controller), epoch and high watermark, and each voter's and observer's log end offset, lag and last fetch.",
  usage: '',
  positionals: [0, 0],
  options: [],
  async run(ctx) {
    const q = await ctx.admin().describeQuorum();
    if (ctx.out.json) {
      ctx.out.data(q);
      return 0;
    }
    const now = Date.now();
    const row = (role: string) => (r: (typeof q.voters)[number]) => [
      r.replicaId,
      r.replicaId === q.leaderId ? 'leader' : role,
      r.logEndOffset,
      Math.max(0, q.highWatermark - r.logEndOffset),
      ago(r.lastFetchTimestamp, now),
      ago(r.lastCaughtUpTimestamp, now),
    ];
    ctx.out.line(
      `Leader: ${q.leaderId}  Epoch: ${q.leaderEpoch}  High watermark: ${q.highWatermark}  Voters: ${ids(q.voters.map((v) => v.replicaId))}
${table(
  ['NODE', 'ROLE', 'LOG-END', 'LAG', 'LAST-FETCH', 'CAUGHT-UP'],
  [...q.voters.map(row('voter')), ...q.observers.map(row('observer'))],
)}`,
    );
    return 0;
  },
};

const VOTER_OPTIONS = [
  {
    name: 'directory-id',
    arg: 'UUID',
    help: "the voter's metadata log directory id (default: not checked)",
  },
];

/** --directory-id, checked here (a bad one is a usage error, not a request the broker refuses). */
function directoryIdArg(ctx: CommandContext): { voterDirectoryId?: string } {
  const dir = ctx.args.value('directory-id');
  if (dir === undefined) return {};
  if (!isUuid(dir))
    throw new UsageError(`--directory-id must be a UUID in base64url (22 characters), got '${dir}'`);
  return { voterDirectoryId: dir };
}

const addVoter: Command = {
  name: 'add-voter',
  summary:
    'Makes a broker a voter of the metadata quorum (KIP-853). It must be registered and have caught up with the metadata log; one voter change at a time.',
  usage: 'BROKER-ID',
  positionals: [1, 1],
  options: VOTER_OPTIONS,
  async run(ctx) {
    const id = parseInteger(ctx.args.positionals[0]!, 'BROKER-ID', 0, 2 ** 31 - 1);
    const dir = directoryIdArg(ctx);
    const admin = ctx.admin();
    const broker = (await admin.describeCluster()).brokers.find((b) => b.nodeId === id);
    if (broker === undefined)
      throw new KafkaError(
        ErrorCode.BROKER_NOT_AVAILABLE,
        `broker ${id} is not a live broker of the cluster`,
      );
    await admin.addRaftVoter({
      voterId: id,
      ...dir,
      listeners: [{ name: 'PLAINTEXT', host: broker.host, port: broker.port }],
    });
    const q = await admin.describeQuorum();
    const voters = q.voters.map((v) => v.replicaId);
    if (ctx.out.json) ctx.out.data({ broker: id, added: true, voters });
    else ctx.out.line(`broker ${id} is a voter; voters now ${ids(voters)}`);
    return 0;
  },
};

const removeVoter: Command = {
  name: 'remove-voter',
  summary:
    'Takes a voter out of the metadata quorum (KIP-853); it goes on as an observer. A leader removing itself hands over once the change commits. The last voter stays.',
  usage: 'BROKER-ID',
  positionals: [1, 1],
  options: VOTER_OPTIONS,
  async run(ctx) {
    const id = parseInteger(ctx.args.positionals[0]!, 'BROKER-ID', 0, 2 ** 31 - 1);
    const dir = directoryIdArg(ctx);
    const admin = ctx.admin();
    await admin.removeRaftVoter({ voterId: id, ...dir });
    const q = await admin.describeQuorum();
    const voters = q.voters.map((v) => v.replicaId);
    if (ctx.out.json) ctx.out.data({ broker: id, removed: true, voters });
    else ctx.out.line(`broker ${id} is no longer a voter; voters now ${ids(voters)}`);
    return 0;
  },
};

const elect: Command = {
  name: 'elect',
  summary:
    "Elects partition leaders: --preferred moves leadership back to each partition's first replica; --unclean gives a partition without a leader one even from outside the ISR (it may lose acknowledged records: for a partition that would otherwise stay offline). Every partition, or --topic [--partition]. Exits 1 when a partition could not be elected.",
  usage: '',
  positionals: [0, 0],
  options: [
    { name: 'preferred', help: 'preferred-replica election' },
    { name: 'unclean', help: 'unclean election of leaderless partitions' },
    { name: 'topic', arg: 'TOPIC', help: 'only this topic' },
    { name: 'partition', arg: 'N', help: 'only this partition of --topic' },
  ],
  async run(ctx) {
    const a = ctx.args;
    if (a.has('preferred') === a.has('unclean'))
      throw new UsageError('give one of --preferred and --unclean');
    const topic = a.value('topic');
    if (a.value('partition') !== undefined && topic === undefined)
      throw new UsageError('--partition needs --topic');
    const admin = ctx.admin();
    let partitions: { topic: string; partition: number }[] | null = null;
    if (topic !== undefined) {
      const p = a.value('partition');
      if (p !== undefined)
        partitions = [{ topic, partition: parseInteger(p, '--partition', 0, 2 ** 31 - 1) }];
      else {
        const [t] = await admin.describeTopics([topic]);
        if (t === undefined) throw new KafkaError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `no topic ${topic}`);
        partitions = t.partitions.map((x) => ({ topic, partition: x.partition }));
      }
    }
    const results = await admin.electLeaders({
      type: a.has('unclean') ? 'unclean' : 'preferred',
      partitions,
    });
    // ELECTION_NOT_NEEDED is success: the leader is already the one asked for.
    const failed = results.filter(
      (r) => r.errorCode !== ErrorCode.NONE && r.errorCode !== ErrorCode.ELECTION_NOT_NEEDED,
    );
    if (ctx.out.json)
      ctx.out.data(results.map((r) => ({ ...r, error: r.errorCode === 0 ? null : errorName(r.errorCode) })));
    else {
      const elected = results.filter((r) => r.errorCode === ErrorCode.NONE).length;
      ctx.out.line(
        table(
          ['TOPIC', 'PARTITION', 'RESULT'],
          results.map((r) => [
            r.topic,
            String(r.partition),
            r.errorCode === ErrorCode.NONE ? 'elected' : errorName(r.errorCode),
          ]),
        ),
      );
      ctx.out.note(`${elected} elected, ${failed.length} failed`);
    }
    return failed.length > 0 ? 1 : 0;
  },
};

export const clusterCommands: CommandGroup = {
  summary: 'the cluster',
  commands: [
    info,
    health,
    reassignments,
    rebalance,
    decommission,
    unregister,
    elect,
    quorum,
    addVoter,
    removeVoter,
  ],
};
