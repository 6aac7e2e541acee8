export { Broker, type BrokerOptions } from './broker/broker.js';
export { FetchPurgatory } from './broker/fetch-purgatory.js';
export { type ApiHandler, type BrokerContext, defineHandler } from './broker/handler.js';
export { HANDLERS } from './broker/handlers/index.js';
export { loadOrCreateMeta, META_PROPERTIES, type MetaProperties } from './broker/meta.js';
export * from './client/index.js';
export { type BrokerConfig, ConfigError, defaultConfig, parseArgs } from './config.js';
export * from './protocol/errors.js';
