// Generated from ConsumerProtocolAssignment.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ConsumerProtocolAssignment: versions 0-3, flexible none.

export interface ConsumerProtocolAssignment {
  /** v0+ */
  assignedPartitions: ConsumerProtocolAssignmentTopicPartition[];
  /** v0+, nullable v0+, default null */
  userData: Buffer | null;
}

export interface ConsumerProtocolAssignmentTopicPartition {
  /** v0+ */
  topic: string;
  /** v0+ */
  partitions: number[];
}

export function createConsumerProtocolAssignment(
  init?: Partial<ConsumerProtocolAssignment>,
): ConsumerProtocolAssignment {
  return { assignedPartitions: [], userData: null, ...init };
}

export function createConsumerProtocolAssignmentTopicPartition(
  init?: Partial<ConsumerProtocolAssignmentTopicPartition>,
): ConsumerProtocolAssignmentTopicPartition {
  return { topic: '', partitions: [], ...init };
}

export function decodeConsumerProtocolAssignment(r: Reader, v: number): ConsumerProtocolAssignment {
  let _assignedPartitions: ConsumerProtocolAssignmentTopicPartition[];
  {
    const _n = r.arrayLength(1, false);
    const _a: ConsumerProtocolAssignmentTopicPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeConsumerProtocolAssignmentTopicPartition(r, v));
    }
    _assignedPartitions = _a;
  }
  const _userData = r.nullableBytes();
  return { assignedPartitions: _assignedPartitions, userData: _userData };
}

export function encodeConsumerProtocolAssignment(w: Writer, m: ConsumerProtocolAssignment, v: number): void {
  {
    const _a = m.assignedPartitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeConsumerProtocolAssignmentTopicPartition(w, _e, v);
    }
  }
  w.nullableBytes(m.userData);
}

function decodeConsumerProtocolAssignmentTopicPartition(
  r: Reader,
  _v: number,
): ConsumerProtocolAssignmentTopicPartition {
  const _topic = r.string();
  let _partitions: number[];
  {
    const _n = r.arrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _partitions = _a;
  }
  return { topic: _topic, partitions: _partitions };
}

function encodeConsumerProtocolAssignmentTopicPartition(
  w: Writer,
  m: ConsumerProtocolAssignmentTopicPartition,
  _v: number,
): void {
  w.string(m.topic);
  {
    const _a = m.partitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
}
