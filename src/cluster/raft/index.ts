export * from './config.js';
export * from './log.js';
export * from './messages.js';
export * from './partition-raft-log.js';
export * from './quorum-state.js';
export * from './raft.js';
export * from './snapshot.js';
