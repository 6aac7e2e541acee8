// Generated from DescribeLogDirsRequest.json, DescribeLogDirsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// DescribeLogDirsRequest: versions 0-4, flexible 2+, api key 35.

export interface DescribeLogDirsRequest {
  /** v0+, nullable v0+ */
  topics: DescribeLogDirsRequestDescribableLogDirTopic[] | null;
}

export interface DescribeLogDirsRequestDescribableLogDirTopic {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitions: number[];
}

export function createDescribeLogDirsRequest(init?: Partial<DescribeLogDirsRequest>): DescribeLogDirsRequest {
  return { topics: [], ...init };
}

export function createDescribeLogDirsRequestDescribableLogDirTopic(
  init?: Partial<DescribeLogDirsRequestDescribableLogDirTopic>,
): DescribeLogDirsRequestDescribableLogDirTopic {
  return { topic: '', partitions: [], ...init };
}

export function decodeDescribeLogDirsRequest(r: Reader, v: number): DescribeLogDirsRequest {
  let _topics: DescribeLogDirsRequestDescribableLogDirTopic[] | null;
  if (v <= 1) {
    const _n = r.arrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: DescribeLogDirsRequestDescribableLogDirTopic[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeLogDirsRequestDescribableLogDirTopic(r, v));
      }
      _topics = _a;
    }
  } else {
    const _n = r.compactArrayLength(1, true);
    if (_n < 0) _topics = null;
    else {
      const _a: DescribeLogDirsRequestDescribableLogDirTopic[] = [];
      for (let _i = 0; _i < _n && r.error === null; _i++) {
        _a.push(decodeDescribeLogDirsRequestDescribableLogDirTopic(r, v));
      }
      _topics = _a;
    }
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topics: _topics };
}

export function encodeDescribeLogDirsRequest(w: Writer, m: DescribeLogDirsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.topics;
    if (_a === null) w.arrayLength(-1);
    else {
      w.arrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeLogDirsRequestDescribableLogDirTopic(w, _e, v);
      }
    }
  } else {
    const _a = m.topics;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        encodeDescribeLogDirsRequestDescribableLogDirTopic(w, _e, v);
      }
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeLogDirsRequestDescribableLogDirTopic(
  r: Reader,
  v: number,
): DescribeLogDirsRequestDescribableLogDirTopic {
  let _topic: string;
  if (v <= 1) {
    _topic = r.string();
  } else {
    _topic = r.compactString();
  }
  let _partitions: number[];
  if (v <= 1) {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topic: _topic, partitions: _partitions };
}

function encodeDescribeLogDirsRequestDescribableLogDirTopic(
  w: Writer,
  m: DescribeLogDirsRequestDescribableLogDirTopic,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.topic);
  } else {
    w.compactString(m.topic);
  }
  if (v <= 1) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

// DescribeLogDirsResponse: versions 0-4, flexible 2+, api key 35.

export interface DescribeLogDirsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v3+ */
  errorCode: number;
  /** v0+ */
  results: DescribeLogDirsResponseDescribeLogDirsResult[];
}

export interface DescribeLogDirsResponseDescribeLogDirsResult {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  logDir: string;
  /** v0+ */
  topics: DescribeLogDirsResponseDescribeLogDirsTopic[];
  /** v4+, default -1 */
  totalBytes: number;
  /** v4+, default -1 */
  usableBytes: number;
}

export interface DescribeLogDirsResponseDescribeLogDirsTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: DescribeLogDirsResponseDescribeLogDirsPartition[];
}

export interface DescribeLogDirsResponseDescribeLogDirsPartition {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  partitionSize: number;
  /** v0+ */
  offsetLag: number;
  /** v0+ */
  isFutureKey: boolean;
}

export function createDescribeLogDirsResponse(
  init?: Partial<DescribeLogDirsResponse>,
): DescribeLogDirsResponse {
  return { throttleTimeMs: 0, errorCode: 0, results: [], ...init };
}

export function createDescribeLogDirsResponseDescribeLogDirsResult(
  init?: Partial<DescribeLogDirsResponseDescribeLogDirsResult>,
): DescribeLogDirsResponseDescribeLogDirsResult {
  return { errorCode: 0, logDir: '', topics: [], totalBytes: -1, usableBytes: -1, ...init };
}

export function createDescribeLogDirsResponseDescribeLogDirsTopic(
  init?: Partial<DescribeLogDirsResponseDescribeLogDirsTopic>,
): DescribeLogDirsResponseDescribeLogDirsTopic {
  return { name: '', partitions: [], ...init };
}

export function createDescribeLogDirsResponseDescribeLogDirsPartition(
  init?: Partial<DescribeLogDirsResponseDescribeLogDirsPartition>,
): DescribeLogDirsResponseDescribeLogDirsPartition {
  return { partitionIndex: 0, partitionSize: 0, offsetLag: 0, isFutureKey: false, ...init };
}

