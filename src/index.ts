export * from './protocol/errors.js';
