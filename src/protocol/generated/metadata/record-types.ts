// Generated from metadata/*.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import {
  decodeAbortTransactionRecord,
  encodeAbortTransactionRecord,
  type AbortTransactionRecord,
} from './abort-transaction-record.js';
import {
  decodeAccessControlEntryRecord,
  encodeAccessControlEntryRecord,
  type AccessControlEntryRecord,
} from './access-control-entry-record.js';
import {
  decodeBeginTransactionRecord,
  encodeBeginTransactionRecord,
  type BeginTransactionRecord,
} from './begin-transaction-record.js';
import {
  decodeBrokerRegistrationChangeRecord,
  encodeBrokerRegistrationChangeRecord,
  type BrokerRegistrationChangeRecord,
} from './broker-registration-change-record.js';
import {
  decodeClientQuotaRecord,
  encodeClientQuotaRecord,
  type ClientQuotaRecord,
} from './client-quota-record.js';
import { decodeConfigRecord, encodeConfigRecord, type ConfigRecord } from './config-record.js';
import {
  decodeDelegationTokenRecord,
  encodeDelegationTokenRecord,
  type DelegationTokenRecord,
} from './delegation-token-record.js';
import {
  decodeEndTransactionRecord,
  encodeEndTransactionRecord,
  type EndTransactionRecord,
} from './end-transaction-record.js';
import {
  decodeFeatureLevelRecord,
  encodeFeatureLevelRecord,
  type FeatureLevelRecord,
} from './feature-level-record.js';
import {
  decodeFenceBrokerRecord,
  encodeFenceBrokerRecord,
  type FenceBrokerRecord,
} from './fence-broker-record.js';
import { decodeNoOpRecord, encodeNoOpRecord, type NoOpRecord } from './no-op-record.js';
import {
  decodePartitionChangeRecord,
  encodePartitionChangeRecord,
  type PartitionChangeRecord,
} from './partition-change-record.js';
import { decodePartitionRecord, encodePartitionRecord, type PartitionRecord } from './partition-record.js';
import {
  decodeProducerIdsRecord,
  encodeProducerIdsRecord,
  type ProducerIdsRecord,
} from './producer-ids-record.js';
import {
  decodeRegisterBrokerRecord,
  encodeRegisterBrokerRecord,
  type RegisterBrokerRecord,
} from './register-broker-record.js';
import {
  decodeRegisterControllerRecord,
  encodeRegisterControllerRecord,
  type RegisterControllerRecord,
} from './register-controller-record.js';
import {
  decodeRemoveAccessControlEntryRecord,
  encodeRemoveAccessControlEntryRecord,
  type RemoveAccessControlEntryRecord,
} from './remove-access-control-entry-record.js';
import {
  decodeRemoveDelegationTokenRecord,
  encodeRemoveDelegationTokenRecord,
  type RemoveDelegationTokenRecord,
} from './remove-delegation-token-record.js';
import {
  decodeRemoveTopicRecord,
  encodeRemoveTopicRecord,
  type RemoveTopicRecord,
} from './remove-topic-record.js';
import {
  decodeRemoveUserScramCredentialRecord,
  encodeRemoveUserScramCredentialRecord,
  type RemoveUserScramCredentialRecord,
} from './remove-user-scram-credential-record.js';
import { decodeTopicRecord, encodeTopicRecord, type TopicRecord } from './topic-record.js';
import {
  decodeUnfenceBrokerRecord,
  encodeUnfenceBrokerRecord,
  type UnfenceBrokerRecord,
} from './unfence-broker-record.js';
import {
  decodeUnregisterBrokerRecord,
  encodeUnregisterBrokerRecord,
  type UnregisterBrokerRecord,
} from './unregister-broker-record.js';
import {
  decodeUserScramCredentialRecord,
  encodeUserScramCredentialRecord,
  type UserScramCredentialRecord,
} from './user-scram-credential-record.js';
import {
  decodeZkMigrationStateRecord,
  encodeZkMigrationStateRecord,
  type ZkMigrationStateRecord,
} from './zk-migration-state-record.js';

/** Metadata record types (the api key of each record schema) by name. */
export const MetadataRecordType = {
  RegisterBrokerRecord: 0,
  UnregisterBrokerRecord: 1,
  TopicRecord: 2,
  PartitionRecord: 3,
  ConfigRecord: 4,
  PartitionChangeRecord: 5,
  FenceBrokerRecord: 7,
  UnfenceBrokerRecord: 8,
  RemoveTopicRecord: 9,
  DelegationTokenRecord: 10,
  UserScramCredentialRecord: 11,
  FeatureLevelRecord: 12,
  ClientQuotaRecord: 14,
  ProducerIdsRecord: 15,
  BrokerRegistrationChangeRecord: 17,
  AccessControlEntryRecord: 18,
  RemoveAccessControlEntryRecord: 19,
  NoOpRecord: 20,
  ZkMigrationStateRecord: 21,
  RemoveUserScramCredentialRecord: 22,
  BeginTransactionRecord: 23,
  EndTransactionRecord: 24,
  AbortTransactionRecord: 25,
  RemoveDelegationTokenRecord: 26,
  RegisterControllerRecord: 27,
} as const;

