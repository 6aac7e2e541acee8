// Generated from PartitionRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// PartitionRecord: versions 0-2, flexible 0+, api key 3.

export interface PartitionRecord {
  /** v0+, default -1 */
  partitionId: number;
  /** v0+ */
  topicId: string;
  /** v0+ */
  replicas: number[];
  /** v0+ */
  isr: number[];
  /** v0+ */
  removingReplicas: number[];
  /** v0+ */
  addingReplicas: number[];
  /** v0+, default -1 */
  leader: number;
  /** v0+, tag 0 v0+, default 0 */
  leaderRecoveryState: number;
  /** v0+, default -1 */
  leaderEpoch: number;
  /** v0+, default -1 */
  partitionEpoch: number;
  /** v1+ */
  directories: string[];
  /** v2+, nullable v2+, tag 1 v2+, default null */
  eligibleLeaderReplicas: number[] | null;
  /** v2+, nullable v2+, tag 2 v2+, default null */
  lastKnownElr: number[] | null;
}

export function createPartitionRecord(init?: Partial<PartitionRecord>): PartitionRecord {
  return {
    partitionId: -1,
    topicId: ZERO_UUID,
    replicas: [],
    isr: [],
    removingReplicas: [],
    addingReplicas: [],
    leader: -1,
    leaderRecoveryState: 0,
    leaderEpoch: -1,
    partitionEpoch: -1,
    directories: [],
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
    ...init,
  };
}

export function decodePartitionRecord(r: Reader, v: number): PartitionRecord {
  const _partitionId = r.int32();
  const _topicId = r.uuid();
  let _replicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _replicas = _a;
  }
  let _isr: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _isr = _a;
  }
  let _removingReplicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _removingReplicas = _a;
  }
  let _addingReplicas: number[];
  {
    const _n = r.compactArrayLength(4, false);
    const _a: number[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.int32());
    }
    _addingReplicas = _a;
  }
  const _leader = r.int32();
  let _leaderRecoveryState: number = 0;
  const _leaderEpoch = r.int32();
  const _partitionEpoch = r.int32();
  let _directories: string[];
  if (v >= 1) {
    const _n = r.compactArrayLength(16, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.uuid());
    }
    _directories = _a;
  } else {
    _directories = [];
  }
  let _eligibleLeaderReplicas: number[] | null = null;
  let _lastKnownElr: number[] | null = null;
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        _leaderRecoveryState = r.int8();
        break;
      }
      case 1: {
        if (v >= 2) {
          const _n = r.compactArrayLength(4, true);
          if (_n < 0) _eligibleLeaderReplicas = null;
          else {
            const _a: number[] = [];
            for (let _i = 0; _i < _n && r.error === null; _i++) {
              _a.push(r.int32());
            }
            _eligibleLeaderReplicas = _a;
          }
        }
        break;
      }
      case 2: {
        if (v >= 2) {
          const _n = r.compactArrayLength(4, true);
          if (_n < 0) _lastKnownElr = null;
          else {
            const _a: number[] = [];
            for (let _i = 0; _i < _n && r.error === null; _i++) {
              _a.push(r.int32());
            }
            _lastKnownElr = _a;
          }
        }
        break;
      }
    }
    r.endTaggedField(_end);
  }
  return {
    partitionId: _partitionId,
    topicId: _topicId,
    replicas: _replicas,
    isr: _isr,
    removingReplicas: _removingReplicas,
    addingReplicas: _addingReplicas,
    leader: _leader,
    leaderRecoveryState: _leaderRecoveryState,
    leaderEpoch: _leaderEpoch,
    partitionEpoch: _partitionEpoch,
    directories: _directories,
    eligibleLeaderReplicas: _eligibleLeaderReplicas,
    lastKnownElr: _lastKnownElr,
  };
}

export function encodePartitionRecord(w: Writer, m: PartitionRecord, v: number): void {
  w.int32(m.partitionId);
  w.uuid(m.topicId);
  {
    const _a = m.replicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.isr;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.removingReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  {
    const _a = m.addingReplicas;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.int32(_e);
    }
  }
  w.int32(m.leader);
  w.int32(m.leaderEpoch);
  w.int32(m.partitionEpoch);
  if (v >= 1) {
    const _a = m.directories;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.uuid(_e);
    }
  }
  let _nt = 0;
  const _tleaderRecoveryState = m.leaderRecoveryState !== 0;
  if (_tleaderRecoveryState) _nt++;
  const _teligibleLeaderReplicas = v >= 2 && m.eligibleLeaderReplicas !== null;
  if (_teligibleLeaderReplicas) _nt++;
  const _tlastKnownElr = v >= 2 && m.lastKnownElr !== null;
  if (_tlastKnownElr) _nt++;
  w.uvarint(_nt);
  if (_tleaderRecoveryState) {
    const _mk = w.beginTaggedField(0);
    w.int8(m.leaderRecoveryState);
    w.endTaggedField(_mk);
  }
  if (_teligibleLeaderReplicas) {
    const _mk = w.beginTaggedField(1);
    const _a = m.eligibleLeaderReplicas;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
    w.endTaggedField(_mk);
  }
  if (_tlastKnownElr) {
    const _mk = w.beginTaggedField(2);
    const _a = m.lastKnownElr;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
    w.endTaggedField(_mk);
  }
}
