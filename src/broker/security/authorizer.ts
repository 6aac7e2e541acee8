// Kafka's StandardAuthorizer decisions over the ACLs of the metadata image. A request's principal may do an
// operation on a resource when it is a super user, or when some ALLOW ACL matches and no DENY ACL does (deny
// wins). An ACL matches when its principal is the request's or User:*, its host the client's IP or '*', its
// resource the name exactly, the LITERAL '*', or a PREFIXED pattern the name starts with, and its operation
// the one asked or ALL; an ALLOW of READ, WRITE, DELETE or ALTER also allows DESCRIBE, an ALLOW of
// ALTER_CONFIGS also DESCRIBE_CONFIGS (a DENY implies nothing). A resource no ACL names at all is allowed
// only with allow.everyone.if.no.acl.found.
//
// Cost: one Map lookup per literal, wildcard and prefix length of the resource type (the index is built once
// per ACL set, acls.ts); nothing allocated on a decision. Without an authorizer (the single-broker default)
// handlers skip the check entirely.
import {
  type AclImage,
  AclOperation,
  AclPermission,
  CLUSTER_NAME,
  PatternType,
  ResourceType,
  type StoredAcl,
  WILDCARD,
  WILDCARD_PRINCIPAL,
} from '../../cluster/metadata/acls.js';
import { type KafkaPrincipal, parsePrincipal, type Session } from './session.js';

/** authorizer.class.name values taken as Kafka's StandardAuthorizer. */
export const STANDARD_AUTHORIZER_NAMES: readonly string[] = [
  'standard',
  'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'kafka.security.authorizer.AclAuthorizer',
];

export interface AuthorizerConfig {
  /** super.users: principals ("User:admin") allowed everything. */
  superUsers: readonly string[];
  /** allow.everyone.if.no.acl.found: a resource without any ACL is open to all. */
  allowEveryoneIfNoAclFound: boolean;
}

/** Parses super.users: principals separated by ';' (Kafka's separator), each TYPE:NAME. Throws on a bad one. */
export function parseSuperUsers(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split(';')) {
    const s = raw.trim();
    if (s === '') continue;
    if (parsePrincipal(s) === null) throw new Error(`super user '${s}' is not TYPE:NAME (User:admin)`);
    out.push(s);
  }
  return out;
}

const O = AclOperation;

const IMPLIES_DESCRIBE = new Set<number>([
  AclOperation.DESCRIBE,
  AclOperation.READ,
  AclOperation.WRITE,
  AclOperation.DELETE,
  AclOperation.ALTER,
]);
const IMPLIES_DESCRIBE_CONFIGS = new Set<number>([AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS]);

/** The operations each resource type knows (Kafka's AclEntry.supportedOperations), for authorized-operations fields. */
export const SUPPORTED_OPERATIONS: ReadonlyMap<number, readonly number[]> = new Map([
  [
    ResourceType.TOPIC,
    [O.READ, O.WRITE, O.CREATE, O.DELETE, O.ALTER, O.DESCRIBE, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS],
  ],
  [ResourceType.GROUP, [O.READ, O.DELETE, O.DESCRIBE, O.DESCRIBE_CONFIGS, O.ALTER_CONFIGS]],
  [
    ResourceType.CLUSTER,
    [
      O.CREATE,
      O.CLUSTER_ACTION,
      O.DESCRIBE_CONFIGS,
      O.ALTER_CONFIGS,
      O.IDEMPOTENT_WRITE,
      O.ALTER,
      O.DESCRIBE,
    ],
  ],
  [ResourceType.TRANSACTIONAL_ID, [O.DESCRIBE, O.WRITE]],
  [ResourceType.DELEGATION_TOKEN, [O.DESCRIBE]],
  [ResourceType.USER, [O.CREATE_TOKENS, O.DESCRIBE_TOKENS]],
]);

// Bits of what a scan of a resource's ACLs saw.
const UNDECIDED = 0;
const ALLOWED = 1;
const DENIED = 2;
const FOUND = 4;

function scan(list: readonly StoredAcl[] | undefined, p: KafkaPrincipal, host: string, op: number): number {
  if (list === undefined) return UNDECIDED;
  let seen = FOUND;
  for (let i = 0; i < list.length; i++) {
    const r = decide(list[i]!, p, host, op);
    if (r === DENIED) return FOUND | DENIED;
    seen |= r;
  }
  return seen;
}

export class Authorizer {
  /** super.users by principal type, then name: a lookup without building "Type:name". */
  readonly #superUsers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly #allowEveryone: boolean;

  constructor(
    config: AuthorizerConfig,
    /** The ACLs in force: the broker's current metadata image's. */
    readonly acls: () => AclImage,
  ) {
    const supers = new Map<string, Set<string>>();
    for (const s of config.superUsers) {
      const p = parsePrincipal(s);
      if (p === null) continue;
      let names = supers.get(p.type);
      if (names === undefined) supers.set(p.type, (names = new Set()));
      names.add(p.name);
    }
    this.#superUsers = supers;
    this.#allowEveryone = config.allowEveryoneIfNoAclFound;
  }

  isSuperUser(p: KafkaPrincipal): boolean {
    return this.#superUsers.size > 0 && this.#superUsers.get(p.type)?.has(p.name) === true;
  }