/** Codec and version range of one metadata record type. */
export interface MetadataRecordCodec<T = unknown> {
  readonly type: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  decode(r: Reader, version: number): T;
  encode(w: Writer, msg: T, version: number): void;
}

export const RegisterBrokerRecordCodec: MetadataRecordCodec<RegisterBrokerRecord> = {
  type: 0,
  name: 'RegisterBrokerRecord',
  minVersion: 0,
  maxVersion: 3,
  decode: decodeRegisterBrokerRecord,
  encode: encodeRegisterBrokerRecord,
};

export const UnregisterBrokerRecordCodec: MetadataRecordCodec<UnregisterBrokerRecord> = {
  type: 1,
  name: 'UnregisterBrokerRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeUnregisterBrokerRecord,
  encode: encodeUnregisterBrokerRecord,
};

export const TopicRecordCodec: MetadataRecordCodec<TopicRecord> = {
  type: 2,
  name: 'TopicRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeTopicRecord,
  encode: encodeTopicRecord,
};

export const PartitionRecordCodec: MetadataRecordCodec<PartitionRecord> = {
  type: 3,
  name: 'PartitionRecord',
  minVersion: 0,
  maxVersion: 2,
  decode: decodePartitionRecord,
  encode: encodePartitionRecord,
};

export const ConfigRecordCodec: MetadataRecordCodec<ConfigRecord> = {
  type: 4,
  name: 'ConfigRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeConfigRecord,
  encode: encodeConfigRecord,
};

export const PartitionChangeRecordCodec: MetadataRecordCodec<PartitionChangeRecord> = {
  type: 5,
  name: 'PartitionChangeRecord',
  minVersion: 0,
  maxVersion: 2,
  decode: decodePartitionChangeRecord,
  encode: encodePartitionChangeRecord,
};

export const FenceBrokerRecordCodec: MetadataRecordCodec<FenceBrokerRecord> = {
  type: 7,
  name: 'FenceBrokerRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeFenceBrokerRecord,
  encode: encodeFenceBrokerRecord,
};

export const UnfenceBrokerRecordCodec: MetadataRecordCodec<UnfenceBrokerRecord> = {
  type: 8,
  name: 'UnfenceBrokerRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeUnfenceBrokerRecord,
  encode: encodeUnfenceBrokerRecord,
};

export const RemoveTopicRecordCodec: MetadataRecordCodec<RemoveTopicRecord> = {
  type: 9,
  name: 'RemoveTopicRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeRemoveTopicRecord,
  encode: encodeRemoveTopicRecord,
};

export const DelegationTokenRecordCodec: MetadataRecordCodec<DelegationTokenRecord> = {
  type: 10,
  name: 'DelegationTokenRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeDelegationTokenRecord,
  encode: encodeDelegationTokenRecord,
};

export const UserScramCredentialRecordCodec: MetadataRecordCodec<UserScramCredentialRecord> = {
  type: 11,
  name: 'UserScramCredentialRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeUserScramCredentialRecord,
  encode: encodeUserScramCredentialRecord,
};

export const FeatureLevelRecordCodec: MetadataRecordCodec<FeatureLevelRecord> = {
  type: 12,
  name: 'FeatureLevelRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeFeatureLevelRecord,
  encode: encodeFeatureLevelRecord,
};

export const ClientQuotaRecordCodec: MetadataRecordCodec<ClientQuotaRecord> = {
  type: 14,
  name: 'ClientQuotaRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeClientQuotaRecord,
  encode: encodeClientQuotaRecord,
};

export const ProducerIdsRecordCodec: MetadataRecordCodec<ProducerIdsRecord> = {
  type: 15,
  name: 'ProducerIdsRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeProducerIdsRecord,
  encode: encodeProducerIdsRecord,
};

export const BrokerRegistrationChangeRecordCodec: MetadataRecordCodec<BrokerRegistrationChangeRecord> = {
  type: 17,
  name: 'BrokerRegistrationChangeRecord',
  minVersion: 0,
  maxVersion: 2,
  decode: decodeBrokerRegistrationChangeRecord,
  encode: encodeBrokerRegistrationChangeRecord,
};

export const AccessControlEntryRecordCodec: MetadataRecordCodec<AccessControlEntryRecord> = {
  type: 18,
  name: 'AccessControlEntryRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeAccessControlEntryRecord,
  encode: encodeAccessControlEntryRecord,
};

