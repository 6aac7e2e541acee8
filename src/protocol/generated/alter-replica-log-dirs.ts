// Generated from AlterReplicaLogDirsRequest.json, AlterReplicaLogDirsResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// AlterReplicaLogDirsRequest: versions 0-2, flexible 2+, api key 34.

export interface AlterReplicaLogDirsRequest {
  /** v0+ */
  dirs: AlterReplicaLogDirsRequestAlterReplicaLogDir[];
}

export interface AlterReplicaLogDirsRequestAlterReplicaLogDir {
  /** v0+ */
  path: string;
  /** v0+ */
  topics: AlterReplicaLogDirsRequestAlterReplicaLogDirTopic[];
}

export interface AlterReplicaLogDirsRequestAlterReplicaLogDirTopic {
  /** v0+ */
  name: string;
  /** v0+ */
  partitions: number[];
}

export function createAlterReplicaLogDirsRequest(
  init?: Partial<AlterReplicaLogDirsRequest>,
): AlterReplicaLogDirsRequest {
  return { dirs: [], ...init };
}

export function createAlterReplicaLogDirsRequestAlterReplicaLogDir(
  init?: Partial<AlterReplicaLogDirsRequestAlterReplicaLogDir>,
): AlterReplicaLogDirsRequestAlterReplicaLogDir {
  return { path: '', topics: [], ...init };
}

export function createAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(
  init?: Partial<AlterReplicaLogDirsRequestAlterReplicaLogDirTopic>,
): AlterReplicaLogDirsRequestAlterReplicaLogDirTopic {
  return { name: '', partitions: [], ...init };
}

export function decodeAlterReplicaLogDirsRequest(r: Reader, v: number): AlterReplicaLogDirsRequest {
  let _dirs: AlterReplicaLogDirsRequestAlterReplicaLogDir[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterReplicaLogDirsRequestAlterReplicaLogDir[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsRequestAlterReplicaLogDir(r, v));
    }
    _dirs = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterReplicaLogDirsRequestAlterReplicaLogDir[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsRequestAlterReplicaLogDir(r, v));
    }
    _dirs = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { dirs: _dirs };
}

export function encodeAlterReplicaLogDirsRequest(w: Writer, m: AlterReplicaLogDirsRequest, v: number): void {
  if (v <= 1) {
    const _a = m.dirs;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsRequestAlterReplicaLogDir(w, _e, v);
    }
  } else {
    const _a = m.dirs;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsRequestAlterReplicaLogDir(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterReplicaLogDirsRequestAlterReplicaLogDir(
  r: Reader,
  v: number,
): AlterReplicaLogDirsRequestAlterReplicaLogDir {
  let _path: string;
  if (v <= 1) {
    _path = r.string();
  } else {
    _path = r.compactString();
  }
  let _topics: AlterReplicaLogDirsRequestAlterReplicaLogDirTopic[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterReplicaLogDirsRequestAlterReplicaLogDirTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(r, v));
    }
    _topics = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterReplicaLogDirsRequestAlterReplicaLogDirTopic[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(r, v));
    }
    _topics = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { path: _path, topics: _topics };
}

function encodeAlterReplicaLogDirsRequestAlterReplicaLogDir(
  w: Writer,
  m: AlterReplicaLogDirsRequestAlterReplicaLogDir,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.path);
  } else {
    w.compactString(m.path);
  }
  if (v <= 1) {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(w, _e, v);
    }
  } else {
    const _a = m.topics;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(
  r: Reader,
  v: number,
): AlterReplicaLogDirsRequestAlterReplicaLogDirTopic {
  let _name: string;
  if (v <= 1) {
    _name = r.string();
  } else {
    _name = r.compactString();
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
  return { name: _name, partitions: _partitions };
}

function encodeAlterReplicaLogDirsRequestAlterReplicaLogDirTopic(
  w: Writer,
  m: AlterReplicaLogDirsRequestAlterReplicaLogDirTopic,
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

// AlterReplicaLogDirsResponse: versions 0-2, flexible 2+, api key 34.

export interface AlterReplicaLogDirsResponse {
  /** v0+ */
  throttleTimeMs: number;
  /** v0+ */
  results: AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult[];
}

export interface AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitions: AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult[];
}

export interface AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult {
  /** v0+ */
  partitionIndex: number;
  /** v0+ */
  errorCode: number;
}

export function createAlterReplicaLogDirsResponse(
  init?: Partial<AlterReplicaLogDirsResponse>,
): AlterReplicaLogDirsResponse {
  return { throttleTimeMs: 0, results: [], ...init };
}

export function createAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(
  init?: Partial<AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult>,
): AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult {
  return { topicName: '', partitions: [], ...init };
}

export function createAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(
  init?: Partial<AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult>,
): AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult {
  return { partitionIndex: 0, errorCode: 0, ...init };
}

export function decodeAlterReplicaLogDirsResponse(r: Reader, v: number): AlterReplicaLogDirsResponse {
  const _throttleTimeMs = r.int32();
  let _results: AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(r, v));
    }
    _results = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(r, v));
    }
    _results = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { throttleTimeMs: _throttleTimeMs, results: _results };
}

export function encodeAlterReplicaLogDirsResponse(
  w: Writer,
  m: AlterReplicaLogDirsResponse,
  v: number,
): void {
  w.int32(m.throttleTimeMs);
  if (v <= 1) {
    const _a = m.results;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(w, _e, v);
    }
  } else {
    const _a = m.results;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(
  r: Reader,
  v: number,
): AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult {
  let _topicName: string;
  if (v <= 1) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  let _partitions: AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult[];
  if (v <= 1) {
    const _n = r.arrayLength(1, false);
    const _a: AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(r, v));
    }
    _partitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(r, v));
    }
    _partitions = _a;
  }
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitions: _partitions };
}

function encodeAlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult(
  w: Writer,
  m: AlterReplicaLogDirsResponseAlterReplicaLogDirTopicResult,
  v: number,
): void {
  if (v <= 1) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  if (v <= 1) {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(w, _e, v);
    }
  } else {
    const _a = m.partitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(w, _e, v);
    }
  }
  if (v >= 2) {
    w.uvarint(0);
  }
}

function decodeAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(
  r: Reader,
  v: number,
): AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult {
  const _partitionIndex = r.int32();
  const _errorCode = r.int16();
  if (v >= 2) {
    r.skipTaggedFields();
  }
  return { partitionIndex: _partitionIndex, errorCode: _errorCode };
}

function encodeAlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult(
  w: Writer,
  m: AlterReplicaLogDirsResponseAlterReplicaLogDirPartitionResult,
  v: number,
): void {
  w.int32(m.partitionIndex);
  w.int16(m.errorCode);
  if (v >= 2) {
    w.uvarint(0);
  }
}
