// The PLAIN users file is re-read when it changes, without a restart: a user added to it logs in (kcat),
// a user removed from it can no longer log in while its session already open keeps being served (a raw
// connection, until it would re-authenticate), and a file that cannot be used (an entry without its closing
// quote, an empty file) is logged and the previous users kept.
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ApiVersionsApi,
  MetadataApi,
  SaslAuthenticateApi,
  SaslHandshakeApi,
} from '../dist/protocol/generated/api-keys.js';
import { createMetadataRequest } from '../dist/protocol/generated/metadata.js';
import { TestClient } from './helpers/broker-client.js';
import { eventually } from './helpers/cluster-procs.js';
import { jaasText, kcat, kcatSasl, type SecureBroker, startSecureBroker } from './helpers/secure-broker.js';

let s: SecureBroker;
let sasl: string;

test.before(async () => {
  s = await startSecureBroker({
    listeners: ['SASL_PLAINTEXT'],
    mechanisms: 'PLAIN',
    users: { carol: 'carol-secret' },
    args: ['--sasl-plain-users-reload-interval-ms', '100'],
  });
  sasl = s.addresses.SASL_PLAINTEXT!;
});

test.after(async () => {
  await s?.broker.dispose();
});

const logsIn = async (user: string, password: string) =>
  (await kcat(sasl, [...kcatSasl('PLAIN', user, password), '-L', '-m', '3'])).code === 0;

/** A connection logged in as carol with PLAIN, kept open (raw frames: one connection, one session). */
async function carolSession(): Promise<TestClient> {
  const c = await TestClient.connect(Number(sasl.split(':')[1]));
  await c.request(ApiVersionsApi, 3, { clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
  assert.is((await c.request(SaslHandshakeApi, 1, { mechanism: 'PLAIN' })).errorCode, 0);
  const auth = await c.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from('\0carol\0carol-secret') });
  assert.is(auth.errorCode, 0);
  return c;
}

const metadataOk = async (c: TestClient) =>
  (await c.request(MetadataApi, 12, createMetadataRequest({ topics: null }))).brokers.length === 1;

test('a user added to the file logs in, a removed one cannot, open sessions go on; a bad file keeps the old users', async () => {
  const carol = await carolSession();
  try {
    assert.ok(await metadataOk(carol));
    assert.is(await logsIn('dave', 'dave-secret'), false);

    fs.writeFileSync(s.usersFile!, jaasText({ carol: 'carol-secret', dave: 'dave-secret' }));
    await eventually('dave logs in', () => logsIn('dave', 'dave-secret'), 10_000);

    fs.writeFileSync(s.usersFile!, jaasText({ dave: 'dave-secret' }));
    await eventually('carol is refused', async () => !(await logsIn('carol', 'carol-secret')), 10_000);
    // carol's connection authenticated before the change: still served.
    assert.ok(await metadataOk(carol));

    // Half-written files: the previous users stay.
    fs.writeFileSync(s.usersFile!, 'user_dave="dave-secret"\nuser_erin="erin-sec');
    await eventually(
      'the bad file logged',
      () => /user_ entry that does not parse/.test(s.broker.stderr()),
      10_000,
    );
    assert.ok(await logsIn('dave', 'dave-secret'));
    assert.is(await logsIn('erin', 'erin-sec'), false);
    fs.writeFileSync(s.usersFile!, '');
    await eventually('the empty file logged', () => /users file .* is empty/.test(s.broker.stderr()), 10_000);
    assert.ok(await logsIn('dave', 'dave-secret'));
    assert.not.match(s.broker.stderr(), /dave-secret|carol-secret|erin-sec/);
  } finally {
    carol.close();
  }
});

test.run();
