// The SASL pieces on their own: SCRAM against RFC 7677's SCRAM-SHA-256 example (client and server side),
// JAAS parsing, PLAIN's checks, OAUTHBEARER message and claim checks, and the broker settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bearerToken, validateToken } from '../dist/broker/security/oauthbearer.js';
import { PlainExchange, parseJaas } from '../dist/broker/security/plain.js';
import { ScramExchange } from '../dist/broker/security/scram.js';
import { parseArgs } from '../dist/config.js';
import { credentialFromSalted, ScramClient, saltedPassword } from '../dist/protocol/sasl/scram.js';

// RFC 7677, section 3.
const CLIENT_NONCE = 'rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const SERVER_FIRST = `r=${CLIENT_NONCE}${SERVER_NONCE},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096`;
const CLIENT_FINAL = `c=biws,r=${CLIENT_NONCE}${SERVER_NONCE},p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=`;
const SERVER_FINAL = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

test('SCRAM-SHA-256 client: RFC 7677 messages byte for byte', () => {
  const c = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', CLIENT_NONCE);
  assert.is(c.firstMessage().toString(), `n,,n=user,r=${CLIENT_NONCE}`);
  assert.is(String(c.finalMessage(Buffer.from(SERVER_FIRST))), CLIENT_FINAL);
  assert.ok(c.verifyServerFinal(Buffer.from(SERVER_FINAL)));
  assert.not.ok(c.verifyServerFinal(Buffer.from('v=AAAA')));
});

test('SCRAM-SHA-256 server: RFC 7677 messages, and a wrong proof or nonce fails', () => {
  const credential = credentialFromSalted(
    'SCRAM-SHA-256',
    saltedPassword('SCRAM-SHA-256', 'pencil', SALT, 4096),
    SALT,
    4096,
  );
  const lookup = (u: string) => (u === 'user' ? credential : undefined);
  const s = new ScramExchange('SCRAM-SHA-256', lookup, () => SERVER_NONCE);
  const first = s.evaluate(Buffer.from(`n,,n=user,r=${CLIENT_NONCE}`));
  assert.equal(first, { kind: 'challenge', bytes: Buffer.from(SERVER_FIRST) });
  const done = s.evaluate(Buffer.from(CLIENT_FINAL));
  assert.equal(done, { kind: 'done', name: 'user', bytes: Buffer.from(SERVER_FINAL), expiresAtMs: null });
  const wrong = new ScramExchange('SCRAM-SHA-256', lookup, () => SERVER_NONCE);
  wrong.evaluate(Buffer.from(`n,,n=user,r=${CLIENT_NONCE}`));
  assert.is(wrong.evaluate(Buffer.from(CLIENT_FINAL.replace('p=dH', 'p=dI'))).kind, 'fail');
  const other = new ScramExchange('SCRAM-SHA-256', lookup, () => 'another');
  other.evaluate(Buffer.from(`n,,n=user,r=${CLIENT_NONCE}`));
  assert.is(other.evaluate(Buffer.from(CLIENT_FINAL)).kind, 'fail');
  // Unknown users get a challenge like known ones (a stable made-up salt), then fail.
  const ghost = new ScramExchange('SCRAM-SHA-256', lookup);
  const c1 = ghost.evaluate(Buffer.from('n,,n=ghost,r=abc'));
  assert.is(c1.kind, 'challenge');
  const again = new ScramExchange('SCRAM-SHA-256', lookup).evaluate(Buffer.from('n,,n=ghost,r=abc'));
  assert.is(
    /s=([^,]+)/.exec(String((c1 as { bytes: Buffer }).bytes))![1],
    /s=([^,]+)/.exec(String((again as { bytes: Buffer }).bytes))![1],
  );
  // Channel binding and delegation tokens are refused.
  assert.is(
    new ScramExchange('SCRAM-SHA-256', lookup).evaluate(Buffer.from('p=tls-unique,,n=user,r=abc')).kind,
    'fail',
  );
  assert.is(
    new ScramExchange('SCRAM-SHA-256', lookup).evaluate(Buffer.from('n,,n=user,r=abc,tokenauth=true')).kind,
    'fail',
  );
});

test('JAAS parsing: user_NAME entries, the broker login, quotes, comments', () => {
  const j = parseJaas(
    '# comment user_x="no"\nKafkaServer {\n org.apache.kafka.common.security.plain.PlainLoginModule required\n' +
      ' username="admin" password="a\\"b"\n user_admin="a\\"b" user_alice=plain;\n};\n',
  );
  assert.equal(
    [...j.users],
    [
      ['admin', 'a"b'],
      ['alice', 'plain'],
    ],
  );
  assert.is(j.username, 'admin');
  assert.is(j.password, 'a"b');
});

