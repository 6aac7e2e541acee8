// The group coordinator (entry points, routing per __consumer_offsets partition), the per-partition group
// state behind it, and the __consumer_offsets topic it is stored in.
export * from './clock.js';
export * from './config.js';
export * from './coordinator.js';
export * from './group.js';
export * from './membership.js';
export * from './metadata-manager.js';
export * from './offsets.js';
export * from './offsets-topic.js';
export * from './records.js';
