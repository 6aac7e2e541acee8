// Generated from ConsumerProtocolSubscription.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Buffer } from 'node:buffer';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

// ConsumerProtocolSubscription: versions 0-3, flexible none.

export interface ConsumerProtocolSubscription {
  /** v0+ */
  topics: string[];
  /** v0+, nullable v0+, default null */
  userData: Buffer | null;
  /** v1+ */
  ownedPartitions: ConsumerProtocolSubscriptionTopicPartition[];
  /** v2+, default -1 */
  generationId: number;
  /** v3+, nullable v3+, default null */
  rackId: string | null;
}

export interface ConsumerProtocolSubscriptionTopicPartition {
  /** v1+ */
  topic: string;
  /** v1+ */
  partitions: number[];
}

export function createConsumerProtocolSubscription(
  init?: Partial<ConsumerProtocolSubscription>,
): ConsumerProtocolSubscription {
  return { topics: [], userData: null, ownedPartitions: [], generationId: -1, rackId: null, ...init };
}

export function createConsumerProtocolSubscriptionTopicPartition(
  init?: Partial<ConsumerProtocolSubscriptionTopicPartition>,
): ConsumerProtocolSubscriptionTopicPartition {
  return { topic: '', partitions: [], ...init };
}

export function decodeConsumerProtocolSubscription(r: Reader, v: number): ConsumerProtocolSubscription {
  let _topics: string[];
  {
    const _n = r.arrayLength(2, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.string());
    }
    _topics = _a;
  }
  const _userData = r.nullableBytes();
  let _ownedPartitions: ConsumerProtocolSubscriptionTopicPartition[];
  if (v >= 1) {
    const _n = r.arrayLength(1, false);
    const _a: ConsumerProtocolSubscriptionTopicPartition[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(decodeConsumerProtocolSubscriptionTopicPartition(r, v));
    }
    _ownedPartitions = _a;
  } else {
    _ownedPartitions = [];
  }
  let _generationId: number;
  if (v >= 2) {
    _generationId = r.int32();
  } else {
    _generationId = -1;
  }
  let _rackId: string | null;
  if (v >= 3) {
    _rackId = r.nullableString();
  } else {
    _rackId = null;
  }
  return {
    topics: _topics,
    userData: _userData,
    ownedPartitions: _ownedPartitions,
    generationId: _generationId,
    rackId: _rackId,
  };
}

export function encodeConsumerProtocolSubscription(
  w: Writer,
  m: ConsumerProtocolSubscription,
  v: number,
): void {
  {
    const _a = m.topics;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      w.string(_e);
    }
  }
  w.nullableBytes(m.userData);
  if (v >= 1) {
    const _a = m.ownedPartitions;
    w.arrayLength(_a.length);
    for (const _e of _a) {
      encodeConsumerProtocolSubscriptionTopicPartition(w, _e, v);
    }
  }
  if (v >= 2) {
    w.int32(m.generationId);
  }
  if (v >= 3) {
    w.nullableString(m.rackId);
  }
}

function decodeConsumerProtocolSubscriptionTopicPartition(
  r: Reader,
  _v: number,
): ConsumerProtocolSubscriptionTopicPartition {
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

function encodeConsumerProtocolSubscriptionTopicPartition(
  w: Writer,
  m: ConsumerProtocolSubscriptionTopicPartition,
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
