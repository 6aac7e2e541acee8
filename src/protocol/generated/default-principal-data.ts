// Generated from DefaultPrincipalData.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DefaultPrincipalData: versions 0, flexible 0+.

export interface DefaultPrincipalData {
  /** v0+ */
  type: string;
  /** v0+ */
  name: string;
  /** v0+ */
  tokenAuthenticated: boolean;
}

export function createDefaultPrincipalData(init?: Partial<DefaultPrincipalData>): DefaultPrincipalData {
  return { type: '', name: '', tokenAuthenticated: false, ...init };
}

export function decodeDefaultPrincipalData(r: Reader, _v: number): DefaultPrincipalData {
  const _type = r.compactString();
  const _name = r.compactString();
  const _tokenAuthenticated = r.bool();
  r.skipTaggedFields();
  return { type: _type, name: _name, tokenAuthenticated: _tokenAuthenticated };
}

export function encodeDefaultPrincipalData(w: Writer, m: DefaultPrincipalData, _v: number): void {
  w.compactString(m.type);
  w.compactString(m.name);
  w.bool(m.tokenAuthenticated);
  w.uvarint(0);
}
