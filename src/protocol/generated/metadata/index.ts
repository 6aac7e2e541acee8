// Generated from the metadata directory by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
export * from './abort-transaction-record.js';
export * from './access-control-entry-record.js';
export * from './begin-transaction-record.js';
export * from './broker-registration-change-record.js';
export * from './client-quota-record.js';
export * from './config-record.js';
export * from './delegation-token-record.js';
export * from './end-transaction-record.js';
export * from './feature-level-record.js';
export * from './fence-broker-record.js';
export * from './no-op-record.js';
export * from './partition-change-record.js';
export * from './partition-record.js';
export * from './producer-ids-record.js';
export * from './record-types.js';
export * from './register-broker-record.js';
export * from './register-controller-record.js';
export * from './remove-access-control-entry-record.js';
export * from './remove-delegation-token-record.js';
export * from './remove-topic-record.js';
export * from './remove-user-scram-credential-record.js';
export * from './topic-record.js';
export * from './unfence-broker-record.js';
export * from './unregister-broker-record.js';
export * from './user-scram-credential-record.js';
export * from './zk-migration-state-record.js';
