// Generated from SaslHandshakeRequest.json, SaslHandshakeResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// SaslHandshakeRequest: versions 0-1, flexible none, api key 17.

export interface SaslHandshakeRequest {
  /** v0+ */
  mechanism: string;
}

export function createSaslHandshakeRequest(init?: Partial<SaslHandshakeRequest>): SaslHandshakeRequest {
  return { mechanism: '', ...init };
}

export function decodeSaslHandshakeRequest(r: Reader, _v: number): SaslHandshakeRequest {
  const _mechanism = r.string();
  return { mechanism: _mechanism };
}

export function encodeSaslHandshakeRequest(w: Writer, m: SaslHandshakeRequest, _v: number): void {
  w.string(m.mechanism);
}

// SaslHandshakeResponse: versions 0-1, flexible none, api key 17.

export interface SaslHandshakeResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  mechanisms: string[];
}

export function createSaslHandshakeResponse(init?: Partial<SaslHandshakeResponse>): SaslHandshakeResponse {
  return { errorCode: 0, mechanisms: [], ...init };
}

export function decodeSaslHandshakeResponse(r: Reader, _v: number): SaslHandshakeResponse {
  const _errorCode = r.int16();
  let _mechanisms: string[];
  {
    const _n = r.arrayLength(2, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.string());
    }
    _mechanisms = _a;
  }
  return { errorCode: _errorCode, mechanisms: _mechanisms };
}

export function encodeSaslHandshakeResponse(w: Writer, m: SaslHandshakeResponse, _v: number): void {
  w.int16(m.errorCode);
  {
    const _a = m.mechanisms;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.string(_e);
    }
  }
}
