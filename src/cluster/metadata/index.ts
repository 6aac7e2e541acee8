export * from './controller.js';
export * from './image.js';
export * from './quorum-controller.js';
export * from './records.js';
export * from './snapshot.js';
