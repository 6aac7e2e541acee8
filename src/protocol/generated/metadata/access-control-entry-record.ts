// Generated from AccessControlEntryRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// AccessControlEntryRecord: versions 0, flexible 0+, api key 18.

export interface AccessControlEntryRecord {
  /** v0+ */
  id: string;
  /** v0+ */
  resourceType: number;
  /** v0+ */
  resourceName: string;
  /** v0+ */
  patternType: number;
  /** v0+ */
  principal: string;
  /** v0+ */
  host: string;
  /** v0+ */
  operation: number;
  /** v0+ */
  permissionType: number;
}

export function createAccessControlEntryRecord(
  init?: Partial<AccessControlEntryRecord>,
): AccessControlEntryRecord {
  return {
    id: ZERO_UUID,
    resourceType: 0,
    resourceName: '',
    patternType: 0,
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
    ...init,
  };
}

export function decodeAccessControlEntryRecord(r: Reader, _v: number): AccessControlEntryRecord {
  const _id = r.uuid();
  const _resourceType = r.int8();
  const _resourceName = r.compactString();
  const _patternType = r.int8();
  const _principal = r.compactString();
  const _host = r.compactString();
  const _operation = r.int8();
  const _permissionType = r.int8();
  r.skipTaggedFields();
  return {
    id: _id,
    resourceType: _resourceType,
    resourceName: _resourceName,
    patternType: _patternType,
    principal: _principal,
    host: _host,
    operation: _operation,
    permissionType: _permissionType,
  };
}

export function encodeAccessControlEntryRecord(w: Writer, m: AccessControlEntryRecord, _v: number): void {
  w.uuid(m.id);
  w.int8(m.resourceType);
  w.compactString(m.resourceName);
  w.int8(m.patternType);
  w.compactString(m.principal);
  w.compactString(m.host);
  w.int8(m.operation);
  w.int8(m.permissionType);
  w.uvarint(0);
}
