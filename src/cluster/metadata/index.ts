export * from './image.js';
export * from './records.js';
