export * from './config.js';
export * from './membership.js';
export * from './messages.js';
export { suspicionTimeout } from './suspicion.js';
