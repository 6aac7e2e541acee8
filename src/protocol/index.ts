// The Kafka wire protocol: primitives, headers, and the codecs generated from Kafka's message JSON.
export * from './errors.js';
export * from './generated/index.js';
export * from './header.js';
export * from './list-offsets.js';
export * from './reader.js';
export * from './record-batch.js';
export * from './uuid.js';
export * from './writer.js';
