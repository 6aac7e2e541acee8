// The classic group coordinator and the __consumer_offsets topic behind it.
export * from './clock.js';
export * from './config.js';
export * from './coordinator.js';
export * from './group.js';
export * from './offsets-topic.js';
export * from './records.js';
