// Generated from ApiVersionsRequest.json, ApiVersionsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ApiVersionsRequest: versions 0-4, flexible 3+, api key 18.

export interface ApiVersionsRequest {
  /** v3+ */
  clientSoftwareName: string;
  /** v3+ */
  clientSoftwareVersion: string;
}

export function createApiVersionsRequest(init?: Partial<ApiVersionsRequest>): ApiVersionsRequest {
  return { clientSoftwareName: '', clientSoftwareVersion: '', ...init };
}

export function decodeApiVersionsRequest(r: Reader, v: number): ApiVersionsRequest {
  let _clientSoftwareName: string;
  if (v >= 3) {
    _clientSoftwareName = r.compactString();
  } else {
    _clientSoftwareName = '';
  }
  let _clientSoftwareVersion: string;
  if (v >= 3) {
    _clientSoftwareVersion = r.compactString();
  } else {
    _clientSoftwareVersion = '';
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { clientSoftwareName: _clientSoftwareName, clientSoftwareVersion: _clientSoftwareVersion };
}

export function encodeApiVersionsRequest(w: Writer, m: ApiVersionsRequest, v: number): void {
  if (v >= 3) {
    w.compactString(m.clientSoftwareName);
  }
  if (v >= 3) {
    w.compactString(m.clientSoftwareVersion);
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

// ApiVersionsResponse: versions 0-4, flexible 3+, api key 18.

export interface ApiVersionsResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  apiKeys: ApiVersionsResponseApiVersion[];
  /** v1+ */
  throttleTimeMs: number;
  /** v3+, tag 0 v3+ */
  supportedFeatures: ApiVersionsResponseSupportedFeatureKey[];
  /** v3+, tag 1 v3+, default -1 */
  finalizedFeaturesEpoch: number;
  /** v3+, tag 2 v3+ */
  finalizedFeatures: ApiVersionsResponseFinalizedFeatureKey[];
  /** v3+, tag 3 v3+, default false */
  zkMigrationReady: boolean;
}

export interface ApiVersionsResponseApiVersion {
  /** v0+ */
  apiKey: number;
  /** v0+ */
  minVersion: number;
  /** v0+ */
  maxVersion: number;
}

export interface ApiVersionsResponseSupportedFeatureKey {
  /** v3+ */
  name: string;
  /** v3+ */
  minVersion: number;
  /** v3+ */
  maxVersion: number;
}

export interface ApiVersionsResponseFinalizedFeatureKey {
  /** v3+ */
  name: string;
  /** v3+ */
  maxVersionLevel: number;
  /** v3+ */
  minVersionLevel: number;
}

export function createApiVersionsResponse(init?: Partial<ApiVersionsResponse>): ApiVersionsResponse {
  return {
    errorCode: 0,
    apiKeys: [],
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
    ...init,
  };
}

export function createApiVersionsResponseApiVersion(
  init?: Partial<ApiVersionsResponseApiVersion>,
): ApiVersionsResponseApiVersion {
  return { apiKey: 0, minVersion: 0, maxVersion: 0, ...init };
}

export function createApiVersionsResponseSupportedFeatureKey(
  init?: Partial<ApiVersionsResponseSupportedFeatureKey>,
): ApiVersionsResponseSupportedFeatureKey {
  return { name: '', minVersion: 0, maxVersion: 0, ...init };
}

export function createApiVersionsResponseFinalizedFeatureKey(
  init?: Partial<ApiVersionsResponseFinalizedFeatureKey>,
): ApiVersionsResponseFinalizedFeatureKey {
  return { name: '', maxVersionLevel: 0, minVersionLevel: 0, ...init };
}

export function decodeApiVersionsResponse(r: Reader, v: number): ApiVersionsResponse {
  const _errorCode = r.int16();
  let _apiKeys: ApiVersionsResponseApiVersion[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: ApiVersionsResponseApiVersion[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeApiVersionsResponseApiVersion(r, v));
    }
    _apiKeys = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ApiVersionsResponseApiVersion[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeApiVersionsResponseApiVersion(r, v));
    }
    _apiKeys = _a;
  }
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _supportedFeatures: ApiVersionsResponseSupportedFeatureKey[] = [];
  let _finalizedFeaturesEpoch: number = -1;
  let _finalizedFeatures: ApiVersionsResponseFinalizedFeatureKey[] = [];
  let _zkMigrationReady: boolean = false;
  if (v >= 3) {
    const _nt = r.taggedFieldCount();
    for (let _t = 0; _t < _nt && r.error === null; _t++) {
      const _tag = r.uvarint();
      const _end = r.beginTaggedField(r.uvarint());
      switch (_tag) {
        case 0: {
          const _n = r.compactArrayLength(1, false);
          const _a: ApiVersionsResponseSupportedFeatureKey[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(decodeApiVersionsResponseSupportedFeatureKey(r, v));
          }
          _supportedFeatures = _a;
          break;
        }
        case 1: {
          _finalizedFeaturesEpoch = r.int64();
          break;
        }
        case 2: {
          const _n = r.compactArrayLength(1, false);
          const _a: ApiVersionsResponseFinalizedFeatureKey[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(decodeApiVersionsResponseFinalizedFeatureKey(r, v));
          }
          _finalizedFeatures = _a;
          break;
        }
        case 3: {
          _zkMigrationReady = r.bool();
          break;
        }
      }
      r.endTaggedField(_end);
    }
  }
  return {
    errorCode: _errorCode,
    apiKeys: _apiKeys,
    throttleTimeMs: _throttleTimeMs,
    supportedFeatures: _supportedFeatures,
    finalizedFeaturesEpoch: _finalizedFeaturesEpoch,
    finalizedFeatures: _finalizedFeatures,
    zkMigrationReady: _zkMigrationReady,
  };
}

