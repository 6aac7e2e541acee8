// A small network of our own for partition tests: one network namespace per broker, each with a veth into a
// bridge this test creates (its own /24, the host side at .254), so links between brokers can be cut and
// healed without touching any interface the machine had. Cutting A from B adds blackhole routes on both
// sides; the test process (on the host side of the bridge) still reaches every broker, as a client would
// that is not itself partitioned. Everything made here is removed by destroy(). Needs root and iproute2.
import { execFileSync } from 'node:child_process';

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function tryIp(...args: string[]): void {
  try {
    ip(...args);
  } catch {
    // Already gone.
  }
}

export interface NetLab {
  /** Namespace of broker k (1-based). */
  ns(k: number): string;
  /** Address of broker k inside the lab. */
  host(k: number): string;
  /** The prefix that runs a command inside broker k's namespace. */
  prefix(k: number): string[];
  /** Drops every packet between brokers a and b, both ways. */
  cut(a: number, b: number): void;
  heal(a: number, b: number): void;
  /** Cuts k from every other broker. */
  isolate(k: number): void;
  healAll(): void;
  destroy(): void;
}

/** Whether this process may create namespaces (root with iproute2); the reason when not. */
export function netLabUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root';
  const probe = `rnprobe${process.pid % 100000}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return null;
  } catch (err) {
    return `cannot create network namespaces: ${(err as Error).message}`;
  }
}

export function createNetLab(n: number): NetLab {
  const tag = `${process.pid % 10000}${Math.floor(Math.random() * 90 + 10)}`;
  // A /24 no route of this machine covers yet.
  let subnet = '';
  const routes = execFileSync('ip', ['-4', 'route', 'show']).toString();
  for (let tries = 0; tries < 50 && subnet === ''; tries++) {
    const candidate = `10.${200 + Math.floor(Math.random() * 50)}.${Math.floor(Math.random() * 250)}`;
    if (!routes.includes(`${candidate}.`)) subnet = candidate;
  }
  const bridge = `rnbr${tag}`;
  const names = Array.from({ length: n }, (_, i) => `rn${tag}n${i + 1}`);
  const cuts = new Set<string>();
  const lab: NetLab = {
    ns: (k) => names[k - 1]!,
    host: (k) => `${subnet}.${k}`,
    prefix: (k) => ['ip', 'netns', 'exec', names[k - 1]!],
    cut(a, b) {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const key = `${x}>${y}`;
        if (cuts.has(key)) continue;
        ip('netns', 'exec', lab.ns(x), 'ip', 'route', 'add', 'blackhole', `${lab.host(y)}/32`);
        cuts.add(key);
      }
    },
    heal(a, b) {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const key = `${x}>${y}`;
        if (!cuts.delete(key)) continue;
        tryIp('netns', 'exec', lab.ns(x), 'ip', 'route', 'del', 'blackhole', `${lab.host(y)}/32`);
      }
    },
    isolate(k) {
      for (let j = 1; j <= n; j++) if (j !== k) lab.cut(k, j);
    },
    healAll() {
      for (const key of [...cuts]) {
        const [x, y] = key.split('>').map(Number);
        lab.heal(x!, y!);
      }
    },
    destroy() {
      for (const name of names) tryIp('netns', 'del', name);
      tryIp('link', 'del', bridge);
    },
  };
  try {
    ip('link', 'add', 'name', bridge, 'type', 'bridge');
    ip('addr', 'add', `${subnet}.254/24`, 'dev', bridge);
    ip('link', 'set', bridge, 'up');
    for (let k = 1; k <= n; k++) {
      const ns = lab.ns(k);
      const veth = `rnv${tag}${k}`;
      ip('netns', 'add', ns);
      ip('link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      ip('link', 'set', veth, 'master', bridge);
      ip('link', 'set', veth, 'up');
      ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${lab.host(k)}/24`, 'dev', 'eth0');
      ip('netns', 'exec', ns, 'ip', 'link', 'set', 'eth0', 'up');
      ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
    }
  } catch (err) {
    lab.destroy();
    throw err;
  }
  return lab;
}
