export * from './config.js';
export * from './membership.js';
export * from './messages.js';
export * from './socket-transport.js';
export { suspicionTimeout } from './suspicion.js';
