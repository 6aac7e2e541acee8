export * from './controller.js';
export * from './image.js';
export * from './records.js';
