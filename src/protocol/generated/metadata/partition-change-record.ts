// Generated from PartitionChangeRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import { ZERO_UUID } from '../../reader.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// PartitionChangeRecord: versions 0-2, flexible 0+, api key 5.

export interface PartitionChangeRecord {
  /** v0+, default -1 */
  partitionId: number;
  /** v0+ */
  topicId: string;
  /** v0+, nullable v0+, tag 0 v0+, default null */
  isr: number[] | null;
  /** v0+, tag 1 v0+, default -2 */
  leader: number;
  /** v0+, nullable v0+, tag 2 v0+, default null */
  replicas: number[] | null;
  /** v0+, nullable v0+, tag 3 v0+, default null */
  removingReplicas: number[] | null;
  /** v0+, nullable v0+, tag 4 v0+, default null */
  addingReplicas: number[] | null;
  /** v0+, tag 5 v0+, default -1 */
  leaderRecoveryState: number;
  /** v1+, nullable v1+, tag 8 v1+, default null */
  directories: string[] | null;
  /** v2+, nullable v2+, tag 6 v2+, default null */
  eligibleLeaderReplicas: number[] | null;
  /** v2+, nullable v2+, tag 7 v2+, default null */
  lastKnownElr: number[] | null;
}

export function createPartitionChangeRecord(init?: Partial<PartitionChangeRecord>): PartitionChangeRecord {
  return {
    partitionId: -1,
    topicId: ZERO_UUID,
    isr: null,
    leader: -2,
    replicas: null,
    removingReplicas: null,
    addingReplicas: null,
    leaderRecoveryState: -1,
    directories: null,
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
    ...init,
  };
}

export function decodePartitionChangeRecord(r: Reader, v: number): PartitionChangeRecord {
  const _partitionId = r.int32();
  const _topicId = r.uuid();
  let _isr: number[] | null = null;
  let _leader: number = -2;
  let _replicas: number[] | null = null;
  let _removingReplicas: number[] | null = null;
  let _addingReplicas: number[] | null = null;
  let _leaderRecoveryState: number = -1;
  let _directories: string[] | null = null;
  let _eligibleLeaderReplicas: number[] | null = null;
  let _lastKnownElr: number[] | null = null;
  const _nt = r.taggedFieldCount();
  for (let _t = 0; _t < _nt && r.error === null; _t++) {
    const _tag = r.uvarint();
    const _end = r.beginTaggedField(r.uvarint());
    switch (_tag) {
      case 0: {
        const _n = r.compactArrayLength(4, true);
        if (_n < 0) _isr = null;
        else {
          const _a: number[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(r.int32());
          }
          _isr = _a;
        }
        break;
      }
      case 1: {
        _leader = r.int32();
        break;
      }
      case 2: {
        const _n = r.compactArrayLength(4, true);
        if (_n < 0) _replicas = null;
        else {
          const _a: number[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(r.int32());
          }
          _replicas = _a;
        }
        break;
      }
      case 3: {
        const _n = r.compactArrayLength(4, true);
        if (_n < 0) _removingReplicas = null;
        else {
          const _a: number[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(r.int32());
          }
          _removingReplicas = _a;
        }
        break;
      }
      case 4: {
        const _n = r.compactArrayLength(4, true);
        if (_n < 0) _addingReplicas = null;
        else {
          const _a: number[] = [];
          for (let _i = 0; _i < _n && r.error === null; _i++) {
            _a.push(r.int32());
          }
          _addingReplicas = _a;
        }
        break;
      }
      case 5: {
        _leaderRecoveryState = r.int8();
        break;
      }
      case 6: {
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
      case 7: {
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
      case 8: {
        if (v >= 1) {
          const _n = r.compactArrayLength(16, true);
          if (_n < 0) _directories = null;
          else {
            const _a: string[] = [];
            for (let _i = 0; _i < _n && r.error === null; _i++) {
              _a.push(r.uuid());
            }
            _directories = _a;
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
    isr: _isr,
    leader: _leader,
    replicas: _replicas,
    removingReplicas: _removingReplicas,
    addingReplicas: _addingReplicas,
    leaderRecoveryState: _leaderRecoveryState,
    directories: _directories,
    eligibleLeaderReplicas: _eligibleLeaderReplicas,
    lastKnownElr: _lastKnownElr,
  };
}

export function encodePartitionChangeRecord(w: Writer, m: PartitionChangeRecord, v: number): void {
  w.int32(m.partitionId);
  w.uuid(m.topicId);
  let _nt = 0;
  const _tisr = m.isr !== null;
  if (_tisr) _nt++;
  const _tleader = m.leader !== -2;
  if (_tleader) _nt++;
  const _treplicas = m.replicas !== null;
  if (_treplicas) _nt++;
  const _tremovingReplicas = m.removingReplicas !== null;
  if (_tremovingReplicas) _nt++;
  const _taddingReplicas = m.addingReplicas !== null;
  if (_taddingReplicas) _nt++;
  const _tleaderRecoveryState = m.leaderRecoveryState !== -1;
  if (_tleaderRecoveryState) _nt++;
  const _teligibleLeaderReplicas = v >= 2 && m.eligibleLeaderReplicas !== null;
  if (_teligibleLeaderReplicas) _nt++;
  const _tlastKnownElr = v >= 2 && m.lastKnownElr !== null;
  if (_tlastKnownElr) _nt++;
  const _tdirectories = v >= 1 && m.directories !== null;
  if (_tdirectories) _nt++;
  w.uvarint(_nt);
  if (_tisr) {
    const _mk = w.beginTaggedField(0);
    const _a = m.isr;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
    w.endTaggedField(_mk);
  }
  if (_tleader) {
    const _mk = w.beginTaggedField(1);
    w.int32(m.leader);
    w.endTaggedField(_mk);
  }
  if (_treplicas) {
    const _mk = w.beginTaggedField(2);
    const _a = m.replicas;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
    w.endTaggedField(_mk);
  }
  if (_tremovingReplicas) {
    const _mk = w.beginTaggedField(3);
    const _a = m.removingReplicas;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
    w.endTaggedField(_mk);
  }
  if (_taddingReplicas) {
    const _mk = w.beginTaggedField(4);
    const _a = m.addingReplicas;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.int32(_e);
      }
    }
    w.endTaggedField(_mk);
  }
  if (_tleaderRecoveryState) {
    const _mk = w.beginTaggedField(5);
    w.int8(m.leaderRecoveryState);
    w.endTaggedField(_mk);
  }
  if (_teligibleLeaderReplicas) {
    const _mk = w.beginTaggedField(6);
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
    const _mk = w.beginTaggedField(7);
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
  if (_tdirectories) {
    const _mk = w.beginTaggedField(8);
    const _a = m.directories;
    if (_a === null) w.compactArrayLength(-1);
    else {
      w.compactArrayLength(_a.length);
      for (const _e of _a) {
        w.uuid(_e);
      }
    }
    w.endTaggedField(_mk);
  }
}
