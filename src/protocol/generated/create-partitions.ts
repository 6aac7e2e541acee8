// Generated from CreatePartitionsRequest.json, CreatePartitionsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// CreatePartitionsRequest: versions 0-3, flexible 2+, api key 37.

export interface CreatePartitionsRequest {
  /** v0+ */
  topics: CreatePartitionsRequestCreatePartitionsTopic[];
  /** v0+ */
  timeoutMs: number;
  /** v0+ */
  validateOnly: boolean;
}

export interface CreatePartitionsRequestCreatePartitionsTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  count: number;
  /** v0+, nullable v0+ */
  assignments: CreatePartitionsRequestCreatePartitionsAssignment[] | null;
}

export interface CreatePartitionsRequestCreatePartitionsAssignment {
  /** v0+ */
  brokerIds: number[];
}

export function createCreatePartitionsRequest(
  init?: Partial<CreatePartitionsRequest>,
): CreatePartitionsRequest {
  return { topics: [], timeoutMs: 0, validateOnly: false, ...init };
}

export function createCreatePartitionsRequestCreatePartitionsTopic(
  init?: Partial<CreatePartitionsRequestCreatePartitionsTopic>,
): CreatePartitionsRequestCreatePartitionsTopic {
  return { name: '', count: 0, assignments: [], ...init };
}

export function createCreatePartitionsRequestCreatePartitionsAssignment(
  init?: Partial<CreatePartitionsRequestCreatePartitionsAssignment>,
): CreatePartitionsRequestCreatePartitionsAssignment {
  return { brokerIds: [], ...init };
}

export function decodeCreatePartitionsRequest(r: Reader, v: number): CreatePartitionsRequest {
  let _topics: CreatePartitionsRequestCreatePartitionsTopic[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: CreatePartitionsRequestCreatePartitionsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreatePartitionsRequestCreatePartitionsTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreatePartitionsRequestCreatePartitionsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreatePartitionsRequestCreatePartitionsTopic(r, v));
    }
    _topics = _a;
  }
  const _timeoutMs = r.int32();
  const _validateOnly = r.bool();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topics: _topics, timeoutMs: _timeoutMs, validateOnly: _validateOnly };
}

export function encodeCreatePartitionsRequest(w: Writer, m: CreatePartitionsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreatePartitionsRequestCreatePartitionsTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreatePartitionsRequestCreatePartitionsTopic(w, _e, v);
    }
  }
  w.int32(m.timeoutMs);
  w.bool(m.validateOnly);
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeCreatePartitionsRequestCreatePartitionsTopic(
  r: Reader,
  v: number,
): CreatePartitionsRequestCreatePartitionsTopic {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  const _count = r.int32();
  let _assignments: CreatePartitionsRequestCreatePartitionsAssignment[] | null;
  if (v <= 1) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _assignments = null;
    else {
      const _a: CreatePartitionsRequestCreatePartitionsAssignment[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeCreatePartitionsRequestCreatePartitionsAssignment(r, v));
      }
      _assignments = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _assignments = null;
    else {
      const _a: CreatePartitionsRequestCreatePartitionsAssignment[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeCreatePartitionsRequestCreatePartitionsAssignment(r, v));
      }
      _assignments = _a;
    }
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, count: _count, assignments: _assignments };
}

function encodeCreatePartitionsRequestCreatePartitionsTopic(
  w: Writer,
  m: CreatePartitionsRequestCreatePartitionsTopic,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  w.int32(m.count);
  if (v <= 1) {
    const _a = m.assignments;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeCreatePartitionsRequestCreatePartitionsAssignment(w, _e, v);
      }
    }
  } else {
    const _a = m.assignments;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeCreatePartitionsRequestCreatePartitionsAssignment(w, _e, v);
      }
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeCreatePartitionsRequestCreatePartitionsAssignment(
  r: Reader,
  v: number,
): CreatePartitionsRequestCreatePartitionsAssignment {
  let _brokerIds: number[];
  if (v <= 1) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _brokerIds = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _brokerIds = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { brokerIds: _brokerIds };
}

function encodeCreatePartitionsRequestCreatePartitionsAssignment(
  w: Writer,
  m: CreatePartitionsRequestCreatePartitionsAssignment,
  v: number,
): void {
  if (v <= 1) {
    const _a = m.brokerIds;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.brokerIds;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// CreatePartitionsResponse: versions 0-3, flexible 2+, api key 37.

export interface CreatePartitionsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  results: CreatePartitionsResponseCreatePartitionsTopicResult[];
}

export interface CreatePartitionsResponseCreatePartitionsTopicResult {
  /** v0+ */
  name: string;
  /** v0+ */
  errorCode: number;
  /** v0+, nullable v0+, default null */
  errorMessage: string | null;
}

export function createCreatePartitionsResponse(
  init?: Partial<CreatePartitionsResponse>,
): CreatePartitionsResponse {
  return { throttleTimeMs: 0, results: [], ...init };
}

export function createCreatePartitionsResponseCreatePartitionsTopicResult(
  init?: Partial<CreatePartitionsResponseCreatePartitionsTopicResult>,
): CreatePartitionsResponseCreatePartitionsTopicResult {
  return { name: '', errorCode: 0, errorMessage: null, ...init };
}

export function decodeCreatePartitionsResponse(r: Reader, v: number): CreatePartitionsResponse {
  const _throttleTimeMs = r.int32();
  let _results: CreatePartitionsResponseCreatePartitionsTopicResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: CreatePartitionsResponseCreatePartitionsTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreatePartitionsResponseCreatePartitionsTopicResult(r, v));
    }
    _results = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: CreatePartitionsResponseCreatePartitionsTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeCreatePartitionsResponseCreatePartitionsTopicResult(r, v));
    }
    _results = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, results: _results };
}

export function encodeCreatePartitionsResponse(w: Writer, m: CreatePartitionsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.results;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeCreatePartitionsResponseCreatePartitionsTopicResult(w, _e, v);
    }
  } else {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeCreatePartitionsResponseCreatePartitionsTopicResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeCreatePartitionsResponseCreatePartitionsTopicResult(
  r: Reader,
  v: number,
): CreatePartitionsResponseCreatePartitionsTopicResult {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  const _errorCode = r.int16();
  let _errorMessage: string | null;
  if (v <= 1) {
    _errorMessage = r.nullableString();
  } else {
    _errorMessage = r.compactNullableString();
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, errorCode: _errorCode, errorMessage: _errorMessage };
}

function encodeCreatePartitionsResponseCreatePartitionsTopicResult(
  w: Writer,
  m: CreatePartitionsResponseCreatePartitionsTopicResult,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  w.int16(m.errorCode);
  if (v <= 1) {
    w.nullableString(m.errorMessage);
  } else {
    w.compactNullableString(m.errorMessage);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}