  /** May the session's principal do `operation` on the resource (a LITERAL name)? */
  authorize(session: Session, operation: number, resourceType: number, resourceName: string): boolean {
    const p = session.principal;
    if (this.isSuperUser(p)) return true;
    const t = this.acls().ofType(resourceType);
    if (t === undefined) return this.#allowEveryone;
    const host = clientIp(session);
    let seen = scan(t.literal.get(resourceName), p, host, operation);
    if (resourceName !== WILDCARD) seen |= scan(t.literal.get(WILDCARD), p, host, operation);
    for (let i = 0; i < t.prefixLengths.length && (seen & DENIED) === 0; i++) {
      const len = t.prefixLengths[i]!;
      if (len > resourceName.length) break;
      seen |= scan(t.prefixed.get(resourceName.slice(0, len)), p, host, operation);
    }
    if ((seen & DENIED) !== 0) return false;
    return (seen & ALLOWED) !== 0 || ((seen & FOUND) === 0 && this.#allowEveryone);
  }

  authorizeCluster(session: Session, operation: number): boolean {
    return this.authorize(session, operation, ResourceType.CLUSTER, CLUSTER_NAME);
  }

  /**
   * Kafka's authorizeByResourceType (KIP-679): may the principal do `operation` on some resource of the type?
   * Yes when allowed on a resource no ACL names, or when an ALLOW ACL (principal, host, operation or ALL) is not
   * covered by a DENY of the same literal name or of a prefix of it; a DENY on the LITERAL '*' refuses.
   */
  authorizeByResourceType(session: Session, operation: number, resourceType: number): boolean {
    if (this.authorize(session, operation, resourceType, '\u0000runnel-no-such-resource')) return true;
    const p = session.principal;
    const host = clientIp(session);
    const denyLiteral = new Set<string>();
    const denyPrefix = new Set<string>();
    const allows: StoredAcl[] = [];
    for (const acl of this.acls().byId.values()) {
      if (acl.resourceType !== resourceType) continue;
      if (acl.host !== WILDCARD && acl.host !== host) continue;
      if (!principalMatches(acl.principal, p)) continue;
      if (acl.operation !== operation && acl.operation !== AclOperation.ALL) continue;
      const literal = acl.patternType === PatternType.LITERAL;
      if (acl.permissionType === AclPermission.DENY) {
        if (literal && acl.resourceName === WILDCARD) return false;
        (literal ? denyLiteral : denyPrefix).add(acl.resourceName);
      } else if (acl.permissionType === AclPermission.ALLOW) {
        if (literal && acl.resourceName === WILDCARD) return true;
        allows.push(acl);
      }
    }
    for (const a of allows) {
      if (a.patternType === PatternType.LITERAL && denyLiteral.has(a.resourceName)) continue;
      let dominated = false;
      for (let i = 1; i <= a.resourceName.length && !dominated; i++)
        dominated = denyPrefix.has(a.resourceName.slice(0, i));
      if (!dominated) return true;
    }
    return false;
  }

  /** Kafka's authorized-operations bit field (bit = operation code) of a resource. */
  authorizedOperations(session: Session, resourceType: number, resourceName: string): number {
    let bits = 0;
    for (const op of SUPPORTED_OPERATIONS.get(resourceType) ?? [])
      if (this.authorize(session, op, resourceType, resourceName)) bits |= 1 << op;
    return bits;
  }
}

function principalMatches(aclPrincipal: string, p: KafkaPrincipal): boolean {
  if (aclPrincipal === WILDCARD_PRINCIPAL) return true;
  // "Type:name" compared without building the session's string.
  return (
    aclPrincipal.length === p.type.length + 1 + p.name.length &&
    aclPrincipal.startsWith(p.type) &&
    aclPrincipal.charCodeAt(p.type.length) === 58 &&
    aclPrincipal.endsWith(p.name)
  );
}

function decide(acl: StoredAcl, p: KafkaPrincipal, host: string, operation: number): number {
  if (!principalMatches(acl.principal, p)) return UNDECIDED;
  if (acl.host !== WILDCARD && acl.host !== host) return UNDECIDED;
  if (acl.operation !== AclOperation.ALL) {
    if (acl.permissionType === AclPermission.ALLOW) {
      if (operation === AclOperation.DESCRIBE) {
        if (!IMPLIES_DESCRIBE.has(acl.operation)) return UNDECIDED;
      } else if (operation === AclOperation.DESCRIBE_CONFIGS) {
        if (!IMPLIES_DESCRIBE_CONFIGS.has(acl.operation)) return UNDECIDED;
      } else if (operation !== acl.operation) return UNDECIDED;
    } else if (operation !== acl.operation) return UNDECIDED;
  }
  return acl.permissionType === AclPermission.ALLOW ? ALLOWED : DENIED;
}

const ipOf = new WeakMap<Session, string>();

/** The client's IP as ACL hosts name it ("127.0.0.1", not "::ffff:127.0.0.1"), parsed once per session. */
export function clientIp(session: Session): string {
  let ip = ipOf.get(session);
  if (ip === undefined) {
    const a = session.clientAddress;
    const colon = a.lastIndexOf(':');
    ip = colon < 0 ? a : a.slice(0, colon);
    if (ip.startsWith('::ffff:') && ip.includes('.')) ip = ip.slice(7);
    ipOf.set(session, ip);
  }
  return ip;
}

/** `authorizer === null` (no authorizer configured) allows everything. */
export function allowed(
  authorizer: Authorizer | null,
  session: Session,
  operation: number,
  resourceType: number,
  resourceName: string,
): boolean {
  return authorizer === null || authorizer.authorize(session, operation, resourceType, resourceName);
}

export function clusterAllowed(authorizer: Authorizer | null, session: Session, operation: number): boolean {
  return authorizer === null || authorizer.authorizeCluster(session, operation);
}
