export * from './broker-lifecycle.js';
export * from './controller.js';
export * from './controller-channel.js';
export * from './controller-rpc.js';
export * from './image.js';
export * from './quorum-controller.js';
export * from './records.js';
export * from './snapshot.js';
