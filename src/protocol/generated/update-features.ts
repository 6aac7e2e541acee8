// Generated from UpdateFeaturesRequest.json, UpdateFeaturesResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// UpdateFeaturesRequest: versions 0-2, flexible 0+, api key 57.

export interface UpdateFeaturesRequest {
  /** v0+, default 60000 */
  timeoutMs: number;
  /** v0+ */
  featureUpdates: UpdateFeaturesRequestFeatureUpdateKey[];
  /** v1+, default false */
  validateOnly: boolean;
}

export interface UpdateFeaturesRequestFeatureUpdateKey {
  /** v0+ */
  feature: string;
  /** v0+ */
  maxVersionLevel: number;
  /** v0 */
  allowDowngrade: boolean;
  /** v1+, default 1 */
  upgradeType: number;
}

export function createUpdateFeaturesRequest(init?: Partial<UpdateFeaturesRequest>): UpdateFeaturesRequest {
  return { timeoutMs: 60000, featureUpdates: [], validateOnly: false, ...init };
}

export function createUpdateFeaturesRequestFeatureUpdateKey(
  init?: Partial<UpdateFeaturesRequestFeatureUpdateKey>,
): UpdateFeaturesRequestFeatureUpdateKey {
  return { feature: '', maxVersionLevel: 0, allowDowngrade: false, upgradeType: 1, ...init };
}

export function decodeUpdateFeaturesRequest(r: Reader, v: number): UpdateFeaturesRequest {
  const _timeoutMs = r.int32();
  let _featureUpdates: UpdateFeaturesRequestFeatureUpdateKey[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateFeaturesRequestFeatureUpdateKey[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateFeaturesRequestFeatureUpdateKey(r, v));
    }
    _featureUpdates = _a;
  }
  let _validateOnly: boolean;
  if (v >= 1) {
    _validateOnly = r.bool();
  } else {
    _validateOnly = false;
  }
  r.skipTaggedFields();
  return { timeoutMs: _timeoutMs, featureUpdates: _featureUpdates, validateOnly: _validateOnly };
}

export function encodeUpdateFeaturesRequest(w: Writer, m: UpdateFeaturesRequest, v: number): void {
  w.int32(m.timeoutMs);
  {
    const _a = m.featureUpdates;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateFeaturesRequestFeatureUpdateKey(w, _e, v);
    }
  }
  if (v >= 1) {
    w.bool(m.validateOnly);
  }
  w.uvarint(0);
}

function decodeUpdateFeaturesRequestFeatureUpdateKey(
  r: Reader,
  v: number,
): UpdateFeaturesRequestFeatureUpdateKey {
  const _feature = r.compactString();
  const _maxVersionLevel = r.int16();
  let _allowDowngrade: boolean;
  if (v <= 0) {
    _allowDowngrade = r.bool();
  } else {
    _allowDowngrade = false;
  }
  let _upgradeType: number;
  if (v >= 1) {
    _upgradeType = r.int8();
  } else {
    _upgradeType = 1;
  }
  r.skipTaggedFields();
  return {
    feature: _feature,
    maxVersionLevel: _maxVersionLevel,
    allowDowngrade: _allowDowngrade,
    upgradeType: _upgradeType,
  };
}

function encodeUpdateFeaturesRequestFeatureUpdateKey(
  w: Writer,
  m: UpdateFeaturesRequestFeatureUpdateKey,
  v: number,
): void {
  w.compactString(m.feature);
  w.int16(m.maxVersionLevel);
  if (v <= 0) {
    w.bool(m.allowDowngrade);
  }
  if (v >= 1) {
    w.int8(m.upgradeType);
  }
  w.uvarint(0);
}

// UpdateFeaturesResponse: versions 0-2, flexible 0+, api key 57.

export interface UpdateFeaturesResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
  /** v0-1 */
  results: UpdateFeaturesResponseUpdatableFeatureResult[];
}

export interface UpdateFeaturesResponseUpdatableFeatureResult {
  /** v0+ */
  feature: string;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+ */
  errorMessage: string | null;
}

export function createUpdateFeaturesResponse(init?: Partial<UpdateFeaturesResponse>): UpdateFeaturesResponse {
  return { throttleTimeMs: 0, errorCode: 0, errorMessage: '', results: [], ...init };
}

export function createUpdateFeaturesResponseUpdatableFeatureResult(
  init?: Partial<UpdateFeaturesResponseUpdatableFeatureResult>,
): UpdateFeaturesResponseUpdatableFeatureResult {
  return { feature: '', errorCode: 0, errorMessage: '', ...init };
}

export function decodeUpdateFeaturesResponse(r: Reader, v: number): UpdateFeaturesResponse {
  const _throttleTimeMs = r.int32();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  let _results: UpdateFeaturesResponseUpdatableFeatureResult[];
  if (v <= 1) {
    const _n = r.compactArrayLength(1, false);
    const _a: UpdateFeaturesResponseUpdatableFeatureResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeUpdateFeaturesResponseUpdatableFeatureResult(r, v));
    }
    _results = _a;
  } else {
    _results = [];
  }
  r.skipTaggedFields();
  return {
    throttleTimeMs: _throttleTimeMs,
    errorCode: _errorCode,
    errorMessage: _errorMessage,
    results: _results,
  };
}

export function encodeUpdateFeaturesResponse(w: Writer, m: UpdateFeaturesResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  if (v <= 1) {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeUpdateFeaturesResponseUpdatableFeatureResult(w, _e, v);
    }
  }
  w.uvarint(0);
}

function decodeUpdateFeaturesResponseUpdatableFeatureResult(
  r: Reader,
  _v: number,
): UpdateFeaturesResponseUpdatableFeatureResult {
  const _feature = r.compactString();
  const _errorCode = r.int16();
  const _errorMessage = r.compactNullableString();
  r.skipTaggedFields();
  return { feature: _feature, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeUpdateFeaturesResponseUpdatableFeatureResult(
  w: Writer,
  m: UpdateFeaturesResponseUpdatableFeatureResult,
  _v: number,
): void {
  w.compactString(m.feature);
  w.int16(m.errorCode);
  w.compactNullableString(m.errorMessage);
  w.uvarint(0);
}