export function decodeDescribeLogDirsResponse(r: Reader, v: number): DescribeLogDirsResponse {
  const _throttleTimeMs = r.int32();
  let _errorCode: number;
  if (v >= 3) {
    _errorCode = r.int16();
  } else {
    _errorCode = 0;
  }
  let _results: DescribeLogDirsResponseDescribeLogDirsResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeLogDirsResponseDescribeLogDirsResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeLogDirsResponseDescribeLogDirsResult(r, v));
    }
    _results = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeLogDirsResponseDescribeLogDirsResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeLogDirsResponseDescribeLogDirsResult(r, v));
    }
    _results = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, errorCode: _errorCode, results: _results };
}

export function encodeDescribeLogDirsResponse(w: Writer, m: DescribeLogDirsResponse, v: number): void {
  w.int32(m.throttleTimeMs);
  if (v >= 3) {
    w.int16(m.errorCode);
  }
  if (v <= 1) {
    const _a = m.results;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeLogDirsResponseDescribeLogDirsResult(w, _e, v);
    }
  } else {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeLogDirsResponseDescribeLogDirsResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeLogDirsResponseDescribeLogDirsResult(
  r: Reader,
  v: number,
): DescribeLogDirsResponseDescribeLogDirsResult {
  const _errorCode = r.int16();
  let _logDir: string;
  if (v <= 1) {
    _logDir = r.string();
  } else {
    _logDir = r.compactString();
  }
  let _topics: DescribeLogDirsResponseDescribeLogDirsTopic[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeLogDirsResponseDescribeLogDirsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeLogDirsResponseDescribeLogDirsTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeLogDirsResponseDescribeLogDirsTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeLogDirsResponseDescribeLogDirsTopic(r, v));
    }
    _topics = _a;
  }
  let _totalBytes: number;
  if (v >= 4) {
    _totalBytes = r.int64();
  } else {
    _totalBytes = -1;
  }
  let _usableBytes: number;
  if (v >= 4) {
    _usableBytes = r.int64();
  } else {
    _usableBytes = -1;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    errorCode: _errorCode,
    logDir: _logDir,
    topics: _topics,
    totalBytes: _totalBytes,
    usableBytes: _usableBytes,
  };
}

function encodeDescribeLogDirsResponseDescribeLogDirsResult(
  w: Writer,
  m: DescribeLogDirsResponseDescribeLogDirsResult,
  v: number,
): void {
  w.int16(m.errorCode);
  if (v <= 1) {
    w.string(m.logDir);
  } else {
    w.compactString(m.logDir);
  }
  if (v <= 1) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeLogDirsResponseDescribeLogDirsTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeLogDirsResponseDescribeLogDirsTopic(w, _e, v);
    }
  }
  if (v >= 4) {
    w.int64(m.totalBytes);
  }
  if (v >= 4) {
    w.int64(m.usableBytes);
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeLogDirsResponseDescribeLogDirsTopic(
  r: Reader,
  v: number,
): DescribeLogDirsResponseDescribeLogDirsTopic {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
  }
  let _partitions: DescribeLogDirsResponseDescribeLogDirsPartition[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: DescribeLogDirsResponseDescribeLogDirsPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeLogDirsResponseDescribeLogDirsPartition(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: DescribeLogDirsResponseDescribeLogDirsPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeDescribeLogDirsResponseDescribeLogDirsPartition(r, v));
    }
    _partitions = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { name: _name, partitions: _partitions };
}

function encodeDescribeLogDirsResponseDescribeLogDirsTopic(
  w: Writer,
  m: DescribeLogDirsResponseDescribeLogDirsTopic,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.name);
  } else {
    w.compactString(m.name);
  }
  if (v <= 1) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeLogDirsResponseDescribeLogDirsPartition(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeDescribeLogDirsResponseDescribeLogDirsPartition(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeDescribeLogDirsResponseDescribeLogDirsPartition(
  r: Reader,
  v: number,
): DescribeLogDirsResponseDescribeLogDirsPartition {
  const _partitionIndex = r.int32();
  const _partitionSize = r.int64();
  const _offsetLag = r.int64();
  const _isFutureKey = r.bool();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return {
    partitionIndex: _partitionIndex,
    partitionSize: _partitionSize,
    offsetLag: _offsetLag,
    isFutureKey: _isFutureKey,
  };
}

function encodeDescribeLogDirsResponseDescribeLogDirsPartition(
  w: Writer,
  m: DescribeLogDirsResponseDescribeLogDirsPartition,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int64(m.partitionSize);
  w.int64(m.offsetLag);
  w.bool(m.isFutureKey);
  if (v >= 2) {
    w.uvarint(0);
  }
}
