// The gossip wire format. Kafka has no gossip protocol, so these messages are Runnel's own, encoded with the
// protocol layer's Reader/Writer (big-endian, compact strings). Every datagram starts with a version byte
// and a type byte; a compound message carries several messages in one datagram. Decoding never throws: a
// malformed message decodes to null and is dropped. Version 2 added each member's opaque meta (a
// length-prefixed field, so what it holds can change without touching this codec) and the cluster label.
import { Buffer } from 'node:buffer';
import { Reader } from '../../protocol/reader.js';
import { Writer } from '../../protocol/writer.js';

export const GOSSIP_VERSION = 2;

export const MessageType = {
  Ping: 1,
  IndirectPing: 2,
  Ack: 3,
  Nack: 4,
  Alive: 5,
  Suspect: 6,
  Dead: 7,
  Compound: 8,
  PushPull: 9,
  /** A cluster id, then one whole message: how a member that belongs to a cluster sends everything. */
  Labeled: 10,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export type MemberState = 'alive' | 'suspect' | 'dead' | 'left';
const STATES: readonly MemberState[] = ['alive', 'suspect', 'dead', 'left'];

/** What a member says about itself: fixed for the life of a process. */
export interface MemberInfo {
  nodeId: number;
  /** Where its gossip (datagrams and streams) goes, "host:port". */
  address: string;
  /** Its Kafka listener, for clients and other brokers. */
  clientHost: string;
  clientPort: number;
  rack: string | null;
  /** A metadata quorum voter. */
  voter: boolean;
}

/** A member's identity and facts as of one incarnation. */
export interface AliveMessage extends MemberInfo {
  type: typeof MessageType.Alive;
  incarnation: number;
  /** Opaque to membership (what the cluster layer publishes); changes with the incarnation. */
  meta: Uint8Array;
}

export interface PingMessage {
  type: typeof MessageType.Ping;
  seq: number;
  /** The node the ping is meant for: a different node now at that address ignores it. */
  targetId: number;
  sourceId: number;
  sourceAddress: string;
}

export interface IndirectPingMessage {
  type: typeof MessageType.IndirectPing;
  seq: number;
  targetId: number;
  targetAddress: string;
  /** The asker wants a nack if the target does not answer (Lifeguard). */
  nack: boolean;
  sourceId: number;
  sourceAddress: string;
}

export interface AckMessage {
  type: typeof MessageType.Ack;
  seq: number;
}

export interface NackMessage {
  type: typeof MessageType.Nack;
  seq: number;
}

export interface SuspectMessage {
  type: typeof MessageType.Suspect;
  incarnation: number;
  nodeId: number;
  /** Who suspects: independent confirmations shorten the suspicion. */
  from: number;
}

/** Declares a member dead; from === nodeId means it left on purpose. */
export interface DeadMessage {
  type: typeof MessageType.Dead;
  incarnation: number;
  nodeId: number;
  from: number;
}

export interface CompoundMessage {
  type: typeof MessageType.Compound;
  /** Each part is one encoded message (version byte included). */
  parts: Uint8Array[];
}

export interface MemberSnapshot extends MemberInfo {
  incarnation: number;
  state: MemberState;
  meta: Uint8Array;
}

/** A full-state exchange over a stream: the sender's whole member table. */
export interface PushPullMessage {
  type: typeof MessageType.PushPull;
  /** An answer to a push-pull (not to be answered again). */
  reply: boolean;
  /** Where the answer goes: a stream's source port says nothing of the sender's gossip address. */
  sourceAddress: string;
  members: MemberSnapshot[];
}

export type GossipMessage =
  | PingMessage
  | IndirectPingMessage
  | AckMessage
  | NackMessage
  | AliveMessage
  | SuspectMessage
  | DeadMessage
  | CompoundMessage
  | PushPullMessage;

/** Longest host, address or rack string accepted (bytes). */
export const MAX_NAME_BYTES = 255;
/** Most parts in one compound message. */
export const MAX_COMPOUND_PARTS = 255;
/** Longest cluster id a packet may be labelled with (bytes). */
export const MAX_CLUSTER_ID_BYTES = 64;
/** Longest meta the codec carries (bytes); the configured limit (maxMetaBytes) is usually far lower. */
export const MAX_META_BYTES_ENCODABLE = 65_535;

function writeInfo(w: Writer, m: MemberInfo): void {
  w.int32(m.nodeId);
  w.compactString(m.address);
  w.compactString(m.clientHost);
  w.uint16(m.clientPort);
  w.compactNullableString(m.rack);
  w.int8(m.voter ? 1 : 0);
}

function readInfo(r: Reader): MemberInfo {
  const nodeId = r.int32();
  const address = r.compactString();
  const clientHost = r.compactString();
  const clientPort = r.uint16();
  const rack = r.compactNullableString();
  const flags = r.uint8();
  if (flags > 1) r.fail(`unknown member flags ${flags}`);
  return { nodeId, address, clientHost, clientPort, rack, voter: flags === 1 };
}

function writeBody(w: Writer, m: GossipMessage): void {
  w.int8(m.type);
  switch (m.type) {
    case MessageType.Ping:
      w.uint32(m.seq);
      w.int32(m.targetId);
      w.int32(m.sourceId);
      w.compactString(m.sourceAddress);
      return;
    case MessageType.IndirectPing:
      w.uint32(m.seq);
      w.int32(m.targetId);
      w.compactString(m.targetAddress);
      w.int8(m.nack ? 1 : 0);
      w.int32(m.sourceId);
      w.compactString(m.sourceAddress);
      return;
    case MessageType.Ack:
    case MessageType.Nack:
      w.uint32(m.seq);
      return;
    case MessageType.Alive:
      w.uint32(m.incarnation);
      writeInfo(w, m);
      w.compactBytes(m.meta);
      return;
    case MessageType.Suspect:
    case MessageType.Dead:
      w.uint32(m.incarnation);
      w.int32(m.nodeId);
      w.int32(m.from);
      return;
    case MessageType.Compound:
      w.int8(m.parts.length);
      for (const p of m.parts) w.compactBytes(p);
      return;
    case MessageType.PushPull:
      w.int8(m.reply ? 1 : 0);
      w.compactString(m.sourceAddress);
      w.uvarint(m.members.length);
      for (const s of m.members) {
        writeInfo(w, s);
        w.uint32(s.incarnation);
        w.int8(STATES.indexOf(s.state));
        w.compactBytes(s.meta);
      }
      return;
  }
}

/** Checks what the encoder cannot: bounded names and part counts. Null when encodable, else why not. */
function encodeProblem(m: GossipMessage): string | null {
  const long = (s: string | null) => s !== null && Buffer.byteLength(s) > MAX_NAME_BYTES;
  const infoProblem = (i: MemberInfo & { meta: Uint8Array }) =>
    long(i.address) || long(i.clientHost) || long(i.rack)
      ? 'a name is longer than 255 bytes'
      : i.meta.length > MAX_META_BYTES_ENCODABLE
        ? 'meta too long'
        : null;
  switch (m.type) {
    case MessageType.Ping:
      return long(m.sourceAddress) ? 'address too long' : null;
    case MessageType.IndirectPing:
      return long(m.sourceAddress) || long(m.targetAddress) ? 'address too long' : null;
    case MessageType.Alive:
      return infoProblem(m);
    case MessageType.Compound:
      return m.parts.length > MAX_COMPOUND_PARTS ? `more than ${MAX_COMPOUND_PARTS} parts` : null;
    case MessageType.PushPull:
      if (long(m.sourceAddress)) return 'address too long';
      for (const s of m.members) {
        const p = infoProblem(s);
        if (p !== null) return p;
      }
      return null;
    default:
      return null;
  }
}

/** Encodes one message with its version byte. Throws RangeError on an unencodable message (a bug). */
export function encodeMessage(m: GossipMessage): Buffer {
  const problem = encodeProblem(m);
  if (problem !== null) throw new RangeError(`cannot encode gossip message ${m.type}: ${problem}`);
  const w = new Writer();
  w.int8(GOSSIP_VERSION);
  writeBody(w, m);
  if (w.error !== null) throw new RangeError(`cannot encode gossip message ${m.type}: ${w.error}`);
  return w.finish();
}

/** Decodes one message; null when it is malformed, of another version, or has bytes left over. */
export function decodeMessage(bytes: Uint8Array): GossipMessage | null {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf);
  if (r.uint8() !== GOSSIP_VERSION) return null;
  const m = readBody(r);
  if (m === null || !r.ok || r.remaining !== 0) return null;
  return m;
}

