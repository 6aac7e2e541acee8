// ACL decision cost, in process: Authorizer.authorize for a produce-like check (WRITE on a topic) against
// 0, 100 and 10,000 ACLs (literal names, prefixes of several lengths, a '*' ACL), allowed by a prefix, by a
// literal, and refused. Prints ns per decision.
//   node --import tsx bench/authorizer.ts
import { Authorizer } from '../src/broker/security/authorizer.js';
import { Session } from '../src/broker/security/session.js';
import { type AclBinding, createAcls } from '../src/cluster/metadata/acls.js';
import { MetadataImage } from '../src/cluster/metadata/image.js';

function image(n: number): MetadataImage {
  const acls: AclBinding[] = [];
  for (let i = 0; i < n; i++) {
    const prefixed = i % 4 === 0;
    acls.push({
      resourceType: 2,
      resourceName: prefixed ? `team-${i % 97}-`.slice(0, 4 + (i % 7)) : `topic-${i}`,
      patternType: prefixed ? 4 : 3,
      principal: `User:u${i % 50}`,
      host: '*',
      operation: 4,
      permissionType: 3,
    });
  }
  if (n > 0) {
    acls.push({
      resourceType: 2,
      resourceName: 'orders',
      patternType: 3,
      principal: 'User:alice',
      host: '*',
      operation: 4,
      permissionType: 3,
    });
    acls.push({
      resourceType: 2,
      resourceName: 'app-',
      patternType: 4,
      principal: 'User:alice',
      host: '*',
      operation: 2,
      permissionType: 3,
    });
    acls.push({
      resourceType: 2,
      resourceName: '*',
      patternType: 3,
      principal: 'User:ops',
      host: '*',
      operation: 8,
      permissionType: 3,
    });
  }
  let img = MetadataImage.EMPTY;
  for (let i = 0; i < acls.length; i += 5000) {
    const d = createAcls(img.acls, acls.slice(i, i + 5000));
    if (!d.ok) throw new Error(d.message);
    img = img.apply(d.records, img.offset + d.records.length);
  }
  return img;
}

const session = new Session('PLAINTEXT', 'PLAINTEXT', '127.0.0.1:50000');
session.principal = { type: 'User', name: 'alice' };
const ITER = 2_000_000;

for (const n of [0, 100, 10_000]) {
  const img = image(n);
  const a = new Authorizer(
    { superUsers: ['User:admin'], allowEveryoneIfNoAclFound: n === 0 },
    () => img.acls,
  );
  for (const [what, topic] of [
    ['prefix allows', 'app-events'],
    ['literal allows', 'orders'],
    ['refused', 'payments'],
  ] as const) {
    let allowed = 0;
    for (let i = 0; i < 100_000; i++) if (a.authorize(session, 4, 2, topic)) allowed++;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < ITER; i++) if (a.authorize(session, 4, 2, topic)) allowed++;
    const ns = Number(process.hrtime.bigint() - t0) / ITER;
    console.log(
      `${String(n).padStart(6)} ACLs, ${what.padEnd(14)}: ${ns.toFixed(0)} ns per decision (${allowed > 0 ? 'allowed' : 'refused'})`,
    );
  }
}
