// --add-scram (KIP-900's format-time SCRAM users) on real broker processes whose only listener is a SASL
// one: a lone broker's first metadata snapshot carries the admin credential, so the admin logs in with
// SCRAM (kcat) and makes another user (`runnel user create` over SASL) with no plaintext listener anywhere;
// a restart with another --add-scram password changes nothing (the log is no longer new). In a 3-broker
// cluster the first active controller writes the credential, and the admin logs in on every broker. A bad
// value exits 2 without echoing the password.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startBroker, tempDataDir } from './helpers/broker.js';
import { cli } from './helpers/cli.js';
import { eventually, startCluster } from './helpers/cluster-procs.js';
import { jaasText, kcat, kcatSasl } from './helpers/secure-broker.js';

const NODE_JS = new URL('../dist/node.js', import.meta.url).pathname;
const dir = tempDataDir('runnel-add-scram-');
// The broker's own login (PLAIN) for its SASL inter-broker listener; no client user is in this file.
const USERS = path.join(dir, 'users.jaas');
fs.writeFileSync(
  USERS,
  jaasText({ broker: 'broker-secret' }, { username: 'broker', password: 'broker-secret' }),
);

const saslOnly = (password: string) => [
  '--listener-security-protocol-map',
  'PLAINTEXT:SASL_PLAINTEXT',
  '--sasl-enabled-mechanisms',
  'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
  '--sasl-plain-users-file',
  USERS,
  '--add-scram',
  `SCRAM-SHA-512=[name=admin,password=${password}]`,
  '--add-scram',
  'SCRAM-SHA-256=[name=ops,password="a,b]c",iterations=8192]',
];

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const scramLogin = async (address: string, mechanism: string, user: string, password: string) =>
  (await kcat(address, [...kcatSasl(mechanism, user, password), '-L', '-m', '3'])).code === 0;

test('a lone SASL-only broker starts with the --add-scram admin; a restart with another password changes nothing', async () => {
  const data = tempDataDir();
  let broker = await startBroker(saslOnly('admin-secret'), data);
  try {
    assert.ok(await scramLogin(broker.address, 'SCRAM-SHA-512', 'admin', 'admin-secret'), 'admin logs in');
    assert.ok(await scramLogin(broker.address, 'SCRAM-SHA-256', 'ops', 'a,b]c'), 'ops logs in');
    assert.is(await scramLogin(broker.address, 'SCRAM-SHA-512', 'admin', 'wrong'), false);
    const made = await cli(['user', 'create', 'alice', '--password-stdin', '-b', broker.address], {
      input: 'alice-secret\n',
      env: {
        RUNNEL_SASL_MECHANISM: 'SCRAM-SHA-512',
        RUNNEL_SASL_USERNAME: 'admin',
        RUNNEL_SASL_PASSWORD: 'admin-secret',
      },
    });
    assert.is(made.code, 0, made.stderr);
    assert.ok(await scramLogin(broker.address, 'SCRAM-SHA-512', 'alice', 'alice-secret'), 'alice logs in');
    assert.not.match(broker.stderr(), /admin-secret|a,b\]c/);

    assert.is(await broker.stop(), 0);
    broker = await startBroker(saslOnly('other-secret'), data);
    assert.ok(
      await scramLogin(broker.address, 'SCRAM-SHA-512', 'admin', 'admin-secret'),
      'the first password stays',
    );
    assert.is(await scramLogin(broker.address, 'SCRAM-SHA-512', 'admin', 'other-secret'), false);
    assert.ok(await scramLogin(broker.address, 'SCRAM-SHA-512', 'alice', 'alice-secret'));
  } finally {
    await broker.dispose();
  }
});

test('in a 3-broker cluster the first active controller writes the --add-scram credentials', async () => {
  const cluster = await startCluster(3, { args: saslOnly('admin-secret') });
  try {
    for (const n of cluster.nodes) {
      await eventually(`admin logs in on node ${n.nodeId}`, () =>
        scramLogin(n.address, 'SCRAM-SHA-512', 'admin', 'admin-secret'),
      );
    }
    const bootstrapped = cluster.nodes.filter((n) => /wrote 2 bootstrap records/.test(n.log()));
    assert.is(bootstrapped.length, 1, 'one controller wrote them, once');
  } finally {
    await cluster.destroy();
  }
});

test('a bad --add-scram value exits 2 with the reason, never the password', () => {
  const data = tempDataDir();
  try {
    for (const [value, reason] of [
      ['SCRAM-SHA-1=[name=x,password=hunter2]', /expected SCRAM-SHA-256=\[name=NAME,password=PASSWORD\]/],
      ['SCRAM-SHA-512=[name=x]', /user x: password is missing/],
      ['SCRAM-SHA-512=[name=x,password=hunter2,iterations=100]', /iterations must be in \[4096, 16384\]/],
      ['SCRAM-SHA-512=[name=x,password="hunter2]', /quote is not closed/],
    ] as const) {
      const r = spawnSync(process.execPath, [NODE_JS, '--data-dir', data, '--add-scram', value], {
        encoding: 'utf8',
        timeout: 15_000,
      });
      assert.is(r.status, 2, `${value}: ${r.stderr}`);
      assert.match(r.stderr, reason);
      assert.not.match(r.stderr, /hunter2/);
    }
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
});

test.run();
