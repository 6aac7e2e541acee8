// Runnel's Kafka client: producer, consumer (assigned partitions or a group member) and admin.

export {
  Admin,
  type NewTopic,
  type OffsetSpec,
  type PartitionDescription,
  type TopicDescription,
} from './admin.js';
export type { AclBinding, AclFilter } from './admin-acls.js';
export {
  type AlterConfigsResult,
  type ConfigEntryDescription,
  type ConfigOperation,
  type ConfigResource,
  ConfigResourceType,
  ConfigSource,
  type ResourceConfigs,
} from './admin-configs.js';
export type { ElectionResult, ElectionType } from './admin-elections.js';
export type {
  GroupDescription,
  GroupMemberDescription,
  GroupOverview,
  PartitionOffsetAndLag,
  TopicOffsets,
} from './admin-groups.js';
export type {
  ActiveProducer,
  LogDirDescription,
  LogDirPartition,
  PartitionProducers,
} from './admin-logs.js';
export type { QuorumInfo, QuorumReplica, RaftVoterListener } from './admin-quorum.js';
export type { OngoingReassignment, PartitionReassignment } from './admin-reassignments.js';
export {
  DEFAULT_SCRAM_ITERATIONS,
  type ScramAlteration,
  type ScramMechanismOption,
  type ScramUserDescription,
} from './admin-scram.js';
export type {
  AbortTransactionSpec,
  ListTransactionsOptions,
  TransactionDescription,
  TransactionListing,
} from './admin-transactions.js';
export {
  type Assignor,
  type AssignorName,
  BUILTIN_ASSIGNORS,
  compareMembers,
  cooperativeStickyAssignor,
  type GroupMember,
  type RebalanceProtocol,
  rangeAssignor,
  roundRobinAssignor,
} from './assignors.js';
export type { Bytes, HeaderEntry, RecordHeaders } from './batch-builder.js';
export { RecordBatchBuilder } from './batch-builder.js';
export { Client } from './client.js';
export type { BrokerInfo, ClientLogger, ClientOptions, PartitionInfo, TopicInfo } from './cluster.js';
export {
  type CompressionCodec,
  type CompressionName,
  CompressionType,
  registerCodec,
} from './compression.js';
export { CLIENT_VERSIONS, Connection, type ConnectionOptions } from './connection.js';
export {
  Consumer,
  type ConsumerBatch,
  type ConsumerCrash,
  type ConsumerOptions,
  type EachBatch,
  type OffsetAndTimestamp,
  type OffsetResetPolicy,
  type TopicPartition,
} from './consumer.js';
export {
  type Assignment,
  CONSUMER_PROTOCOL_TYPE,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  type Subscription,
} from './consumer-protocol.js';
export { ClientError, ErrorCode, errorName, KafkaError } from './errors.js';
export {
  type EachMessage,
  GroupConsumer,
  type GroupConsumerOptions,
  type RebalanceListener,
} from './group-consumer.js';
export type { OffsetToCommit } from './group-coordinator.js';
export { murmur2, murmur2Key, partitionForKey, toPositive } from './murmur2.js';
export {
  type Partitioner,
  Producer,
  type ProducerOptions,
  type ProducerRecord,
  type RecordMetadata,
} from './producer.js';
export {
  type AbortedTransaction,
  type ConsumerRecord,
  type RecordHeader,
  readRecords,
} from './record-reader.js';
export type { SaslOptions } from './sasl.js';
export {
  type ConsumerGroupMetadata,
  isFatalTransactionError,
  type TransactionState,
} from './transactions.js';