function readBody(r: Reader): GossipMessage | null {
  const type = r.uint8();
  switch (type) {
    case MessageType.Ping:
      return {
        type,
        seq: r.uint32(),
        targetId: r.int32(),
        sourceId: r.int32(),
        sourceAddress: r.compactString(),
      };
    case MessageType.IndirectPing: {
      const seq = r.uint32();
      const targetId = r.int32();
      const targetAddress = r.compactString();
      const nack = r.uint8();
      if (nack > 1) return null;
      return {
        type,
        seq,
        targetId,
        targetAddress,
        nack: nack === 1,
        sourceId: r.int32(),
        sourceAddress: r.compactString(),
      };
    }
    case MessageType.Ack:
    case MessageType.Nack:
      return { type, seq: r.uint32() };
    case MessageType.Alive: {
      const incarnation = r.uint32();
      const info = readInfo(r);
      return { type, incarnation, ...info, meta: copyBytes(r.compactBytes()) };
    }
    case MessageType.Suspect:
    case MessageType.Dead:
      return { type, incarnation: r.uint32(), nodeId: r.int32(), from: r.int32() };
    case MessageType.Compound: {
      const n = r.uint8();
      const parts: Uint8Array[] = [];
      for (let i = 0; i < n && r.ok; i++) parts.push(r.compactBytes());
      return { type, parts };
    }
    case MessageType.PushPull: {
      const reply = r.uint8();
      if (reply > 1) return null;
      const sourceAddress = r.compactString();
      const n = r.uvarint();
      // Each member takes at least 13 bytes: a count beyond what is left is a lie.
      if (n > r.remaining / 13) return null;
      const members: MemberSnapshot[] = [];
      for (let i = 0; i < n && r.ok; i++) {
        const info = readInfo(r);
        const incarnation = r.uint32();
        const state = STATES[r.uint8()];
        if (state === undefined) return null;
        members.push({ ...info, incarnation, state, meta: copyBytes(r.compactBytes()) });
      }
      return { type, reply: reply === 1, sourceAddress, members };
    }
    default:
      return null;
  }
}

