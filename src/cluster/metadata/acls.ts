// Kafka's ACLs as the metadata log keeps them (AccessControlEntryRecord, RemoveAccessControlEntryRecord):
// the codes of resource types, pattern types, operations and permissions (protocol/acl-codes.ts, shared with
// the client), the bindings the image holds by id, their index for decisions (built once per ACL set,
// on first use), Kafka's filter matching (DescribeAcls, DeleteAcls) and the controller's decisions for
// CreateAcls and DeleteAcls (validation as Kafka's AclControlManager, records out).
import { AclOperation, AclPermission, PatternType, ResourceType } from '../../protocol/acl-codes.js';
import { ErrorCode } from '../../protocol/errors.js';
import { MetadataRecordType as T } from '../../protocol/generated/metadata/index.js';
import { randomUuid } from '../../protocol/uuid.js';
import type { MetadataRecord } from './records.js';

export { AclOperation, AclPermission, PatternType, ResourceType };

/** The one name of the CLUSTER resource. */
export const CLUSTER_NAME = 'kafka-cluster';
/** A LITERAL name matching every resource of its type; also the host matching every client. */
export const WILDCARD = '*';
/** The principal of an ACL for everyone. */
export const WILDCARD_PRINCIPAL = 'User:*';
/** Kafka's limit on the records one CreateAcls or DeleteAcls may write. */
export const MAX_ACL_RECORDS_PER_REQUEST = 10_000;

/** Names for codes, as kafka-acls.sh and the CLI write them. */
export function codeName(table: Readonly<Record<string, number>>, code: number): string {
  for (const [k, v] of Object.entries(table)) if (v === code) return k;
  return `UNKNOWN(${code})`;
}

export interface AclBinding {
  resourceType: number;
  resourceName: string;
  patternType: number;
  /** "User:alice"; "User:*" for everyone. */
  principal: string;
  /** A client IP or '*'. */
  host: string;
  operation: number;
  permissionType: number;
}

export interface StoredAcl extends AclBinding {
  readonly id: string;
}

/** A filter (DescribeAcls, DeleteAcls): null strings match anything, ANY codes match any code. */
export interface AclFilter {
  resourceType: number;
  resourceName: string | null;
  patternType: number;
  principal: string | null;
  host: string | null;
  operation: number;
  permissionType: number;
}

/** The ACLs of one resource type, for decisions: literal names (WILDCARD among them) and prefixes. */
export interface ResourceTypeAcls {
  literal: Map<string, StoredAcl[]>;
  prefixed: Map<string, StoredAcl[]>;
  /** The distinct lengths of the prefixes, so a lookup is one Map get per length. */
  prefixLengths: number[];
}

/** The ACLs of an image: by id, with an index by resource built on first use (images are immutable). */
export class AclImage {
  static readonly EMPTY = new AclImage(new Map());
  #index: Map<number, ResourceTypeAcls> | null = null;

  constructor(readonly byId: ReadonlyMap<string, StoredAcl>) {}

  get size(): number {
    return this.byId.size;
  }

  /** The ACLs of a resource type, or undefined when it has none. */
  ofType(resourceType: number): ResourceTypeAcls | undefined {
    this.#index ??= buildIndex(this.byId);
    return this.#index.get(resourceType);
  }

