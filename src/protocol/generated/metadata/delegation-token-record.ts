// Generated from DelegationTokenRecord.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';

// DelegationTokenRecord: versions 0, flexible 0+, api key 10.

export interface DelegationTokenRecord {
  /** v0+ */
  owner: string;
  /** v0+ */
  requester: string;
  /** v0+ */
  renewers: string[];
  /** v0+ */
  issueTimestamp: number;
  /** v0+ */
  maxTimestamp: number;
  /** v0+ */
  expirationTimestamp: number;
  /** v0+ */
  tokenId: string;
}

export function createDelegationTokenRecord(init?: Partial<DelegationTokenRecord>): DelegationTokenRecord {
  return {
    owner: '',
    requester: '',
    renewers: [],
    issueTimestamp: 0,
    maxTimestamp: 0,
    expirationTimestamp: 0,
    tokenId: '',
    ...init,
  };
}

export function decodeDelegationTokenRecord(r: Reader, _v: number): DelegationTokenRecord {
  const _owner = r.compactString();
  const _requester = r.compactString();
  let _renewers: string[];
  {
    const _n = r.compactArrayLength(1, false);
    const _a: string[] = [];
    for (let _i = 0; _i < _n && r.error === null; _i++) {
      _a.push(r.compactString());
    }
    _renewers = _a;
  }
  const _issueTimestamp = r.int64();
  const _maxTimestamp = r.int64();
  const _expirationTimestamp = r.int64();
  const _tokenId = r.compactString();
  r.skipTaggedFields();
  return {
    owner: _owner,
    requester: _requester,
    renewers: _renewers,
    issueTimestamp: _issueTimestamp,
    maxTimestamp: _maxTimestamp,
    expirationTimestamp: _expirationTimestamp,
    tokenId: _tokenId,
  };
}

export function encodeDelegationTokenRecord(w: Writer, m: DelegationTokenRecord, _v: number): void {
  w.compactString(m.owner);
  w.compactString(m.requester);
  {
    const _a = m.renewers;
    w.compactArrayLength(_a.length);
    for (const _e of _a) {
      w.compactString(_e);
    }
  }
  w.int64(m.issueTimestamp);
  w.int64(m.maxTimestamp);
  w.int64(m.expirationTimestamp);
  w.compactString(m.tokenId);
  w.uvarint(0);
}
