// Kafka's ssl.principal.mapping.rules and the RFC 2253 subject they are applied to, without a broker: rule
// syntax (patterns holding commas and escaped slashes, L/U, DEFAULT), first match wins, no match is null,
// bad rules are errors; subjects from openssl-made certificates come out most specific first, with
// RFC 2253's escapes. Listener settings parse and resolve as Kafka's do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  parseAdvertisedListeners,
  parseListeners,
  parseProtocolMap,
  resolveListeners,
} from '../dist/broker/security/listeners.js';
import {
  mapPrincipalName,
  parsePrincipalMappingRules,
  subjectRfc2253,
} from '../dist/broker/security/ssl-principal-mapper.js';
import { certDir } from './helpers/certs.js';

const map = (rules: string, dn: string) => mapPrincipalName(parsePrincipalMappingRules(rules), dn);

test("Kafka's documented rules: first match wins, $n groups, L and U, DEFAULT keeps the name", () => {
  const rules =
    'RULE:^CN=(.*?),OU=ServiceUsers,O=Unknown,L=Unknown,ST=Unknown,C=Unknown$/$1/,' +
    'RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/L,' +
    'RULE:^.*[Cc][Nn]=([a-zA-Z0-9.]*).*$/$1/U,' +
    'DEFAULT';
  assert.is(
    map(rules, 'CN=kafka-server1,OU=ServiceUsers,O=Unknown,L=Unknown,ST=Unknown,C=Unknown'),
    'kafka-server1',
  );
  assert.is(map(rules, 'CN=adminUser,OU=Admin,O=Unknown,L=Unknown,ST=Unknown,C=Unknown'), 'adminuser@admin');
  assert.is(map(rules, 'OU=x,CN=Bob.Smith'), 'BOB.SMITH');
  assert.is(map(rules, 'O=nocn'), 'O=nocn');
  // Without DEFAULT, a name no rule matches maps to nothing (the broker refuses the client).
  assert.is(map('RULE:^CN=(.*)$/$1/', 'O=x'), null);
  // The whole name must match, not a part of it.
  assert.is(map('RULE:CN=a/b/', 'O=x,CN=a'), null);
});

test('rule syntax: commas inside patterns, escaped slashes, newlines between rules; errors name the problem', () => {
  assert.is(map('RULE:^O=(a,b)$/$1/', 'O=a,b'), 'a,b');
  assert.is(map('RULE:^CN=a\\/b$/slash/', 'CN=a/b'), 'slash');
  assert.is(map('RULE:^x$/y/\nDEFAULT', 'z'), 'z');
  assert.throws(() => parsePrincipalMappingRules('RULE:^CN=(.*)$'), /unterminated rule/);
  assert.throws(() => parsePrincipalMappingRules('NOPE'), /expected RULE:\.\.\. or DEFAULT/);
  assert.throws(() => parsePrincipalMappingRules('RULE:(/x/'), /bad pattern/);
  assert.throws(() => parsePrincipalMappingRules(''), /no rules/);
  assert.throws(() => parsePrincipalMappingRules('DEFAULT DEFAULT'), /expected ','/);
});

test('subjects in RFC 2253 form: reversed, special characters escaped', () => {
  const dir = certDir();
  try {
    const key = path.join(dir, 'k.pem');
    const cert = path.join(dir, 'c.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        '/C=US/O=Acme\\, Inc/OU=eng/CN=Doe, John',
      ]),
      { stdio: 'ignore' },
    );
    assert.is(subjectRfc2253(fs.readFileSync(cert)), 'CN=Doe\\, John,OU=eng,O=Acme\\, Inc,C=US');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("listeners: Kafka's syntax, names upper-cased, an empty host is every interface; resolution checks", () => {
  assert.equal(parseListeners('client://:9092, INTERNAL://[::1]:9093'), [
    { name: 'CLIENT', host: '0.0.0.0', port: 9092 },
    { name: 'INTERNAL', host: '::1', port: 9093 },
  ]);
  assert.equal(parseListeners('127.0.0.1:9092'), [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }]);
  assert.throws(() => parseListeners('PLAINTEXT://host'), /expected NAME:\/\/HOST:PORT/);
  assert.throws(() => parseListeners('PLAINTEXT://h:99999'), /bad port/);
  assert.equal(parseProtocolMap('client:ssl,INTERNAL:SASL_SSL'), { CLIENT: 'SSL', INTERNAL: 'SASL_SSL' });
  assert.throws(() => parseProtocolMap('A:PLAINTEXT,A:SSL'), /mapped twice/);
  const r = resolveListeners({
    listeners: parseListeners('CLIENT://127.0.0.1:0,INTERNAL://127.0.0.1:0'),
    advertisedListeners: parseAdvertisedListeners('CLIENT://clients.example:9092'),
    listenerSecurityProtocolMap: parseProtocolMap('CLIENT:SSL,INTERNAL:PLAINTEXT'),
    interBrokerListenerName: 'internal',
  });
  assert.is(r.interBroker, 'INTERNAL');
  assert.equal(
    r.listeners.map((l) => [l.name, l.securityProtocol, l.advertised]),
    [
      ['CLIENT', 'SSL', { host: 'clients.example', port: 9092 }],
      ['INTERNAL', 'PLAINTEXT', null],
    ],
  );
  // Two listeners on port 0 both get free ports: not a clash.
  assert.not.throws(() =>
    resolveListeners({
      listeners: parseListeners('PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0'),
      advertisedListeners: [],
      listenerSecurityProtocolMap: parseProtocolMap('PLAINTEXT:PLAINTEXT,SSL:SSL'),
      interBrokerListenerName: null,
    }),
  );
});

test.run();
