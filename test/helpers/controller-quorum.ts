// A metadata quorum of real RaftNodes and QuorumControllers in this process, on wall-clock timers, its
// voters talking through setImmediate (no simulation), each voter serving the controller RPCs on its own
// loopback port through rpc-server.ts. What a broker's ControllerChannel and BrokerLifecycle talk to in
// tests before the broker hosts a controller itself.
import { systemClock } from '../../dist/clock.js';
import {
  type ControllerRpcOptions,
  controllerRpcs,
  QuorumController,
  type QuorumControllerConfig,
} from '../../dist/cluster/metadata/index.js';
import {
  MemoryQuorumStateStore,
  MemoryRaftLog,
  type RaftMessage,
  RaftNode,
  resolveRaftConfig,
} from '../../dist/cluster/raft/index.js';
import { systemRandom } from '../../dist/random.js';
import { type RpcServer, route, startRpcServer } from './rpc-server.js';

export interface QuorumVoter {
  id: number;
  raft: RaftNode;
  qc: QuorumController;
  rpc: RpcServer;
  running: boolean;
}

export interface ControllerQuorum {
  voters: Map<number, QuorumVoter>;
  /** The active controller, or null. */
  active(): QuorumVoter | null;
  waitForActive(timeoutMs?: number): Promise<QuorumVoter>;
  address(id: number): { host: string; port: number } | null;
  /** Stops one voter's raft, controller and RPC server (a controller gone). */
  stopVoter(id: number): Promise<void>;
  close(): Promise<void>;
}

/** Short Raft timings: elections in a few hundred ms. */
const FAST_RAFT = resolveRaftConfig({
  electionTimeoutMs: 150,
  fetchTimeoutMs: 400,
  electionBackoffMaxMs: 50,
  requestTimeoutMs: 200,
  fetchIntervalMs: 20,
  appendLingerMs: 1,
});

export async function startControllerQuorum(
  ids: readonly number[],
  config: Partial<QuorumControllerConfig> = {},
  rpcOptions?: ControllerRpcOptions,
): Promise<ControllerQuorum> {
  const voters = new Map<number, QuorumVoter>();
  for (const id of ids) {
    let qc: QuorumController | null = null;
    const raft = new RaftNode({
      nodeId: id,
      voters: ids,
      config: FAST_RAFT,
      clock: systemClock,
      random: systemRandom,
      log: new MemoryRaftLog(),
      store: new MemoryQuorumStateStore(),
      transport: {
        send: (to: number, m: RaftMessage) =>
          setImmediate(() => {
            const v = voters.get(to);
            if (v?.running) v.raft.receive(id, m);
          }),
      },
      onCommit: (entries, hw) => qc?.onCommit(entries, hw),
      onLeaderChange: (leaderId) => qc?.onLeaderChange(leaderId),
    });
    qc = new QuorumController(raft, systemClock, config);
    const rpcs = [...controllerRpcs(qc, rpcOptions).values()];
    const rpc = await startRpcServer(
      rpcs.map((r) =>
        // dist and src codecs are the same objects in shape; rpc-server.ts types against src.
        route(r.codec as never, (body, version) => r.handle(body, version), {
          min: r.minVersion,
          max: r.maxVersion,
        }),
      ),
    );
    voters.set(id, { id, raft, qc, rpc, running: true });
  }
  for (const v of voters.values()) v.raft.start();

  const active = () => {
    for (const v of voters.values()) if (v.running && v.qc.isActive) return v;
    return null;
  };
  return {
    voters,
    active,
    async waitForActive(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = active();
        if (v !== null) return v;
        if (Date.now() > deadline) throw new Error('no active controller');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    address(id) {
      const v = voters.get(id);
      return v === undefined || !v.running ? null : { host: v.rpc.host, port: v.rpc.port };
    },
    async stopVoter(id) {
      const v = voters.get(id)!;
      v.running = false;
      v.raft.stop();
      v.qc.stop();
      await v.rpc.stop();
    },
    async close() {
      for (const v of voters.values()) {
        if (!v.running) continue;
        v.running = false;
        v.raft.stop();
        v.qc.stop();
        await v.rpc.stop();
      }
    },
  };
}