/** A member's meta outlives the datagram it came in: it gets its own bytes. */
function copyBytes(b: Uint8Array): Uint8Array {
  return Uint8Array.from(b);
}

/**
 * Wraps one encoded message (or compound) in a cluster label, as memberlist labels its packets: a member
 * of another cluster drops it unread. Throws RangeError on a label over MAX_CLUSTER_ID_BYTES (a bug).
 */
export function labelPacket(clusterId: string, packet: Uint8Array): Buffer {
  if (clusterId === '' || Buffer.byteLength(clusterId) > MAX_CLUSTER_ID_BYTES)
    throw new RangeError(
      `cluster id ${JSON.stringify(clusterId)} is empty or over ${MAX_CLUSTER_ID_BYTES} bytes`,
    );
  const w = new Writer();
  w.int8(GOSSIP_VERSION);
  w.int8(MessageType.Labeled);
  w.compactString(clusterId);
  w.raw(packet);
  return w.finish();
}

/** Bytes labelPacket adds in front of a packet. */
export function labelOverhead(clusterId: string): number {
  return 3 + Buffer.byteLength(clusterId);
}

/**
 * Splits a packet into its cluster label (null when unlabelled) and the message inside; null when the label
 * is malformed. The inner bytes are not decoded here.
 */
export function unlabelPacket(bytes: Uint8Array): { clusterId: string | null; inner: Uint8Array } | null {
  if (bytes.length < 2 || bytes[0] !== GOSSIP_VERSION || bytes[1] !== MessageType.Labeled)
    return { clusterId: null, inner: bytes };
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf.subarray(2));
  const clusterId = r.compactString();
  if (!r.ok || clusterId === '' || Buffer.byteLength(clusterId) > MAX_CLUSTER_ID_BYTES) return null;
  return { clusterId, inner: buf.subarray(2 + r.offset) };
}
