// How the group handlers reach the coordinator through the broker context, whatever else it carries.
import { Buffer } from 'node:buffer';
import type { BrokerContext } from '../handler.js';
import { GroupCoordinator } from './coordinator.js';

/** The broker context with its group coordinator (the broker sets `groups` once the coordinator exists). */
export interface GroupsContext {
  readonly groups?: GroupCoordinator;
}

/** The coordinator serving this broker's groups, or null when there is none (answer COORDINATOR_NOT_AVAILABLE). */
export function groupsOf(ctx: BrokerContext): GroupCoordinator | null {
  const groups = (ctx as BrokerContext & GroupsContext).groups;
  return groups instanceof GroupCoordinator ? groups : null;
}

/** A Buffer view of the same bytes (the generated codecs want Buffers), never a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