  /** Every ACL the filter matches, in id order. */
  matching(filter: AclFilter): StoredAcl[] {
    const out: StoredAcl[] = [];
    for (const acl of this.byId.values()) if (filterMatches(filter, acl)) out.push(acl);
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Whether an ACL equal to `b` (every field but the id) exists. */
  has(b: AclBinding): boolean {
    for (const acl of this.byId.values()) if (sameBinding(acl, b)) return true;
    return false;
  }
}

function buildIndex(byId: ReadonlyMap<string, StoredAcl>): Map<number, ResourceTypeAcls> {
  const index = new Map<number, ResourceTypeAcls>();
  for (const acl of byId.values()) {
    let t = index.get(acl.resourceType);
    if (t === undefined) {
      t = { literal: new Map(), prefixed: new Map(), prefixLengths: [] };
      index.set(acl.resourceType, t);
    }
    const map = acl.patternType === PatternType.PREFIXED ? t.prefixed : t.literal;
    const list = map.get(acl.resourceName);
    if (list === undefined) map.set(acl.resourceName, [acl]);
    else list.push(acl);
  }
  for (const t of index.values()) {
    t.prefixLengths = [...new Set([...t.prefixed.keys()].map((p) => p.length))].sort((a, b) => a - b);
  }
  return index;
}

export function sameBinding(a: AclBinding, b: AclBinding): boolean {
  return (
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.principal === b.principal &&
    a.host === b.host &&
    a.operation === b.operation &&
    a.permissionType === b.permissionType
  );
}

/** Kafka's AclBindingFilter.matches: MATCH finds the ACLs that apply to the named resource. */
export function filterMatches(f: AclFilter, acl: AclBinding): boolean {
  if (f.resourceType !== ResourceType.ANY && f.resourceType !== acl.resourceType) return false;
  if (
    f.patternType !== PatternType.ANY &&
    f.patternType !== PatternType.MATCH &&
    f.patternType !== acl.patternType
  )
    return false;
  if (f.resourceName !== null) {
    if (f.patternType === PatternType.ANY || f.patternType === acl.patternType) {
      if (f.resourceName !== acl.resourceName) return false;
    } else if (acl.patternType === PatternType.LITERAL) {
      if (f.resourceName !== acl.resourceName && acl.resourceName !== WILDCARD) return false;
    } else if (!f.resourceName.startsWith(acl.resourceName)) return false;
  }
  if (f.principal !== null && f.principal !== acl.principal) return false;
  if (f.host !== null && f.host !== acl.host) return false;
  if (f.operation !== AclOperation.ANY && f.operation !== acl.operation) return false;
  if (f.permissionType !== AclPermission.ANY && f.permissionType !== acl.permissionType) return false;
  return true;
}

/** Why a filter cannot be used (an UNKNOWN code), or null. DescribeAcls and DeleteAcls answer INVALID_REQUEST. */
export function filterProblem(f: AclFilter): string | null {
  if (!known(ResourceType, f.resourceType) || f.resourceType === ResourceType.UNKNOWN)
    return `unknown resource type ${f.resourceType}`;
  if (!known(PatternType, f.patternType) || f.patternType === PatternType.UNKNOWN)
    return `unknown pattern type ${f.patternType}`;
  if (!known(AclOperation, f.operation) || f.operation === AclOperation.UNKNOWN)
    return `unknown operation ${f.operation}`;
  if (!known(AclPermission, f.permissionType) || f.permissionType === AclPermission.UNKNOWN)
    return `unknown permission type ${f.permissionType}`;
  return null;
}

function known(table: Readonly<Record<string, number>>, code: number): boolean {
  return Object.values(table).includes(code);
}

/** Why an ACL cannot be created (Kafka's checks, INVALID_REQUEST), or null. */
export function bindingProblem(b: AclBinding): string | null {
  if (!known(ResourceType, b.resourceType) || b.resourceType <= ResourceType.ANY)
    return `invalid resource type ${b.resourceType}`;
  if (b.patternType !== PatternType.LITERAL && b.patternType !== PatternType.PREFIXED)
    return `invalid pattern type ${b.patternType}: LITERAL or PREFIXED`;
  if (!known(AclOperation, b.operation) || b.operation <= AclOperation.ANY)
    return `invalid operation ${b.operation}`;
  if (b.permissionType !== AclPermission.ALLOW && b.permissionType !== AclPermission.DENY)
    return `invalid permission type ${b.permissionType}: ALLOW or DENY`;
  if (b.resourceName === '') return 'the resource name is empty';
  if (b.resourceType === ResourceType.CLUSTER && b.resourceName !== CLUSTER_NAME)
    return `the only name of the CLUSTER resource is ${CLUSTER_NAME}`;
  const colon = b.principal.indexOf(':');
  if (colon <= 0) return `principal '${b.principal}' is not TYPE:NAME`;
  if (b.host === '') return 'the host is empty (use * for any host)';
  return null;
}

export interface AclItemResult {
  errorCode: number;
  message: string | null;
}

export type AclDecision =
  | { ok: true; records: MetadataRecord[]; results: AclItemResult[]; deleted?: StoredAcl[][] }
  | { ok: false; errorCode: number; message: string };

const NONE: AclItemResult = { errorCode: ErrorCode.NONE, message: null };

/** CreateAcls: one AccessControlEntryRecord per new binding; an existing or repeated one succeeds unwritten. */
export function createAcls(acls: AclImage, bindings: readonly AclBinding[]): AclDecision {
  const records: MetadataRecord[] = [];
  const results: AclItemResult[] = [];
  const taken = new Set(acls.byId.keys());
  const added: AclBinding[] = [];
  for (const b of bindings) {
    const problem = bindingProblem(b);
    if (problem !== null) {
      results.push({ errorCode: ErrorCode.INVALID_REQUEST, message: problem });
      continue;
    }
    results.push(NONE);
    if (acls.has(b) || added.some((a) => sameBinding(a, b))) continue;
    let id = randomUuid();
    while (taken.has(id)) id = randomUuid();
    taken.add(id);
    added.push(b);
    records.push({ type: T.AccessControlEntryRecord, version: 0, record: { id, ...pick(b) } });
  }
  if (records.length > MAX_ACL_RECORDS_PER_REQUEST) return tooMany(records.length, 'create');
  return { ok: true, records, results };
}

/** DeleteAcls: one RemoveAccessControlEntryRecord per ACL some filter matches (once, however many match). */
export function deleteAcls(acls: AclImage, filters: readonly AclFilter[]): AclDecision {
  const records: MetadataRecord[] = [];
  const results: AclItemResult[] = [];
  const deleted: StoredAcl[][] = [];
  const removed = new Set<string>();
  for (const f of filters) {
    const problem = filterProblem(f);
    if (problem !== null) {
      results.push({ errorCode: ErrorCode.INVALID_REQUEST, message: problem });
      deleted.push([]);
      continue;
    }
    const matched = acls.matching(f);
    for (const acl of matched) {
      if (removed.has(acl.id)) continue;
      removed.add(acl.id);
      records.push({ type: T.RemoveAccessControlEntryRecord, version: 0, record: { id: acl.id } });
    }
    results.push(NONE);
    deleted.push(matched);
  }
  if (records.length > MAX_ACL_RECORDS_PER_REQUEST) return tooMany(records.length, 'delete');
  return { ok: true, records, results, deleted };
}

function tooMany(n: number, what: string): AclDecision {
  return {
    ok: false,
    errorCode: ErrorCode.INVALID_REQUEST,
    message: `cannot ${what} ${n} ACLs in one request (at most ${MAX_ACL_RECORDS_PER_REQUEST})`,
  };
}

export function pick(b: AclBinding): AclBinding {
  return {
    resourceType: b.resourceType,
    resourceName: b.resourceName,
    patternType: b.patternType,
    principal: b.principal,
    host: b.host,
    operation: b.operation,
    permissionType: b.permissionType,
  };
}

/** The filter matching every ACL. */
export const ALL_ACLS: Readonly<AclFilter> = Object.freeze({
  resourceType: ResourceType.ANY,
  resourceName: null,
  patternType: PatternType.ANY,
  principal: null,
  host: null,
  operation: AclOperation.ANY,
  permissionType: AclPermission.ANY,
});