export function encodeApiVersionsResponse(w: Writer, m: ApiVersionsResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 2) {
    const _a = m.apiKeys;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeApiVersionsResponseApiVersion(w, _e, v);
    }
  } else {
    const _a = m.apiKeys;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeApiVersionsResponseApiVersion(w, _e, v);
    }
  }
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  if (v >= 3) {
    let _nt = 0;
    const _tsupportedFeatures = m.supportedFeatures.length > 0;
    if (_tsupportedFeatures) _nt++;
    const _tfinalizedFeaturesEpoch = m.finalizedFeaturesEpoch !== -1;
    if (_tfinalizedFeaturesEpoch) _nt++;
    const _tfinalizedFeatures = m.finalizedFeatures.length > 0;
    if (_tfinalizedFeatures) _nt++;
    const _tzkMigrationReady = m.zkMigrationReady !== false;
    if (_tzkMigrationReady) _nt++;
    w.uvarint(_nt);
    if (_tsupportedFeatures) {
      const _mk = w.beginTaggedField(0);
      const _a = m.supportedFeatures;
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeApiVersionsResponseSupportedFeatureKey(w, _e, v);
      }
      w.endTaggedField(_mk);
    }
    if (_tfinalizedFeaturesEpoch) {
      const _mk = w.beginTaggedField(1);
      w.int64(m.finalizedFeaturesEpoch);
      w.endTaggedField(_mk);
    }
    if (_tfinalizedFeatures) {
      const _mk = w.beginTaggedField(2);
      const _a = m.finalizedFeatures;
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeApiVersionsResponseFinalizedFeatureKey(w, _e, v);
      }
      w.endTaggedField(_mk);
    }
    if (_tzkMigrationReady) {
      const _mk = w.beginTaggedField(3);
      w.bool(m.zkMigrationReady);
      w.endTaggedField(_mk);
    }
  }
}

function decodeApiVersionsResponseApiVersion(r: Reader, v: number): ApiVersionsResponseApiVersion {
  const _apiKey = r.int16();
  const _minVersion = r.int16();
  const _maxVersion = r.int16();
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { apiKey: _apiKey, minVersion: _minVersion, maxVersion: _maxVersion };
}

function encodeApiVersionsResponseApiVersion(w: Writer, m: ApiVersionsResponseApiVersion, v: number): void {
  w.int16(m.apiKey);
  w.int16(m.minVersion);
  w.int16(m.maxVersion);
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeApiVersionsResponseSupportedFeatureKey(
  r: Reader,
  _v: number,
): ApiVersionsResponseSupportedFeatureKey {
  const _name = r.compactString();
  const _minVersion = r.int16();
  const _maxVersion = r.int16();
  r.skipTaggedFields();
  return { name: _name, minVersion: _minVersion, maxVersion: _maxVersion };
}

function encodeApiVersionsResponseSupportedFeatureKey(
  w: Writer,
  m: ApiVersionsResponseSupportedFeatureKey,
  _v: number,
): void {
  w.compactString(m.name);
  w.int16(m.minVersion);
  w.int16(m.maxVersion);
  w.uvarint(0);
}

function decodeApiVersionsResponseFinalizedFeatureKey(
  r: Reader,
  _v: number,
): ApiVersionsResponseFinalizedFeatureKey {
  const _name = r.compactString();
  const _maxVersionLevel = r.int16();
  const _minVersionLevel = r.int16();
  r.skipTaggedFields();
  return { name: _name, maxVersionLevel: _maxVersionLevel, minVersionLevel: _minVersionLevel };
}

function encodeApiVersionsResponseFinalizedFeatureKey(
  w: Writer,
  m: ApiVersionsResponseFinalizedFeatureKey,
  _v: number,
): void {
  w.compactString(m.name);
  w.int16(m.maxVersionLevel);
  w.int16(m.minVersionLevel);
  w.uvarint(0);
}
