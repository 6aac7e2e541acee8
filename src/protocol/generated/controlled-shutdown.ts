// Generated from ControlledShutdownRequest.json, ControlledShutdownResponse.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ControlledShutdownRequest: versions 0-3, flexible 3+, api key 7.

export interface ControlledShutdownRequest {
  /** v0+ */
  brokerId: number;
  /** v2+, default -1 */
  brokerEpoch: number;
}

export function createControlledShutdownRequest(
  init?: Partial<ControlledShutdownRequest>,
): ControlledShutdownRequest {
  return { brokerId: 0, brokerEpoch: -1, ...init };
}

export function decodeControlledShutdownRequest(r: Reader, v: number): ControlledShutdownRequest {
  const _brokerId = r.int32();
  let _brokerEpoch: number;
  if (v >= 2) {
    _brokerEpoch = r.int64();
  } else {
    _brokerEpoch = -1;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { brokerId: _brokerId, brokerEpoch: _brokerEpoch };
}

export function encodeControlledShutdownRequest(w: Writer, m: ControlledShutdownRequest, v: number): void {
  w.int32(m.brokerId);
  if (v >= 2) {
    w.int64(m.brokerEpoch);
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

// ControlledShutdownResponse: versions 0-3, flexible 3+, api key 7.

export interface ControlledShutdownResponse {
  /** v0+ */
  errorCode: number;
  /** v0+ */
  remainingPartitions: ControlledShutdownResponseRemainingPartition[];
}

export interface ControlledShutdownResponseRemainingPartition {
  /** v0+ */
  topicName: string;
  /** v0+ */
  partitionIndex: number;
}

export function createControlledShutdownResponse(
  init?: Partial<ControlledShutdownResponse>,
): ControlledShutdownResponse {
  return { errorCode: 0, remainingPartitions: [], ...init };
}

export function createControlledShutdownResponseRemainingPartition(
  init?: Partial<ControlledShutdownResponseRemainingPartition>,
): ControlledShutdownResponseRemainingPartition {
  return { topicName: '', partitionIndex: 0, ...init };
}

export function decodeControlledShutdownResponse(r: Reader, v: number): ControlledShutdownResponse {
  const _errorCode = r.int16();
  let _remainingPartitions: ControlledShutdownResponseRemainingPartition[];
  if (v <= 2) {
    const _n = r.arrayLength(1, false);
    const _a: ControlledShutdownResponseRemainingPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeControlledShutdownResponseRemainingPartition(r, v));
    }
    _remainingPartitions = _a;
  } else {
    const _n = r.compactArrayLength(1, false);
    const _a: ControlledShutdownResponseRemainingPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeControlledShutdownResponseRemainingPartition(r, v));
    }
    _remainingPartitions = _a;
  }
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { errorCode: _errorCode, remainingPartitions: _remainingPartitions };
}

export function encodeControlledShutdownResponse(w: Writer, m: ControlledShutdownResponse, v: number): void {
  w.int16(m.errorCode);
  if (v <= 2) {
    const _a = m.remainingPartitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeControlledShutdownResponseRemainingPartition(w, _e, v);
    }
  } else {
    const _a = m.remainingPartitions;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      encodeControlledShutdownResponseRemainingPartition(w, _e, v);
    }
  }
  if (v >= 3) {
    w.uvarint(0);
  }
}

function decodeControlledShutdownResponseRemainingPartition(
  r: Reader,
  v: number,
): ControlledShutdownResponseRemainingPartition {
  let _topicName: string;
  if (v <= 2) {
    _topicName = r.string();
  } else {
    _topicName = r.compactString();
  }
  const _partitionIndex = r.int32();
  if (v >= 3) {
    r.skipTaggedFields();
  }
  return { topicName: _topicName, partitionIndex: _partitionIndex };
}

function encodeControlledShutdownResponseRemainingPartition(
  w: Writer,
  m: ControlledShutdownResponseRemainingPartition,
  v: number,
): void {
  if (v <= 2) {
    w.string(m.topicName);
  } else {
    w.compactString(m.topicName);
  }
  w.int32(m.partitionIndex);
  if (v >= 3) {
    w.uvarint(0);
  }
}