export const RemoveAccessControlEntryRecordCodec: MetadataRecordCodec<RemoveAccessControlEntryRecord> = {
  type: 19,
  name: 'RemoveAccessControlEntryRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeRemoveAccessControlEntryRecord,
  encode: encodeRemoveAccessControlEntryRecord,
};

export const NoOpRecordCodec: MetadataRecordCodec<NoOpRecord> = {
  type: 20,
  name: 'NoOpRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeNoOpRecord,
  encode: encodeNoOpRecord,
};

export const ZkMigrationStateRecordCodec: MetadataRecordCodec<ZkMigrationStateRecord> = {
  type: 21,
  name: 'ZkMigrationStateRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeZkMigrationStateRecord,
  encode: encodeZkMigrationStateRecord,
};

export const RemoveUserScramCredentialRecordCodec: MetadataRecordCodec<RemoveUserScramCredentialRecord> = {
  type: 22,
  name: 'RemoveUserScramCredentialRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeRemoveUserScramCredentialRecord,
  encode: encodeRemoveUserScramCredentialRecord,
};

export const BeginTransactionRecordCodec: MetadataRecordCodec<BeginTransactionRecord> = {
  type: 23,
  name: 'BeginTransactionRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeBeginTransactionRecord,
  encode: encodeBeginTransactionRecord,
};

export const EndTransactionRecordCodec: MetadataRecordCodec<EndTransactionRecord> = {
  type: 24,
  name: 'EndTransactionRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeEndTransactionRecord,
  encode: encodeEndTransactionRecord,
};

export const AbortTransactionRecordCodec: MetadataRecordCodec<AbortTransactionRecord> = {
  type: 25,
  name: 'AbortTransactionRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeAbortTransactionRecord,
  encode: encodeAbortTransactionRecord,
};

export const RemoveDelegationTokenRecordCodec: MetadataRecordCodec<RemoveDelegationTokenRecord> = {
  type: 26,
  name: 'RemoveDelegationTokenRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeRemoveDelegationTokenRecord,
  encode: encodeRemoveDelegationTokenRecord,
};

export const RegisterControllerRecordCodec: MetadataRecordCodec<RegisterControllerRecord> = {
  type: 27,
  name: 'RegisterControllerRecord',
  minVersion: 0,
  maxVersion: 0,
  decode: decodeRegisterControllerRecord,
  encode: encodeRegisterControllerRecord,
};

/** Codecs indexed by record type; holes are undefined. */
export const METADATA_RECORD_CODECS: readonly (MetadataRecordCodec | undefined)[] = (() => {
  const table: (MetadataRecordCodec | undefined)[] = [];
  table[0] = RegisterBrokerRecordCodec as MetadataRecordCodec;
  table[1] = UnregisterBrokerRecordCodec as MetadataRecordCodec;
  table[2] = TopicRecordCodec as MetadataRecordCodec;
  table[3] = PartitionRecordCodec as MetadataRecordCodec;
  table[4] = ConfigRecordCodec as MetadataRecordCodec;
  table[5] = PartitionChangeRecordCodec as MetadataRecordCodec;
  table[7] = FenceBrokerRecordCodec as MetadataRecordCodec;
  table[8] = UnfenceBrokerRecordCodec as MetadataRecordCodec;
  table[9] = RemoveTopicRecordCodec as MetadataRecordCodec;
  table[10] = DelegationTokenRecordCodec as MetadataRecordCodec;
  table[11] = UserScramCredentialRecordCodec as MetadataRecordCodec;
  table[12] = FeatureLevelRecordCodec as MetadataRecordCodec;
  table[14] = ClientQuotaRecordCodec as MetadataRecordCodec;
  table[15] = ProducerIdsRecordCodec as MetadataRecordCodec;
  table[17] = BrokerRegistrationChangeRecordCodec as MetadataRecordCodec;
  table[18] = AccessControlEntryRecordCodec as MetadataRecordCodec;
  table[19] = RemoveAccessControlEntryRecordCodec as MetadataRecordCodec;
  table[20] = NoOpRecordCodec as MetadataRecordCodec;
  table[21] = ZkMigrationStateRecordCodec as MetadataRecordCodec;
  table[22] = RemoveUserScramCredentialRecordCodec as MetadataRecordCodec;
  table[23] = BeginTransactionRecordCodec as MetadataRecordCodec;
  table[24] = EndTransactionRecordCodec as MetadataRecordCodec;
  table[25] = AbortTransactionRecordCodec as MetadataRecordCodec;
  table[26] = RemoveDelegationTokenRecordCodec as MetadataRecordCodec;
  table[27] = RegisterControllerRecordCodec as MetadataRecordCodec;
  return table;
})();
