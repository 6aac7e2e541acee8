// ACLs for Admin (CreateAcls, DescribeAcls, DeleteAcls), shaped after the Java admin client's AclBinding and
// AclBindingFilter, with Kafka's names as strings ('TOPIC', 'PREFIXED', 'READ', 'ALLOW'). Creating and
// deleting go to the controller (any broker forwards); a refused binding or filter throws its KafkaError.
import { AclOperation, AclPermission, PatternType, ResourceType } from '../protocol/acl-codes.js';
import { CreateAclsApi, DeleteAclsApi, DescribeAclsApi } from '../protocol/generated/api-keys.js';
import type { Connection } from './connection.js';
import { ErrorCode, KafkaError } from './errors.js';

// Kafka's names and codes (protocol/acl-codes.ts) without UNKNOWN, which no client sends.
const { UNKNOWN: _unknownResource, ...resourceTypes } = ResourceType;
const { UNKNOWN: _unknownPattern, ...patternTypes } = PatternType;
const { UNKNOWN: _unknownOperation, ...operations } = AclOperation;
const { UNKNOWN: _unknownPermission, ...permissions } = AclPermission;
export const ACL_RESOURCE_TYPES = resourceTypes;
export const ACL_PATTERN_TYPES = patternTypes;
export const ACL_OPERATIONS = operations;
export const ACL_PERMISSIONS = permissions;

export type AclResourceType = keyof typeof ACL_RESOURCE_TYPES;
export type AclPatternType = keyof typeof ACL_PATTERN_TYPES;
export type AclOperationName = keyof typeof ACL_OPERATIONS;
export type AclPermissionName = keyof typeof ACL_PERMISSIONS;

export interface AclBinding {
  resourceType: Exclude<AclResourceType, 'ANY'>;
  resourceName: string;
  patternType: 'LITERAL' | 'PREFIXED';
  /** "User:alice", "User:*" for everyone. */
  principal: string;
  /** A client IP, or '*' (default). */
  host?: string;
  operation: Exclude<AclOperationName, 'ANY'>;
  permission: 'ALLOW' | 'DENY';
}

/** Every field optional: absent matches anything (ANY). patternType MATCH finds what applies to a name. */
export interface AclFilter {
  resourceType?: AclResourceType;
  resourceName?: string;
  patternType?: AclPatternType;
  principal?: string;
  host?: string;
  operation?: AclOperationName;
  permission?: AclPermissionName;
}

type Controller = <T>(fn: (conn: Connection) => Promise<T>) => Promise<T>;

function nameOf<T extends Record<string, number>>(table: T, code: number): keyof T {
  for (const [k, v] of Object.entries(table)) if (v === code) return k as keyof T;
  throw new KafkaError(ErrorCode.UNKNOWN_SERVER_ERROR, `unknown ACL code ${code}`);
}

function codeOf<T extends Record<string, number>>(table: T, name: string | undefined, what: string): number {
  if (name === undefined) return table.ANY ?? 1;
  const code = table[name.toUpperCase()];
  if (code === undefined) throw new KafkaError(ErrorCode.INVALID_REQUEST, `unknown ${what} '${name}'`);
  return code;
}

function toBinding(r: {
  resourceType: number;
  resourceName: string;
  patternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}): AclBinding {
  return {
    resourceType: nameOf(ACL_RESOURCE_TYPES, r.resourceType) as AclBinding['resourceType'],
    resourceName: r.resourceName,
    patternType: nameOf(ACL_PATTERN_TYPES, r.patternType) as AclBinding['patternType'],
    principal: r.principal,
    host: r.host,
    operation: nameOf(ACL_OPERATIONS, r.operation) as AclBinding['operation'],
    permission: nameOf(ACL_PERMISSIONS, r.permissionType) as AclBinding['permission'],
  };
}

export async function createAcls(controller: Controller, acls: readonly AclBinding[]): Promise<void> {
  if (acls.length === 0) return;
  const res = await controller((conn) =>
    conn.request(CreateAclsApi, {
      creations: acls.map((a) => ({
        resourceType: codeOf(ACL_RESOURCE_TYPES, a.resourceType, 'resource type'),
        resourceName: a.resourceName,
        resourcePatternType: codeOf(ACL_PATTERN_TYPES, a.patternType, 'pattern type'),
        principal: a.principal,
        host: a.host ?? '*',
        operation: codeOf(ACL_OPERATIONS, a.operation, 'operation'),
        permissionType: codeOf(ACL_PERMISSIONS, a.permission, 'permission'),
      })),
    }),
  );
  res.results.forEach((r, i) => {
    if (r.errorCode !== ErrorCode.NONE)
      throw new KafkaError(r.errorCode, `ACL ${JSON.stringify(acls[i])}: ${r.errorMessage ?? ''}`.trim());
  });
}

function filterBody(f: AclFilter) {
  return {
    resourceTypeFilter: codeOf(ACL_RESOURCE_TYPES, f.resourceType, 'resource type'),
    resourceNameFilter: f.resourceName ?? null,
    patternTypeFilter: codeOf(ACL_PATTERN_TYPES, f.patternType, 'pattern type'),
    principalFilter: f.principal ?? null,
    hostFilter: f.host ?? null,
    operation: codeOf(ACL_OPERATIONS, f.operation, 'operation'),
    permissionType: codeOf(ACL_PERMISSIONS, f.permission, 'permission'),
  };
}

export async function describeAcls(any: Controller, filter: AclFilter = {}): Promise<AclBinding[]> {
  const res = await any((conn) => conn.request(DescribeAclsApi, filterBody(filter)));
  if (res.errorCode !== ErrorCode.NONE)
    throw new KafkaError(res.errorCode, res.errorMessage ?? 'DescribeAcls');
  return res.resources.flatMap((r) =>
    r.acls.map((a) =>
      toBinding({
        ...a,
        resourceType: r.resourceType,
        resourceName: r.resourceName,
        patternType: r.patternType,
      }),
    ),
  );
}

/** Deletes every ACL a filter matches; resolves with the ACLs deleted (all filters together). */
export async function deleteAcls(
  controller: Controller,
  filters: readonly AclFilter[],
): Promise<AclBinding[]> {
  if (filters.length === 0) return [];
  const res = await controller((conn) => conn.request(DeleteAclsApi, { filters: filters.map(filterBody) }));
  const out: AclBinding[] = [];
  for (const f of res.filterResults) {
    if (f.errorCode !== ErrorCode.NONE) throw new KafkaError(f.errorCode, f.errorMessage ?? 'DeleteAcls');
    out.push(...f.matchingAcls.map(toBinding));
  }
  return out;
}