test('PLAIN: right and wrong passwords, authorization ids, limits at 255 bytes', () => {
  const p = new PlainExchange(new Map([['alice', 'secret']]));
  const msg = (s: string) => Buffer.from(s);
  assert.is(p.evaluate(msg('\u0000alice\u0000secret')).kind, 'done');
  assert.is(p.evaluate(msg('alice\u0000alice\u0000secret')).kind, 'done');
  assert.is(p.evaluate(msg('bob\u0000alice\u0000secret')).kind, 'fail');
  assert.is(p.evaluate(msg('\u0000alice\u0000secreT')).kind, 'fail');
  assert.is(p.evaluate(msg('\u0000bob\u0000secret')).kind, 'fail');
  assert.is(p.evaluate(msg('\u0000alice\u0000sec\u0000ret')).kind, 'fail');
  const long = new PlainExchange(
    new Map([
      ['u', 'x'.repeat(255)],
      ['v', 'x'.repeat(256)],
    ]),
  );
  assert.is(long.evaluate(msg(`\u0000u\u0000${'x'.repeat(255)}`)).kind, 'done');
  assert.is(long.evaluate(msg(`\u0000v\u0000${'x'.repeat(256)}`)).kind, 'fail');
  const fail = p.evaluate(msg('\u0000alice\u0000guess-42'));
  assert.not.match(JSON.stringify(fail), /guess-42/);
});

test('OAUTHBEARER: the client message, and claims checked against the configuration', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsecured = (claims: object) => `${b64({ alg: 'none' })}.${b64(claims)}.`;
  const now = Date.now();
  const exp = Math.floor(now / 1000) + 60;
  assert.is(bearerToken(Buffer.from('n,,\u0001auth=Bearer abc\u0001\u0001')), 'abc');
  assert.is(bearerToken(Buffer.from('n,a=x,\u0001host=h\u0001auth=Bearer abc\u0001\u0001')), 'abc');
  assert.is(bearerToken(Buffer.from('n,,\u0001auth=Basic abc\u0001\u0001')), null);
  assert.is(bearerToken(Buffer.from('n,,auth=Bearer abc')), null);
  const config = {
    jwksFile: null,
    allowUnsecured: true,
    expectedAudience: ['a'],
    expectedIssuer: 'iss',
    subClaimName: 'sub',
    clockSkewSeconds: 30,
  };
  const check = (claims: object, c = config) => validateToken(unsecured(claims), c, null, now);
  assert.equal(check({ sub: 'x', exp, aud: 'a', iss: 'iss' }), {
    ok: true,
    principal: 'x',
    expiresAtMs: exp * 1000,
  });
  assert.is(
    check({ sub: 'x', exp: Math.floor(now / 1000) - 20, aud: 'a', iss: 'iss' }).ok,
    true,
    'within the skew',
  );
  assert.is(check({ sub: 'x', exp: Math.floor(now / 1000) - 31, aud: 'a', iss: 'iss' }).ok, false);
  assert.is(check({ sub: 'x', exp, nbf: Math.floor(now / 1000) + 60, aud: 'a', iss: 'iss' }).ok, false);
  assert.is(check({ sub: 'x', exp, aud: 'b', iss: 'iss' }).ok, false);
  assert.is(check({ sub: 'x', exp, aud: 'a', iss: 'other' }).ok, false);
  assert.is(check({ exp, aud: 'a', iss: 'iss' }).ok, false);
  assert.is(check({ sub: 'x', aud: 'a', iss: 'iss' }).ok, false, 'no exp');
  assert.is(check({ sub: 'x', exp, aud: 'a', iss: 'iss' }, { ...config, allowUnsecured: false }).ok, false);
  assert.is(validateToken('a.b', config, null, now).ok, false);
  assert.is(
    validateToken(`${b64({ alg: 'HS256' })}.${b64({ sub: 'x', exp })}.sig`, config, null, now).ok,
    false,
  );
});

test('settings: the protocol map, mechanisms per listener from the properties file, bad values refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnel-sasl-config-'));
  try {
    const file = path.join(dir, 'server.properties');
    fs.writeFileSync(
      file,
      'listener.security.protocol.map=PLAINTEXT:SASL_PLAINTEXT\nsasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512\n' +
        'listener.name.plaintext.sasl.enabled.mechanisms=SCRAM-SHA-256\nconnections.max.reauth.ms=60000\n',
    );
    const r = parseArgs(['--config', file]);
    assert.is(r.kind, 'run');
    if (r.kind !== 'run') return;
    assert.equal(r.config.listenerSecurityProtocolMap, { PLAINTEXT: 'SASL_PLAINTEXT' });
    assert.equal(r.config.saslEnabledMechanisms, ['PLAIN', 'SCRAM-SHA-512']);
    assert.equal(r.config.listenerSaslEnabledMechanisms, { PLAINTEXT: ['SCRAM-SHA-256'] });
    assert.is(r.config.connectionsMaxReauthMs, 60000);
    assert.throws(() => parseArgs(['--sasl-enabled-mechanisms', 'GSSAPI']), /unknown SASL mechanism GSSAPI/);
    assert.throws(
      () => parseArgs(['--listener-security-protocol-map', 'PLAINTEXT:TLS']),
      /unknown security protocol/,
    );
    assert.throws(
      () => parseArgs(['--sasl-mechanism-inter-broker-protocol', 'OAUTHBEARER']),
      /expected PLAIN/,
    );
    assert.throws(() => parseArgs(['--sasl-server-max-receive-size', '63']), /\[64,/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
