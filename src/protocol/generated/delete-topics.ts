// Generated from DeleteTopicsRequest.json, DeleteTopicsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../reader.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DeleteTopicsRequest: versions 0-6, flexible 4+, api key 20.

export interface DeleteTopicsRequest {
  /** v6+ */
  topics: DeleteTopicsRequestDeleteTopicState[];
  /** v0-5 */
  topicNames: string[];
  /** v0+ */
  timeoutMs: number;
}

export interface DeleteTopicsRequestDeleteTopicState {
  /** v6+, nullable v6+, default null */
  name: string | null;
  /** v6+ */
  topicId: string;
}

export function createDeleteTopicsRequest(init?: Partial<DeleteTopicsRequest>): DeleteTopicsRequest {
  return { topics: [], topicNames: [], timeoutMs: 0, ...init };
}

export function createDeleteTopicsRequestDeleteTopicState(
  init?: Partial<DeleteTopicsRequestDeleteTopicState>,
): DeleteTopicsRequestDeleteTopicState {
  return { name: null, topicId: ZERO_UUID, ...init };
}

export function decodeDeleteTopicsRequest(r: Reader, v: number): DeleteTopicsRequest {
  let _topics: DeleteTopicsRequestDeleteTopicState[];
  if (v >= 6) {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteTopicsRequestDeleteTopicState[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteTopicsRequestDeleteTopicState(r, v));
    }
    _topics = _a;
  } else {
    _topics = [];
  }
  let _topicNames: string[];
  if (v <= 3) {
    const _n = r.arrayLength(2, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.string());
    }
    _topicNames = _a;
  } else if (v >= 4 && v <= 5) {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _topicNames = _a;
  } else {
    _topicNames = [];
  }
  const _timeoutMs = r.int32();
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { topics: _topics, topicNames: _topicNames, timeoutMs: _timeoutMs };
}

export function encodeDeleteTopicsRequest(w: Writer, m: DeleteTopicsRequest, v: number): void {
  if (v >= 6) {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteTopicsRequestDeleteTopicState(w, _e, v);
    }
  }
  if (v <= 3) {
    const _a = m.topicNames;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.string(_e);
    }
  } else if (v >= 4 && v <= 5) {
    const _a = m.topicNames;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  w.int32(m.timeoutMs);
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeDeleteTopicsRequestDeleteTopicState(
  r: Reader,
  _v: number,
): DeleteTopicsRequestDeleteTopicState {
  const _name = r.compactNullableString();
  const _topicId = r.uuid();
  r.skipTaggedFields();
  return { name: _name, topicId: _topicId };
}

function encodeDeleteTopicsRequestDeleteTopicState(
  w: Writer,
  m: DeleteTopicsRequestDeleteTopicState,
  _v: number,
): void {
  w.compactNullableString(m.name);
  w.uuid(m.topicId);
  w.uvarint(0);
}

// DeleteTopicsResponse: versions 0-6, flexible 4+, api key 20.

export interface DeleteTopicsResponse {
  /** v1+ */
  throttleTimeMs: number;
  /** v0+ */
  responses: DeleteTopicsResponseDeletableTopicResult[];
}

export interface DeleteTopicsResponseDeletableTopicResult {
  /** v0+, nullable v6+ */
  name: string | null;
  /** v6+ */
  topicId: string;
  /** v0+ */
  errorCode: number;
  /** v5+, nullable v5+, default null */
  errorMessage: string | null;
}

export function createDeleteTopicsResponse(init?: Partial<DeleteTopicsResponse>): DeleteTopicsResponse {
  return { throttleTimeMs: 0, responses: [], ...init };
}

export function createDeleteTopicsResponseDeletableTopicResult(
  init?: Partial<DeleteTopicsResponseDeletableTopicResult>,
): DeleteTopicsResponseDeletableTopicResult {
  return { name: '', topicId: ZERO_UUID, errorCode: 0, errorMessage: null, ...init };
}

export function decodeDeleteTopicsResponse(r: Reader, v: number): DeleteTopicsResponse {
  let _throttleTimeMs: number;
  if (v >= 1) {
    _throttleTimeMs = r.int32();
  } else {
    _throttleTimeMs = 0;
  }
  let _responses: DeleteTopicsResponseDeletableTopicResult[];
  if (v <= 3) {
    const _n = r.arrayLength(1, false);
    const _a: DeleteTopicsResponseDeletableTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteTopicsResponseDeletableTopicResult(r, v));
    }
    _responses = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DeleteTopicsResponseDeletableTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDeleteTopicsResponseDeletableTopicResult(r, v));
    }
    _responses = _a;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, responses: _responses };
}

export function encodeDeleteTopicsResponse(w: Writer, m: DeleteTopicsResponse, v: number): void {
  if (v >= 1) {
    w.int32(m.throttleTimeMs);
  }
  if (v <= 3) {
    const _a = m.responses;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteTopicsResponseDeletableTopicResult(w, _e, v);
    }
  } else {
    const _a = m.responses;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDeleteTopicsResponseDeletableTopicResult(w, _e, v);
    }
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}

function decodeDeleteTopicsResponseDeletableTopicResult(
  r: Reader,
  v: number,
): DeleteTopicsResponseDeletableTopicResult {
  let _name: string | null;
  if (v <= 3) {
    _name = r.string();
  } else if (v >= 4 && v <= 5) {
    _name = r.compactString();
  } else {
    _name = r.compactNullableString();
  }
  let _topicId: string;
  if (v >= 6) {
    _topicId = r.uuid();
  } else {
    _topicId = ZERO_UUID;
  }
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v >= 5) {
    _errorMessage = r.compactNullableString();
  } else {
    _errorMessage = null;
  }
  if (v >= 4) {
    r.skipTaggedFields();
  }
  return { name: _name, topicId: _topicId, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeDeleteTopicsResponseDeletableTopicResult(
  w: Writer,
  m: DeleteTopicsResponseDeletableTopicResult,
  v: number,
): void {
  if (v <= 3) {
    w.string(m.name ?? '');
  } else if (v >= 4 && v <= 5) {
    w.compactString(m.name ?? '');
  } else {
    w.compactNullableString(m.name);
  }
  if (v >= 6) {
    w.uuid(m.topicId);
  }
  w.int16(m.errorCode);
  if (v >= 5) {
    w.compactNullableString(m.errorMessage);
  }
  if (v >= 4) {
    w.uvarint(0);
  }
}
