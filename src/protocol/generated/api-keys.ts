// Generated from *Request.json, *Response.json by scripts/gen-protocol.mjs.
// Do not edit; run `npm run gen:protocol`.
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';
import {
  decodeAddOffsetsToTxnRequest,
  encodeAddOffsetsToTxnRequest,
  decodeAddOffsetsToTxnResponse,
  encodeAddOffsetsToTxnResponse,
  type AddOffsetsToTxnRequest,
  type AddOffsetsToTxnResponse,
} from './add-offsets-to-txn.js';
import {
  decodeAddPartitionsToTxnRequest,
  encodeAddPartitionsToTxnRequest,
  decodeAddPartitionsToTxnResponse,
  encodeAddPartitionsToTxnResponse,
  type AddPartitionsToTxnRequest,
  type AddPartitionsToTxnResponse,
} from './add-partitions-to-txn.js';
import {
  decodeAddRaftVoterRequest,
  encodeAddRaftVoterRequest,
  decodeAddRaftVoterResponse,
  encodeAddRaftVoterResponse,
  type AddRaftVoterRequest,
  type AddRaftVoterResponse,
} from './add-raft-voter.js';
import {
  decodeAllocateProducerIdsRequest,
  encodeAllocateProducerIdsRequest,
  decodeAllocateProducerIdsResponse,
  encodeAllocateProducerIdsResponse,
  type AllocateProducerIdsRequest,
  type AllocateProducerIdsResponse,
} from './allocate-producer-ids.js';
import {
  decodeAlterClientQuotasRequest,
  encodeAlterClientQuotasRequest,
  decodeAlterClientQuotasResponse,
  encodeAlterClientQuotasResponse,
  type AlterClientQuotasRequest,
  type AlterClientQuotasResponse,
} from './alter-client-quotas.js';
import {
  decodeAlterConfigsRequest,
  encodeAlterConfigsRequest,
  decodeAlterConfigsResponse,
  encodeAlterConfigsResponse,
  type AlterConfigsRequest,
  type AlterConfigsResponse,
} from './alter-configs.js';
import {
  decodeAlterPartitionRequest,
  encodeAlterPartitionRequest,
  decodeAlterPartitionResponse,
  encodeAlterPartitionResponse,
  type AlterPartitionRequest,
  type AlterPartitionResponse,
} from './alter-partition.js';
import {
  decodeAlterPartitionReassignmentsRequest,
  encodeAlterPartitionReassignmentsRequest,
  decodeAlterPartitionReassignmentsResponse,
  encodeAlterPartitionReassignmentsResponse,
  type AlterPartitionReassignmentsRequest,
  type AlterPartitionReassignmentsResponse,
} from './alter-partition-reassignments.js';
import {
  decodeAlterReplicaLogDirsRequest,
  encodeAlterReplicaLogDirsRequest,
  decodeAlterReplicaLogDirsResponse,
  encodeAlterReplicaLogDirsResponse,
  type AlterReplicaLogDirsRequest,
  type AlterReplicaLogDirsResponse,
} from './alter-replica-log-dirs.js';
import {
  decodeAlterUserScramCredentialsRequest,
  encodeAlterUserScramCredentialsRequest,
  decodeAlterUserScramCredentialsResponse,
  encodeAlterUserScramCredentialsResponse,
  type AlterUserScramCredentialsRequest,
  type AlterUserScramCredentialsResponse,
} from './alter-user-scram-credentials.js';
import {
  decodeApiVersionsRequest,
  encodeApiVersionsRequest,
  decodeApiVersionsResponse,
  encodeApiVersionsResponse,
  type ApiVersionsRequest,
  type ApiVersionsResponse,
} from './api-versions.js';
import {
  decodeAssignReplicasToDirsRequest,
  encodeAssignReplicasToDirsRequest,
  decodeAssignReplicasToDirsResponse,
  encodeAssignReplicasToDirsResponse,
  type AssignReplicasToDirsRequest,
  type AssignReplicasToDirsResponse,
} from './assign-replicas-to-dirs.js';
import {
  decodeBeginQuorumEpochRequest,
  encodeBeginQuorumEpochRequest,
  decodeBeginQuorumEpochResponse,
  encodeBeginQuorumEpochResponse,
  type BeginQuorumEpochRequest,
  type BeginQuorumEpochResponse,
} from './begin-quorum-epoch.js';
import {
  decodeBrokerHeartbeatRequest,
  encodeBrokerHeartbeatRequest,
  decodeBrokerHeartbeatResponse,
  encodeBrokerHeartbeatResponse,
  type BrokerHeartbeatRequest,
  type BrokerHeartbeatResponse,
} from './broker-heartbeat.js';
import {
  decodeBrokerRegistrationRequest,
  encodeBrokerRegistrationRequest,
  decodeBrokerRegistrationResponse,
  encodeBrokerRegistrationResponse,
  type BrokerRegistrationRequest,
  type BrokerRegistrationResponse,
} from './broker-registration.js';
import {
  decodeConsumerGroupDescribeRequest,
  encodeConsumerGroupDescribeRequest,
  decodeConsumerGroupDescribeResponse,
  encodeConsumerGroupDescribeResponse,
  type ConsumerGroupDescribeRequest,
  type ConsumerGroupDescribeResponse,
} from './consumer-group-describe.js';
import {
  decodeConsumerGroupHeartbeatRequest,
  encodeConsumerGroupHeartbeatRequest,
  decodeConsumerGroupHeartbeatResponse,
  encodeConsumerGroupHeartbeatResponse,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResponse,
} from './consumer-group-heartbeat.js';
import {
  decodeControlledShutdownRequest,
  encodeControlledShutdownRequest,
  decodeControlledShutdownResponse,
  encodeControlledShutdownResponse,
  type ControlledShutdownRequest,
  type ControlledShutdownResponse,
} from './controlled-shutdown.js';
import {
  decodeControllerRegistrationRequest,
  encodeControllerRegistrationRequest,
  decodeControllerRegistrationResponse,
  encodeControllerRegistrationResponse,
  type ControllerRegistrationRequest,
  type ControllerRegistrationResponse,
} from './controller-registration.js';
import {
  decodeCreateAclsRequest,
  encodeCreateAclsRequest,
  decodeCreateAclsResponse,
  encodeCreateAclsResponse,
  type CreateAclsRequest,
  type CreateAclsResponse,
} from './create-acls.js';
import {
  decodeCreateDelegationTokenRequest,
  encodeCreateDelegationTokenRequest,
  decodeCreateDelegationTokenResponse,
  encodeCreateDelegationTokenResponse,
  type CreateDelegationTokenRequest,
  type CreateDelegationTokenResponse,
} from './create-delegation-token.js';
import {
  decodeCreatePartitionsRequest,
  encodeCreatePartitionsRequest,
  decodeCreatePartitionsResponse,
  encodeCreatePartitionsResponse,
  type CreatePartitionsRequest,
  type CreatePartitionsResponse,
} from './create-partitions.js';
import {
  decodeCreateTopicsRequest,
  encodeCreateTopicsRequest,
  decodeCreateTopicsResponse,
  encodeCreateTopicsResponse,
  type CreateTopicsRequest,
  type CreateTopicsResponse,
} from './create-topics.js';
import {
  decodeDeleteAclsRequest,
  encodeDeleteAclsRequest,
  decodeDeleteAclsResponse,
  encodeDeleteAclsResponse,
  type DeleteAclsRequest,
  type DeleteAclsResponse,
} from './delete-acls.js';
import {
  decodeDeleteGroupsRequest,
  encodeDeleteGroupsRequest,
  decodeDeleteGroupsResponse,
  encodeDeleteGroupsResponse,
  type DeleteGroupsRequest,
  type DeleteGroupsResponse,
} from './delete-groups.js';
import {
  decodeDeleteRecordsRequest,
  encodeDeleteRecordsRequest,
  decodeDeleteRecordsResponse,
  encodeDeleteRecordsResponse,
  type DeleteRecordsRequest,
  type DeleteRecordsResponse,
} from './delete-records.js';
import {
  decodeDeleteShareGroupStateRequest,
  encodeDeleteShareGroupStateRequest,
  decodeDeleteShareGroupStateResponse,
  encodeDeleteShareGroupStateResponse,
  type DeleteShareGroupStateRequest,
  type DeleteShareGroupStateResponse,
} from './delete-share-group-state.js';
import {
  decodeDeleteTopicsRequest,
  encodeDeleteTopicsRequest,
  decodeDeleteTopicsResponse,
  encodeDeleteTopicsResponse,
  type DeleteTopicsRequest,
  type DeleteTopicsResponse,
} from './delete-topics.js';
import {
  decodeDescribeAclsRequest,
  encodeDescribeAclsRequest,
  decodeDescribeAclsResponse,
  encodeDescribeAclsResponse,
  type DescribeAclsRequest,
  type DescribeAclsResponse,
} from './describe-acls.js';
import {
  decodeDescribeClientQuotasRequest,
  encodeDescribeClientQuotasRequest,
  decodeDescribeClientQuotasResponse,
  encodeDescribeClientQuotasResponse,
  type DescribeClientQuotasRequest,
  type DescribeClientQuotasResponse,
} from './describe-client-quotas.js';
import {
  decodeDescribeClusterRequest,
  encodeDescribeClusterRequest,
  decodeDescribeClusterResponse,
  encodeDescribeClusterResponse,
  type DescribeClusterRequest,
  type DescribeClusterResponse,
} from './describe-cluster.js';
import {
  decodeDescribeConfigsRequest,
  encodeDescribeConfigsRequest,
  decodeDescribeConfigsResponse,
  encodeDescribeConfigsResponse,
  type DescribeConfigsRequest,
  type DescribeConfigsResponse,
} from './describe-configs.js';
import {
  decodeDescribeDelegationTokenRequest,
  encodeDescribeDelegationTokenRequest,
  decodeDescribeDelegationTokenResponse,
  encodeDescribeDelegationTokenResponse,
  type DescribeDelegationTokenRequest,
  type DescribeDelegationTokenResponse,
} from './describe-delegation-token.js';
import {
  decodeDescribeGroupsRequest,
  encodeDescribeGroupsRequest,
  decodeDescribeGroupsResponse,
  encodeDescribeGroupsResponse,
  type DescribeGroupsRequest,
  type DescribeGroupsResponse,
} from './describe-groups.js';
import {
  decodeDescribeLogDirsRequest,
  encodeDescribeLogDirsRequest,
  decodeDescribeLogDirsResponse,
  encodeDescribeLogDirsResponse,
  type DescribeLogDirsRequest,
  type DescribeLogDirsResponse,
} from './describe-log-dirs.js';
import {
  decodeDescribeProducersRequest,
  encodeDescribeProducersRequest,
  decodeDescribeProducersResponse,
  encodeDescribeProducersResponse,
  type DescribeProducersRequest,
  type DescribeProducersResponse,
} from './describe-producers.js';
import {
  decodeDescribeQuorumRequest,
  encodeDescribeQuorumRequest,
  decodeDescribeQuorumResponse,
  encodeDescribeQuorumResponse,
  type DescribeQuorumRequest,
  type DescribeQuorumResponse,
} from './describe-quorum.js';
import {
  decodeDescribeTopicPartitionsRequest,
  encodeDescribeTopicPartitionsRequest,
  decodeDescribeTopicPartitionsResponse,
  encodeDescribeTopicPartitionsResponse,
  type DescribeTopicPartitionsRequest,
  type DescribeTopicPartitionsResponse,
} from './describe-topic-partitions.js';
import {
  decodeDescribeTransactionsRequest,
  encodeDescribeTransactionsRequest,
  decodeDescribeTransactionsResponse,
  encodeDescribeTransactionsResponse,
  type DescribeTransactionsRequest,
  type DescribeTransactionsResponse,
} from './describe-transactions.js';
import {
  decodeDescribeUserScramCredentialsRequest,
  encodeDescribeUserScramCredentialsRequest,
  decodeDescribeUserScramCredentialsResponse,
  encodeDescribeUserScramCredentialsResponse,
  type DescribeUserScramCredentialsRequest,
  type DescribeUserScramCredentialsResponse,
} from './describe-user-scram-credentials.js';
import {
  decodeElectLeadersRequest,
  encodeElectLeadersRequest,
  decodeElectLeadersResponse,
  encodeElectLeadersResponse,
  type ElectLeadersRequest,
  type ElectLeadersResponse,
} from './elect-leaders.js';
import {
  decodeEndQuorumEpochRequest,
  encodeEndQuorumEpochRequest,
  decodeEndQuorumEpochResponse,
  encodeEndQuorumEpochResponse,
  type EndQuorumEpochRequest,
  type EndQuorumEpochResponse,
} from './end-quorum-epoch.js';
import {
  decodeEndTxnRequest,
  encodeEndTxnRequest,
  decodeEndTxnResponse,
  encodeEndTxnResponse,
  type EndTxnRequest,
  type EndTxnResponse,
} from './end-txn.js';
import {
  decodeEnvelopeRequest,
  encodeEnvelopeRequest,
  decodeEnvelopeResponse,
  encodeEnvelopeResponse,
  type EnvelopeRequest,
  type EnvelopeResponse,
} from './envelope.js';
import {
  decodeExpireDelegationTokenRequest,
  encodeExpireDelegationTokenRequest,
  decodeExpireDelegationTokenResponse,
  encodeExpireDelegationTokenResponse,
  type ExpireDelegationTokenRequest,
  type ExpireDelegationTokenResponse,
} from './expire-delegation-token.js';
import {
  decodeFetchRequest,
  encodeFetchRequest,
  decodeFetchResponse,
  encodeFetchResponse,
  type FetchRequest,
  type FetchResponse,
} from './fetch.js';
import {
  decodeFetchSnapshotRequest,
  encodeFetchSnapshotRequest,
  decodeFetchSnapshotResponse,
  encodeFetchSnapshotResponse,
  type FetchSnapshotRequest,
  type FetchSnapshotResponse,
} from './fetch-snapshot.js';
import {
  decodeFindCoordinatorRequest,
  encodeFindCoordinatorRequest,
  decodeFindCoordinatorResponse,
  encodeFindCoordinatorResponse,
  type FindCoordinatorRequest,
  type FindCoordinatorResponse,
} from './find-coordinator.js';
import {
  decodeGetReplicaLogInfoRequest,
  encodeGetReplicaLogInfoRequest,
  decodeGetReplicaLogInfoResponse,
  encodeGetReplicaLogInfoResponse,
  type GetReplicaLogInfoRequest,
  type GetReplicaLogInfoResponse,
} from './get-replica-log-info.js';
import {
  decodeGetTelemetrySubscriptionsRequest,
  encodeGetTelemetrySubscriptionsRequest,
  decodeGetTelemetrySubscriptionsResponse,
  encodeGetTelemetrySubscriptionsResponse,
  type GetTelemetrySubscriptionsRequest,
  type GetTelemetrySubscriptionsResponse,
} from './get-telemetry-subscriptions.js';
import {
  decodeHeartbeatRequest,
  encodeHeartbeatRequest,
  decodeHeartbeatResponse,
  encodeHeartbeatResponse,
  type HeartbeatRequest,
  type HeartbeatResponse,
} from './heartbeat.js';
import {
  decodeIncrementalAlterConfigsRequest,
  encodeIncrementalAlterConfigsRequest,
  decodeIncrementalAlterConfigsResponse,
  encodeIncrementalAlterConfigsResponse,
  type IncrementalAlterConfigsRequest,
  type IncrementalAlterConfigsResponse,
} from './incremental-alter-configs.js';
import {
  decodeInitProducerIdRequest,
  encodeInitProducerIdRequest,
  decodeInitProducerIdResponse,
  encodeInitProducerIdResponse,
  type InitProducerIdRequest,
  type InitProducerIdResponse,
} from './init-producer-id.js';
import {
  decodeInitializeShareGroupStateRequest,
  encodeInitializeShareGroupStateRequest,
  decodeInitializeShareGroupStateResponse,
  encodeInitializeShareGroupStateResponse,
  type InitializeShareGroupStateRequest,
  type InitializeShareGroupStateResponse,
} from './initialize-share-group-state.js';
import {
  decodeJoinGroupRequest,
  encodeJoinGroupRequest,
  decodeJoinGroupResponse,
  encodeJoinGroupResponse,
  type JoinGroupRequest,
  type JoinGroupResponse,
} from './join-group.js';
import {
  decodeLeaderAndIsrRequest,
  encodeLeaderAndIsrRequest,
  decodeLeaderAndIsrResponse,
  encodeLeaderAndIsrResponse,
  type LeaderAndIsrRequest,
  type LeaderAndIsrResponse,
} from './leader-and-isr.js';
import {
  decodeLeaveGroupRequest,
  encodeLeaveGroupRequest,
  decodeLeaveGroupResponse,
  encodeLeaveGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
} from './leave-group.js';
import {
  decodeListClientMetricsResourcesRequest,
  encodeListClientMetricsResourcesRequest,
  decodeListClientMetricsResourcesResponse,
  encodeListClientMetricsResourcesResponse,
  type ListClientMetricsResourcesRequest,
  type ListClientMetricsResourcesResponse,
} from './list-client-metrics-resources.js';
import {
  decodeListGroupsRequest,
  encodeListGroupsRequest,
  decodeListGroupsResponse,
  encodeListGroupsResponse,
  type ListGroupsRequest,
  type ListGroupsResponse,
} from './list-groups.js';
import {
  decodeListOffsetsRequest,
  encodeListOffsetsRequest,
  decodeListOffsetsResponse,
  encodeListOffsetsResponse,
  type ListOffsetsRequest,
  type ListOffsetsResponse,
} from './list-offsets.js';
import {
  decodeListPartitionReassignmentsRequest,
  encodeListPartitionReassignmentsRequest,
  decodeListPartitionReassignmentsResponse,
  encodeListPartitionReassignmentsResponse,
  type ListPartitionReassignmentsRequest,
  type ListPartitionReassignmentsResponse,
} from './list-partition-reassignments.js';
import {
  decodeListTransactionsRequest,
  encodeListTransactionsRequest,
  decodeListTransactionsResponse,
  encodeListTransactionsResponse,
  type ListTransactionsRequest,
  type ListTransactionsResponse,
} from './list-transactions.js';
import {
  decodeMetadataRequest,
  encodeMetadataRequest,
  decodeMetadataResponse,
  encodeMetadataResponse,
  type MetadataRequest,
  type MetadataResponse,
} from './metadata.js';
import {
  decodeOffsetCommitRequest,
  encodeOffsetCommitRequest,
  decodeOffsetCommitResponse,
  encodeOffsetCommitResponse,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
} from './offset-commit.js';
import {
  decodeOffsetDeleteRequest,
  encodeOffsetDeleteRequest,
  decodeOffsetDeleteResponse,
  encodeOffsetDeleteResponse,
  type OffsetDeleteRequest,
  type OffsetDeleteResponse,
} from './offset-delete.js';
import {
  decodeOffsetFetchRequest,
  encodeOffsetFetchRequest,
  decodeOffsetFetchResponse,
  encodeOffsetFetchResponse,
  type OffsetFetchRequest,
  type OffsetFetchResponse,
} from './offset-fetch.js';
import {
  decodeOffsetForLeaderEpochRequest,
  encodeOffsetForLeaderEpochRequest,
  decodeOffsetForLeaderEpochResponse,
  encodeOffsetForLeaderEpochResponse,
  type OffsetForLeaderEpochRequest,
  type OffsetForLeaderEpochResponse,
} from './offset-for-leader-epoch.js';
import {
  decodeProduceRequest,
  encodeProduceRequest,
  decodeProduceResponse,
  encodeProduceResponse,
  type ProduceRequest,
  type ProduceResponse,
} from './produce.js';
import {
  decodePushTelemetryRequest,
  encodePushTelemetryRequest,
  decodePushTelemetryResponse,
  encodePushTelemetryResponse,
  type PushTelemetryRequest,
  type PushTelemetryResponse,
} from './push-telemetry.js';
import {
  decodeReadShareGroupStateRequest,
  encodeReadShareGroupStateRequest,
  decodeReadShareGroupStateResponse,
  encodeReadShareGroupStateResponse,
  type ReadShareGroupStateRequest,
  type ReadShareGroupStateResponse,
} from './read-share-group-state.js';
import {
  decodeReadShareGroupStateSummaryRequest,
  encodeReadShareGroupStateSummaryRequest,
  decodeReadShareGroupStateSummaryResponse,
  encodeReadShareGroupStateSummaryResponse,
  type ReadShareGroupStateSummaryRequest,
  type ReadShareGroupStateSummaryResponse,
} from './read-share-group-state-summary.js';
import {
  decodeRemoveRaftVoterRequest,
  encodeRemoveRaftVoterRequest,
  decodeRemoveRaftVoterResponse,
  encodeRemoveRaftVoterResponse,
  type RemoveRaftVoterRequest,
  type RemoveRaftVoterResponse,
} from './remove-raft-voter.js';
import {
  decodeRenewDelegationTokenRequest,
  encodeRenewDelegationTokenRequest,
  decodeRenewDelegationTokenResponse,
  encodeRenewDelegationTokenResponse,
  type RenewDelegationTokenRequest,
  type RenewDelegationTokenResponse,
} from './renew-delegation-token.js';
import {
  decodeSaslAuthenticateRequest,
  encodeSaslAuthenticateRequest,
  decodeSaslAuthenticateResponse,
  encodeSaslAuthenticateResponse,
  type SaslAuthenticateRequest,
  type SaslAuthenticateResponse,
} from './sasl-authenticate.js';
import {
  decodeSaslHandshakeRequest,
  encodeSaslHandshakeRequest,
  decodeSaslHandshakeResponse,
  encodeSaslHandshakeResponse,
  type SaslHandshakeRequest,
  type SaslHandshakeResponse,
} from './sasl-handshake.js';
import {
  decodeShareAcknowledgeRequest,
  encodeShareAcknowledgeRequest,
  decodeShareAcknowledgeResponse,
  encodeShareAcknowledgeResponse,
  type ShareAcknowledgeRequest,
  type ShareAcknowledgeResponse,
} from './share-acknowledge.js';
import {
  decodeShareFetchRequest,
  encodeShareFetchRequest,
  decodeShareFetchResponse,
  encodeShareFetchResponse,
  type ShareFetchRequest,
  type ShareFetchResponse,
} from './share-fetch.js';
import {
  decodeShareGroupDescribeRequest,
  encodeShareGroupDescribeRequest,
  decodeShareGroupDescribeResponse,
  encodeShareGroupDescribeResponse,
  type ShareGroupDescribeRequest,
  type ShareGroupDescribeResponse,
} from './share-group-describe.js';
import {
  decodeShareGroupHeartbeatRequest,
  encodeShareGroupHeartbeatRequest,
  decodeShareGroupHeartbeatResponse,
  encodeShareGroupHeartbeatResponse,
  type ShareGroupHeartbeatRequest,
  type ShareGroupHeartbeatResponse,
} from './share-group-heartbeat.js';
import {
  decodeStopReplicaRequest,
  encodeStopReplicaRequest,
  decodeStopReplicaResponse,
  encodeStopReplicaResponse,
  type StopReplicaRequest,
  type StopReplicaResponse,
} from './stop-replica.js';
import {
  decodeSyncGroupRequest,
  encodeSyncGroupRequest,
  decodeSyncGroupResponse,
  encodeSyncGroupResponse,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from './sync-group.js';
import {
  decodeTxnOffsetCommitRequest,
  encodeTxnOffsetCommitRequest,
  decodeTxnOffsetCommitResponse,
  encodeTxnOffsetCommitResponse,
  type TxnOffsetCommitRequest,
  type TxnOffsetCommitResponse,
} from './txn-offset-commit.js';
import {
  decodeUnregisterBrokerRequest,
  encodeUnregisterBrokerRequest,
  decodeUnregisterBrokerResponse,
  encodeUnregisterBrokerResponse,
  type UnregisterBrokerRequest,
  type UnregisterBrokerResponse,
} from './unregister-broker.js';
import {
  decodeUpdateFeaturesRequest,
  encodeUpdateFeaturesRequest,
  decodeUpdateFeaturesResponse,
  encodeUpdateFeaturesResponse,
  type UpdateFeaturesRequest,
  type UpdateFeaturesResponse,
} from './update-features.js';
import {
  decodeUpdateMetadataRequest,
  encodeUpdateMetadataRequest,
  decodeUpdateMetadataResponse,
  encodeUpdateMetadataResponse,
  type UpdateMetadataRequest,
  type UpdateMetadataResponse,
} from './update-metadata.js';
import {
  decodeUpdateRaftVoterRequest,
  encodeUpdateRaftVoterRequest,
  decodeUpdateRaftVoterResponse,
  encodeUpdateRaftVoterResponse,
  type UpdateRaftVoterRequest,
  type UpdateRaftVoterResponse,
} from './update-raft-voter.js';
import {
  decodeVoteRequest,
  encodeVoteRequest,
  decodeVoteResponse,
  encodeVoteResponse,
  type VoteRequest,
  type VoteResponse,
} from './vote.js';
import {
  decodeWriteShareGroupStateRequest,
  encodeWriteShareGroupStateRequest,
  decodeWriteShareGroupStateResponse,
  encodeWriteShareGroupStateResponse,
  type WriteShareGroupStateRequest,
  type WriteShareGroupStateResponse,
} from './write-share-group-state.js';
import {
  decodeWriteTxnMarkersRequest,
  encodeWriteTxnMarkersRequest,
  decodeWriteTxnMarkersResponse,
  encodeWriteTxnMarkersResponse,
  type WriteTxnMarkersRequest,
  type WriteTxnMarkersResponse,
} from './write-txn-markers.js';

/** Api key numbers by name. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  LeaderAndIsr: 4,
  StopReplica: 5,
  UpdateMetadata: 6,
  ControlledShutdown: 7,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DeleteRecords: 21,
  InitProducerId: 22,
  OffsetForLeaderEpoch: 23,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  WriteTxnMarkers: 27,
  TxnOffsetCommit: 28,
  DescribeAcls: 29,
  CreateAcls: 30,
  DeleteAcls: 31,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  AlterReplicaLogDirs: 34,
  DescribeLogDirs: 35,
  SaslAuthenticate: 36,
  CreatePartitions: 37,
  CreateDelegationToken: 38,
  RenewDelegationToken: 39,
  ExpireDelegationToken: 40,
  DescribeDelegationToken: 41,
  DeleteGroups: 42,
  ElectLeaders: 43,
  IncrementalAlterConfigs: 44,
  AlterPartitionReassignments: 45,
  ListPartitionReassignments: 46,
  OffsetDelete: 47,
  DescribeClientQuotas: 48,
  AlterClientQuotas: 49,
  DescribeUserScramCredentials: 50,
  AlterUserScramCredentials: 51,
  Vote: 52,
  BeginQuorumEpoch: 53,
  EndQuorumEpoch: 54,
  DescribeQuorum: 55,
  AlterPartition: 56,
  UpdateFeatures: 57,
  Envelope: 58,
  FetchSnapshot: 59,
  DescribeCluster: 60,
  DescribeProducers: 61,
  BrokerRegistration: 62,
  BrokerHeartbeat: 63,
  UnregisterBroker: 64,
  DescribeTransactions: 65,
  ListTransactions: 66,
  AllocateProducerIds: 67,
  ConsumerGroupHeartbeat: 68,
  ConsumerGroupDescribe: 69,
  ControllerRegistration: 70,
  GetTelemetrySubscriptions: 71,
  PushTelemetry: 72,
  AssignReplicasToDirs: 73,
  ListClientMetricsResources: 74,
  DescribeTopicPartitions: 75,
  ShareGroupHeartbeat: 76,
  ShareGroupDescribe: 77,
  ShareFetch: 78,
  ShareAcknowledge: 79,
  AddRaftVoter: 80,
  RemoveRaftVoter: 81,
  UpdateRaftVoter: 82,
  InitializeShareGroupState: 83,
  ReadShareGroupState: 84,
  WriteShareGroupState: 85,
  DeleteShareGroupState: 86,
  ReadShareGroupStateSummary: 87,
  GetReplicaLogInfo: 93,
} as const;

export type ApiKeyName = keyof typeof ApiKey;

/** Codec and version range of one api. Methods (not properties) so specific codecs fit ApiCodec<unknown>. */
export interface ApiCodec<Req = unknown, Res = unknown> {
  readonly apiKey: number;
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** First version using compact types and tagged fields, or -1 if none does. */
  readonly flexibleMinVersion: number;
  /** The newest version is still under development upstream and not advertised by default. */
  readonly latestVersionUnstable: boolean;
  /** Listener kinds that serve this api upstream (zkBroker, broker, controller). */
  readonly listeners: readonly string[];
  decodeRequest(r: Reader, version: number): Req;
  encodeRequest(w: Writer, msg: Req, version: number): void;
  decodeResponse(r: Reader, version: number): Res;
  encodeResponse(w: Writer, msg: Res, version: number): void;
}

export const ProduceApi: ApiCodec<ProduceRequest, ProduceResponse> = {
  apiKey: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 11,
  flexibleMinVersion: 9,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeProduceRequest,
  encodeRequest: encodeProduceRequest,
  decodeResponse: decodeProduceResponse,
  encodeResponse: encodeProduceResponse,
};

export const FetchApi: ApiCodec<FetchRequest, FetchResponse> = {
  apiKey: 1,
  name: 'Fetch',
  minVersion: 0,
  maxVersion: 17,
  flexibleMinVersion: 12,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeFetchRequest,
  encodeRequest: encodeFetchRequest,
  decodeResponse: decodeFetchResponse,
  encodeResponse: encodeFetchResponse,
};

export const ListOffsetsApi: ApiCodec<ListOffsetsRequest, ListOffsetsResponse> = {
  apiKey: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 10,
  flexibleMinVersion: 6,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeListOffsetsRequest,
  encodeRequest: encodeListOffsetsRequest,
  decodeResponse: decodeListOffsetsResponse,
  encodeResponse: encodeListOffsetsResponse,
};

export const MetadataApi: ApiCodec<MetadataRequest, MetadataResponse> = {
  apiKey: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  flexibleMinVersion: 9,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeMetadataRequest,
  encodeRequest: encodeMetadataRequest,
  decodeResponse: decodeMetadataResponse,
  encodeResponse: encodeMetadataResponse,
};

export const LeaderAndIsrApi: ApiCodec<LeaderAndIsrRequest, LeaderAndIsrResponse> = {
  apiKey: 4,
  name: 'LeaderAndIsr',
  minVersion: 0,
  maxVersion: 7,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker'],
  decodeRequest: decodeLeaderAndIsrRequest,
  encodeRequest: encodeLeaderAndIsrRequest,
  decodeResponse: decodeLeaderAndIsrResponse,
  encodeResponse: encodeLeaderAndIsrResponse,
};

export const StopReplicaApi: ApiCodec<StopReplicaRequest, StopReplicaResponse> = {
  apiKey: 5,
  name: 'StopReplica',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker'],
  decodeRequest: decodeStopReplicaRequest,
  encodeRequest: encodeStopReplicaRequest,
  decodeResponse: decodeStopReplicaResponse,
  encodeResponse: encodeStopReplicaResponse,
};

export const UpdateMetadataApi: ApiCodec<UpdateMetadataRequest, UpdateMetadataResponse> = {
  apiKey: 6,
  name: 'UpdateMetadata',
  minVersion: 0,
  maxVersion: 8,
  flexibleMinVersion: 6,
  latestVersionUnstable: false,
  listeners: ['zkBroker'],
  decodeRequest: decodeUpdateMetadataRequest,
  encodeRequest: encodeUpdateMetadataRequest,
  decodeResponse: decodeUpdateMetadataResponse,
  encodeResponse: encodeUpdateMetadataResponse,
};

export const ControlledShutdownApi: ApiCodec<ControlledShutdownRequest, ControlledShutdownResponse> = {
  apiKey: 7,
  name: 'ControlledShutdown',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'controller'],
  decodeRequest: decodeControlledShutdownRequest,
  encodeRequest: encodeControlledShutdownRequest,
  decodeResponse: decodeControlledShutdownResponse,
  encodeResponse: encodeControlledShutdownResponse,
};

export const OffsetCommitApi: ApiCodec<OffsetCommitRequest, OffsetCommitResponse> = {
  apiKey: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 8,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeOffsetCommitRequest,
  encodeRequest: encodeOffsetCommitRequest,
  decodeResponse: decodeOffsetCommitResponse,
  encodeResponse: encodeOffsetCommitResponse,
};

export const OffsetFetchApi: ApiCodec<OffsetFetchRequest, OffsetFetchResponse> = {
  apiKey: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 6,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeOffsetFetchRequest,
  encodeRequest: encodeOffsetFetchRequest,
  decodeResponse: decodeOffsetFetchResponse,
  encodeResponse: encodeOffsetFetchResponse,
};

export const FindCoordinatorApi: ApiCodec<FindCoordinatorRequest, FindCoordinatorResponse> = {
  apiKey: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 6,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeFindCoordinatorRequest,
  encodeRequest: encodeFindCoordinatorRequest,
  decodeResponse: decodeFindCoordinatorResponse,
  encodeResponse: encodeFindCoordinatorResponse,
};

export const JoinGroupApi: ApiCodec<JoinGroupRequest, JoinGroupResponse> = {
  apiKey: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  flexibleMinVersion: 6,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeJoinGroupRequest,
  encodeRequest: encodeJoinGroupRequest,
  decodeResponse: decodeJoinGroupResponse,
  encodeResponse: encodeJoinGroupResponse,
};

export const HeartbeatApi: ApiCodec<HeartbeatRequest, HeartbeatResponse> = {
  apiKey: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeHeartbeatRequest,
  encodeRequest: encodeHeartbeatRequest,
  decodeResponse: decodeHeartbeatResponse,
  encodeResponse: encodeHeartbeatResponse,
};

export const LeaveGroupApi: ApiCodec<LeaveGroupRequest, LeaveGroupResponse> = {
  apiKey: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeLeaveGroupRequest,
  encodeRequest: encodeLeaveGroupRequest,
  decodeResponse: decodeLeaveGroupResponse,
  encodeResponse: encodeLeaveGroupResponse,
};

export const SyncGroupApi: ApiCodec<SyncGroupRequest, SyncGroupResponse> = {
  apiKey: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeSyncGroupRequest,
  encodeRequest: encodeSyncGroupRequest,
  decodeResponse: decodeSyncGroupResponse,
  encodeResponse: encodeSyncGroupResponse,
};

export const DescribeGroupsApi: ApiCodec<DescribeGroupsRequest, DescribeGroupsResponse> = {
  apiKey: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 5,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDescribeGroupsRequest,
  encodeRequest: encodeDescribeGroupsRequest,
  decodeResponse: decodeDescribeGroupsResponse,
  encodeResponse: encodeDescribeGroupsResponse,
};

export const ListGroupsApi: ApiCodec<ListGroupsRequest, ListGroupsResponse> = {
  apiKey: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeListGroupsRequest,
  encodeRequest: encodeListGroupsRequest,
  decodeResponse: decodeListGroupsResponse,
  encodeResponse: encodeListGroupsResponse,
};

export const SaslHandshakeApi: ApiCodec<SaslHandshakeRequest, SaslHandshakeResponse> = {
  apiKey: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: -1,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeSaslHandshakeRequest,
  encodeRequest: encodeSaslHandshakeRequest,
  decodeResponse: decodeSaslHandshakeResponse,
  encodeResponse: encodeSaslHandshakeResponse,
};

export const ApiVersionsApi: ApiCodec<ApiVersionsRequest, ApiVersionsResponse> = {
  apiKey: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeApiVersionsRequest,
  encodeRequest: encodeApiVersionsRequest,
  decodeResponse: decodeApiVersionsResponse,
  encodeResponse: encodeApiVersionsResponse,
};

export const CreateTopicsApi: ApiCodec<CreateTopicsRequest, CreateTopicsResponse> = {
  apiKey: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 7,
  flexibleMinVersion: 5,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeCreateTopicsRequest,
  encodeRequest: encodeCreateTopicsRequest,
  decodeResponse: decodeCreateTopicsResponse,
  encodeResponse: encodeCreateTopicsResponse,
};

export const DeleteTopicsApi: ApiCodec<DeleteTopicsRequest, DeleteTopicsResponse> = {
  apiKey: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 6,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDeleteTopicsRequest,
  encodeRequest: encodeDeleteTopicsRequest,
  decodeResponse: decodeDeleteTopicsResponse,
  encodeResponse: encodeDeleteTopicsResponse,
};

export const DeleteRecordsApi: ApiCodec<DeleteRecordsRequest, DeleteRecordsResponse> = {
  apiKey: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDeleteRecordsRequest,
  encodeRequest: encodeDeleteRecordsRequest,
  decodeResponse: decodeDeleteRecordsResponse,
  encodeResponse: encodeDeleteRecordsResponse,
};

export const InitProducerIdApi: ApiCodec<InitProducerIdRequest, InitProducerIdResponse> = {
  apiKey: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeInitProducerIdRequest,
  encodeRequest: encodeInitProducerIdRequest,
  decodeResponse: decodeInitProducerIdResponse,
  encodeResponse: encodeInitProducerIdResponse,
};

export const OffsetForLeaderEpochApi: ApiCodec<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> = {
  apiKey: 23,
  name: 'OffsetForLeaderEpoch',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeOffsetForLeaderEpochRequest,
  encodeRequest: encodeOffsetForLeaderEpochRequest,
  decodeResponse: decodeOffsetForLeaderEpochResponse,
  encodeResponse: encodeOffsetForLeaderEpochResponse,
};

export const AddPartitionsToTxnApi: ApiCodec<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse> = {
  apiKey: 24,
  name: 'AddPartitionsToTxn',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeAddPartitionsToTxnRequest,
  encodeRequest: encodeAddPartitionsToTxnRequest,
  decodeResponse: decodeAddPartitionsToTxnResponse,
  encodeResponse: encodeAddPartitionsToTxnResponse,
};

export const AddOffsetsToTxnApi: ApiCodec<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse> = {
  apiKey: 25,
  name: 'AddOffsetsToTxn',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeAddOffsetsToTxnRequest,
  encodeRequest: encodeAddOffsetsToTxnRequest,
  decodeResponse: decodeAddOffsetsToTxnResponse,
  encodeResponse: encodeAddOffsetsToTxnResponse,
};

export const EndTxnApi: ApiCodec<EndTxnRequest, EndTxnResponse> = {
  apiKey: 26,
  name: 'EndTxn',
  minVersion: 0,
  maxVersion: 5,
  flexibleMinVersion: 3,
  latestVersionUnstable: true,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeEndTxnRequest,
  encodeRequest: encodeEndTxnRequest,
  decodeResponse: decodeEndTxnResponse,
  encodeResponse: encodeEndTxnResponse,
};

export const WriteTxnMarkersApi: ApiCodec<WriteTxnMarkersRequest, WriteTxnMarkersResponse> = {
  apiKey: 27,
  name: 'WriteTxnMarkers',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 1,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeWriteTxnMarkersRequest,
  encodeRequest: encodeWriteTxnMarkersRequest,
  decodeResponse: decodeWriteTxnMarkersResponse,
  encodeResponse: encodeWriteTxnMarkersResponse,
};

export const TxnOffsetCommitApi: ApiCodec<TxnOffsetCommitRequest, TxnOffsetCommitResponse> = {
  apiKey: 28,
  name: 'TxnOffsetCommit',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 3,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeTxnOffsetCommitRequest,
  encodeRequest: encodeTxnOffsetCommitRequest,
  decodeResponse: decodeTxnOffsetCommitResponse,
  encodeResponse: encodeTxnOffsetCommitResponse,
};

export const DescribeAclsApi: ApiCodec<DescribeAclsRequest, DescribeAclsResponse> = {
  apiKey: 29,
  name: 'DescribeAcls',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDescribeAclsRequest,
  encodeRequest: encodeDescribeAclsRequest,
  decodeResponse: decodeDescribeAclsResponse,
  encodeResponse: encodeDescribeAclsResponse,
};

export const CreateAclsApi: ApiCodec<CreateAclsRequest, CreateAclsResponse> = {
  apiKey: 30,
  name: 'CreateAcls',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeCreateAclsRequest,
  encodeRequest: encodeCreateAclsRequest,
  decodeResponse: decodeCreateAclsResponse,
  encodeResponse: encodeCreateAclsResponse,
};

export const DeleteAclsApi: ApiCodec<DeleteAclsRequest, DeleteAclsResponse> = {
  apiKey: 31,
  name: 'DeleteAcls',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDeleteAclsRequest,
  encodeRequest: encodeDeleteAclsRequest,
  decodeResponse: decodeDeleteAclsResponse,
  encodeResponse: encodeDeleteAclsResponse,
};

export const DescribeConfigsApi: ApiCodec<DescribeConfigsRequest, DescribeConfigsResponse> = {
  apiKey: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 4,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDescribeConfigsRequest,
  encodeRequest: encodeDescribeConfigsRequest,
  decodeResponse: decodeDescribeConfigsResponse,
  encodeResponse: encodeDescribeConfigsResponse,
};

export const AlterConfigsApi: ApiCodec<AlterConfigsRequest, AlterConfigsResponse> = {
  apiKey: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeAlterConfigsRequest,
  encodeRequest: encodeAlterConfigsRequest,
  decodeResponse: decodeAlterConfigsResponse,
  encodeResponse: encodeAlterConfigsResponse,
};

export const AlterReplicaLogDirsApi: ApiCodec<AlterReplicaLogDirsRequest, AlterReplicaLogDirsResponse> = {
  apiKey: 34,
  name: 'AlterReplicaLogDirs',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeAlterReplicaLogDirsRequest,
  encodeRequest: encodeAlterReplicaLogDirsRequest,
  decodeResponse: decodeAlterReplicaLogDirsResponse,
  encodeResponse: encodeAlterReplicaLogDirsResponse,
};

export const DescribeLogDirsApi: ApiCodec<DescribeLogDirsRequest, DescribeLogDirsResponse> = {
  apiKey: 35,
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDescribeLogDirsRequest,
  encodeRequest: encodeDescribeLogDirsRequest,
  decodeResponse: decodeDescribeLogDirsResponse,
  encodeResponse: encodeDescribeLogDirsResponse,
};

export const SaslAuthenticateApi: ApiCodec<SaslAuthenticateRequest, SaslAuthenticateResponse> = {
  apiKey: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeSaslAuthenticateRequest,
  encodeRequest: encodeSaslAuthenticateRequest,
  decodeResponse: decodeSaslAuthenticateResponse,
  encodeResponse: encodeSaslAuthenticateResponse,
};

export const CreatePartitionsApi: ApiCodec<CreatePartitionsRequest, CreatePartitionsResponse> = {
  apiKey: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeCreatePartitionsRequest,
  encodeRequest: encodeCreatePartitionsRequest,
  decodeResponse: decodeCreatePartitionsResponse,
  encodeResponse: encodeCreatePartitionsResponse,
};

export const CreateDelegationTokenApi: ApiCodec<CreateDelegationTokenRequest, CreateDelegationTokenResponse> = {
  apiKey: 38,
  name: 'CreateDelegationToken',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeCreateDelegationTokenRequest,
  encodeRequest: encodeCreateDelegationTokenRequest,
  decodeResponse: decodeCreateDelegationTokenResponse,
  encodeResponse: encodeCreateDelegationTokenResponse,
};

export const RenewDelegationTokenApi: ApiCodec<RenewDelegationTokenRequest, RenewDelegationTokenResponse> = {
  apiKey: 39,
  name: 'RenewDelegationToken',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeRenewDelegationTokenRequest,
  encodeRequest: encodeRenewDelegationTokenRequest,
  decodeResponse: decodeRenewDelegationTokenResponse,
  encodeResponse: encodeRenewDelegationTokenResponse,
};

export const ExpireDelegationTokenApi: ApiCodec<ExpireDelegationTokenRequest, ExpireDelegationTokenResponse> = {
  apiKey: 40,
  name: 'ExpireDelegationToken',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeExpireDelegationTokenRequest,
  encodeRequest: encodeExpireDelegationTokenRequest,
  decodeResponse: decodeExpireDelegationTokenResponse,
  encodeResponse: encodeExpireDelegationTokenResponse,
};

export const DescribeDelegationTokenApi: ApiCodec<DescribeDelegationTokenRequest, DescribeDelegationTokenResponse> = {
  apiKey: 41,
  name: 'DescribeDelegationToken',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDescribeDelegationTokenRequest,
  encodeRequest: encodeDescribeDelegationTokenRequest,
  decodeResponse: decodeDescribeDelegationTokenResponse,
  encodeResponse: encodeDescribeDelegationTokenResponse,
};

export const DeleteGroupsApi: ApiCodec<DeleteGroupsRequest, DeleteGroupsResponse> = {
  apiKey: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDeleteGroupsRequest,
  encodeRequest: encodeDeleteGroupsRequest,
  decodeResponse: decodeDeleteGroupsResponse,
  encodeResponse: encodeDeleteGroupsResponse,
};

export const ElectLeadersApi: ApiCodec<ElectLeadersRequest, ElectLeadersResponse> = {
  apiKey: 43,
  name: 'ElectLeaders',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 2,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeElectLeadersRequest,
  encodeRequest: encodeElectLeadersRequest,
  decodeResponse: decodeElectLeadersResponse,
  encodeResponse: encodeElectLeadersResponse,
};

export const IncrementalAlterConfigsApi: ApiCodec<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse> = {
  apiKey: 44,
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 1,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeIncrementalAlterConfigsRequest,
  encodeRequest: encodeIncrementalAlterConfigsRequest,
  decodeResponse: decodeIncrementalAlterConfigsResponse,
  encodeResponse: encodeIncrementalAlterConfigsResponse,
};

export const AlterPartitionReassignmentsApi: ApiCodec<AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse> = {
  apiKey: 45,
  name: 'AlterPartitionReassignments',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker', 'controller', 'zkBroker'],
  decodeRequest: decodeAlterPartitionReassignmentsRequest,
  encodeRequest: encodeAlterPartitionReassignmentsRequest,
  decodeResponse: decodeAlterPartitionReassignmentsResponse,
  encodeResponse: encodeAlterPartitionReassignmentsResponse,
};

export const ListPartitionReassignmentsApi: ApiCodec<ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse> = {
  apiKey: 46,
  name: 'ListPartitionReassignments',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker', 'controller', 'zkBroker'],
  decodeRequest: decodeListPartitionReassignmentsRequest,
  encodeRequest: encodeListPartitionReassignmentsRequest,
  decodeResponse: decodeListPartitionReassignmentsResponse,
  encodeResponse: encodeListPartitionReassignmentsResponse,
};

export const OffsetDeleteApi: ApiCodec<OffsetDeleteRequest, OffsetDeleteResponse> = {
  apiKey: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: -1,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeOffsetDeleteRequest,
  encodeRequest: encodeOffsetDeleteRequest,
  decodeResponse: decodeOffsetDeleteResponse,
  encodeResponse: encodeOffsetDeleteResponse,
};

export const DescribeClientQuotasApi: ApiCodec<DescribeClientQuotasRequest, DescribeClientQuotasResponse> = {
  apiKey: 48,
  name: 'DescribeClientQuotas',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 1,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDescribeClientQuotasRequest,
  encodeRequest: encodeDescribeClientQuotasRequest,
  decodeResponse: decodeDescribeClientQuotasResponse,
  encodeResponse: encodeDescribeClientQuotasResponse,
};

export const AlterClientQuotasApi: ApiCodec<AlterClientQuotasRequest, AlterClientQuotasResponse> = {
  apiKey: 49,
  name: 'AlterClientQuotas',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 1,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeAlterClientQuotasRequest,
  encodeRequest: encodeAlterClientQuotasRequest,
  decodeResponse: decodeAlterClientQuotasResponse,
  encodeResponse: encodeAlterClientQuotasResponse,
};

export const DescribeUserScramCredentialsApi: ApiCodec<DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse> = {
  apiKey: 50,
  name: 'DescribeUserScramCredentials',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDescribeUserScramCredentialsRequest,
  encodeRequest: encodeDescribeUserScramCredentialsRequest,
  decodeResponse: decodeDescribeUserScramCredentialsResponse,
  encodeResponse: encodeDescribeUserScramCredentialsResponse,
};

export const AlterUserScramCredentialsApi: ApiCodec<AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponse> = {
  apiKey: 51,
  name: 'AlterUserScramCredentials',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeAlterUserScramCredentialsRequest,
  encodeRequest: encodeAlterUserScramCredentialsRequest,
  decodeResponse: decodeAlterUserScramCredentialsResponse,
  encodeResponse: encodeAlterUserScramCredentialsResponse,
};

export const VoteApi: ApiCodec<VoteRequest, VoteResponse> = {
  apiKey: 52,
  name: 'Vote',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeVoteRequest,
  encodeRequest: encodeVoteRequest,
  decodeResponse: decodeVoteResponse,
  encodeResponse: encodeVoteResponse,
};

export const BeginQuorumEpochApi: ApiCodec<BeginQuorumEpochRequest, BeginQuorumEpochResponse> = {
  apiKey: 53,
  name: 'BeginQuorumEpoch',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 1,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeBeginQuorumEpochRequest,
  encodeRequest: encodeBeginQuorumEpochRequest,
  decodeResponse: decodeBeginQuorumEpochResponse,
  encodeResponse: encodeBeginQuorumEpochResponse,
};

export const EndQuorumEpochApi: ApiCodec<EndQuorumEpochRequest, EndQuorumEpochResponse> = {
  apiKey: 54,
  name: 'EndQuorumEpoch',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 1,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeEndQuorumEpochRequest,
  encodeRequest: encodeEndQuorumEpochRequest,
  decodeResponse: decodeEndQuorumEpochResponse,
  encodeResponse: encodeEndQuorumEpochResponse,
};

export const DescribeQuorumApi: ApiCodec<DescribeQuorumRequest, DescribeQuorumResponse> = {
  apiKey: 55,
  name: 'DescribeQuorum',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker', 'controller'],
  decodeRequest: decodeDescribeQuorumRequest,
  encodeRequest: encodeDescribeQuorumRequest,
  decodeResponse: decodeDescribeQuorumResponse,
  encodeResponse: encodeDescribeQuorumResponse,
};

export const AlterPartitionApi: ApiCodec<AlterPartitionRequest, AlterPartitionResponse> = {
  apiKey: 56,
  name: 'AlterPartition',
  minVersion: 0,
  maxVersion: 3,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'controller'],
  decodeRequest: decodeAlterPartitionRequest,
  encodeRequest: encodeAlterPartitionRequest,
  decodeResponse: decodeAlterPartitionResponse,
  encodeResponse: encodeAlterPartitionResponse,
};

export const UpdateFeaturesApi: ApiCodec<UpdateFeaturesRequest, UpdateFeaturesResponse> = {
  apiKey: 57,
  name: 'UpdateFeatures',
  minVersion: 0,
  maxVersion: 2,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeUpdateFeaturesRequest,
  encodeRequest: encodeUpdateFeaturesRequest,
  decodeResponse: decodeUpdateFeaturesResponse,
  encodeResponse: encodeUpdateFeaturesResponse,
};

export const EnvelopeApi: ApiCodec<EnvelopeRequest, EnvelopeResponse> = {
  apiKey: 58,
  name: 'Envelope',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller', 'zkBroker'],
  decodeRequest: decodeEnvelopeRequest,
  encodeRequest: encodeEnvelopeRequest,
  decodeResponse: decodeEnvelopeResponse,
  encodeResponse: encodeEnvelopeResponse,
};

export const FetchSnapshotApi: ApiCodec<FetchSnapshotRequest, FetchSnapshotResponse> = {
  apiKey: 59,
  name: 'FetchSnapshot',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeFetchSnapshotRequest,
  encodeRequest: encodeFetchSnapshotRequest,
  decodeResponse: decodeFetchSnapshotResponse,
  encodeResponse: encodeFetchSnapshotResponse,
};

export const DescribeClusterApi: ApiCodec<DescribeClusterRequest, DescribeClusterResponse> = {
  apiKey: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker', 'controller'],
  decodeRequest: decodeDescribeClusterRequest,
  encodeRequest: encodeDescribeClusterRequest,
  decodeResponse: decodeDescribeClusterResponse,
  encodeResponse: encodeDescribeClusterResponse,
};

export const DescribeProducersApi: ApiCodec<DescribeProducersRequest, DescribeProducersResponse> = {
  apiKey: 61,
  name: 'DescribeProducers',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDescribeProducersRequest,
  encodeRequest: encodeDescribeProducersRequest,
  decodeResponse: decodeDescribeProducersResponse,
  encodeResponse: encodeDescribeProducersResponse,
};

export const BrokerRegistrationApi: ApiCodec<BrokerRegistrationRequest, BrokerRegistrationResponse> = {
  apiKey: 62,
  name: 'BrokerRegistration',
  minVersion: 0,
  maxVersion: 4,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeBrokerRegistrationRequest,
  encodeRequest: encodeBrokerRegistrationRequest,
  decodeResponse: decodeBrokerRegistrationResponse,
  encodeResponse: encodeBrokerRegistrationResponse,
};

export const BrokerHeartbeatApi: ApiCodec<BrokerHeartbeatRequest, BrokerHeartbeatResponse> = {
  apiKey: 63,
  name: 'BrokerHeartbeat',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeBrokerHeartbeatRequest,
  encodeRequest: encodeBrokerHeartbeatRequest,
  decodeResponse: decodeBrokerHeartbeatResponse,
  encodeResponse: encodeBrokerHeartbeatResponse,
};

export const UnregisterBrokerApi: ApiCodec<UnregisterBrokerRequest, UnregisterBrokerResponse> = {
  apiKey: 64,
  name: 'UnregisterBroker',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker', 'controller'],
  decodeRequest: decodeUnregisterBrokerRequest,
  encodeRequest: encodeUnregisterBrokerRequest,
  decodeResponse: decodeUnregisterBrokerResponse,
  encodeResponse: encodeUnregisterBrokerResponse,
};

export const DescribeTransactionsApi: ApiCodec<DescribeTransactionsRequest, DescribeTransactionsResponse> = {
  apiKey: 65,
  name: 'DescribeTransactions',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeDescribeTransactionsRequest,
  encodeRequest: encodeDescribeTransactionsRequest,
  decodeResponse: decodeDescribeTransactionsResponse,
  encodeResponse: encodeDescribeTransactionsResponse,
};

export const ListTransactionsApi: ApiCodec<ListTransactionsRequest, ListTransactionsResponse> = {
  apiKey: 66,
  name: 'ListTransactions',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeListTransactionsRequest,
  encodeRequest: encodeListTransactionsRequest,
  decodeResponse: decodeListTransactionsResponse,
  encodeResponse: encodeListTransactionsResponse,
};

export const AllocateProducerIdsApi: ApiCodec<AllocateProducerIdsRequest, AllocateProducerIdsResponse> = {
  apiKey: 67,
  name: 'AllocateProducerIds',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'controller'],
  decodeRequest: decodeAllocateProducerIdsRequest,
  encodeRequest: encodeAllocateProducerIdsRequest,
  decodeResponse: decodeAllocateProducerIdsResponse,
  encodeResponse: encodeAllocateProducerIdsResponse,
};

export const ConsumerGroupHeartbeatApi: ApiCodec<ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse> = {
  apiKey: 68,
  name: 'ConsumerGroupHeartbeat',
  minVersion: 0,
  maxVersion: 1,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeConsumerGroupHeartbeatRequest,
  encodeRequest: encodeConsumerGroupHeartbeatRequest,
  decodeResponse: decodeConsumerGroupHeartbeatResponse,
  encodeResponse: encodeConsumerGroupHeartbeatResponse,
};

export const ConsumerGroupDescribeApi: ApiCodec<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> = {
  apiKey: 69,
  name: 'ConsumerGroupDescribe',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['zkBroker', 'broker'],
  decodeRequest: decodeConsumerGroupDescribeRequest,
  encodeRequest: encodeConsumerGroupDescribeRequest,
  decodeResponse: decodeConsumerGroupDescribeResponse,
  encodeResponse: encodeConsumerGroupDescribeResponse,
};

export const ControllerRegistrationApi: ApiCodec<ControllerRegistrationRequest, ControllerRegistrationResponse> = {
  apiKey: 70,
  name: 'ControllerRegistration',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeControllerRegistrationRequest,
  encodeRequest: encodeControllerRegistrationRequest,
  decodeResponse: decodeControllerRegistrationResponse,
  encodeResponse: encodeControllerRegistrationResponse,
};

export const GetTelemetrySubscriptionsApi: ApiCodec<GetTelemetrySubscriptionsRequest, GetTelemetrySubscriptionsResponse> = {
  apiKey: 71,
  name: 'GetTelemetrySubscriptions',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker'],
  decodeRequest: decodeGetTelemetrySubscriptionsRequest,
  encodeRequest: encodeGetTelemetrySubscriptionsRequest,
  decodeResponse: decodeGetTelemetrySubscriptionsResponse,
  encodeResponse: encodeGetTelemetrySubscriptionsResponse,
};

export const PushTelemetryApi: ApiCodec<PushTelemetryRequest, PushTelemetryResponse> = {
  apiKey: 72,
  name: 'PushTelemetry',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker'],
  decodeRequest: decodePushTelemetryRequest,
  encodeRequest: encodePushTelemetryRequest,
  decodeResponse: decodePushTelemetryResponse,
  encodeResponse: encodePushTelemetryResponse,
};

export const AssignReplicasToDirsApi: ApiCodec<AssignReplicasToDirsRequest, AssignReplicasToDirsResponse> = {
  apiKey: 73,
  name: 'AssignReplicasToDirs',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeAssignReplicasToDirsRequest,
  encodeRequest: encodeAssignReplicasToDirsRequest,
  decodeResponse: decodeAssignReplicasToDirsResponse,
  encodeResponse: encodeAssignReplicasToDirsResponse,
};

export const ListClientMetricsResourcesApi: ApiCodec<ListClientMetricsResourcesRequest, ListClientMetricsResourcesResponse> = {
  apiKey: 74,
  name: 'ListClientMetricsResources',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker'],
  decodeRequest: decodeListClientMetricsResourcesRequest,
  encodeRequest: encodeListClientMetricsResourcesRequest,
  decodeResponse: decodeListClientMetricsResourcesResponse,
  encodeResponse: encodeListClientMetricsResourcesResponse,
};

export const DescribeTopicPartitionsApi: ApiCodec<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse> = {
  apiKey: 75,
  name: 'DescribeTopicPartitions',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker'],
  decodeRequest: decodeDescribeTopicPartitionsRequest,
  encodeRequest: encodeDescribeTopicPartitionsRequest,
  decodeResponse: decodeDescribeTopicPartitionsResponse,
  encodeResponse: encodeDescribeTopicPartitionsResponse,
};

export const ShareGroupHeartbeatApi: ApiCodec<ShareGroupHeartbeatRequest, ShareGroupHeartbeatResponse> = {
  apiKey: 76,
  name: 'ShareGroupHeartbeat',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeShareGroupHeartbeatRequest,
  encodeRequest: encodeShareGroupHeartbeatRequest,
  decodeResponse: decodeShareGroupHeartbeatResponse,
  encodeResponse: encodeShareGroupHeartbeatResponse,
};

export const ShareGroupDescribeApi: ApiCodec<ShareGroupDescribeRequest, ShareGroupDescribeResponse> = {
  apiKey: 77,
  name: 'ShareGroupDescribe',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeShareGroupDescribeRequest,
  encodeRequest: encodeShareGroupDescribeRequest,
  decodeResponse: decodeShareGroupDescribeResponse,
  encodeResponse: encodeShareGroupDescribeResponse,
};

export const ShareFetchApi: ApiCodec<ShareFetchRequest, ShareFetchResponse> = {
  apiKey: 78,
  name: 'ShareFetch',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeShareFetchRequest,
  encodeRequest: encodeShareFetchRequest,
  decodeResponse: decodeShareFetchResponse,
  encodeResponse: encodeShareFetchResponse,
};

export const ShareAcknowledgeApi: ApiCodec<ShareAcknowledgeRequest, ShareAcknowledgeResponse> = {
  apiKey: 79,
  name: 'ShareAcknowledge',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeShareAcknowledgeRequest,
  encodeRequest: encodeShareAcknowledgeRequest,
  decodeResponse: decodeShareAcknowledgeResponse,
  encodeResponse: encodeShareAcknowledgeResponse,
};

export const AddRaftVoterApi: ApiCodec<AddRaftVoterRequest, AddRaftVoterResponse> = {
  apiKey: 80,
  name: 'AddRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller', 'broker'],
  decodeRequest: decodeAddRaftVoterRequest,
  encodeRequest: encodeAddRaftVoterRequest,
  decodeResponse: decodeAddRaftVoterResponse,
  encodeResponse: encodeAddRaftVoterResponse,
};

export const RemoveRaftVoterApi: ApiCodec<RemoveRaftVoterRequest, RemoveRaftVoterResponse> = {
  apiKey: 81,
  name: 'RemoveRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller', 'broker'],
  decodeRequest: decodeRemoveRaftVoterRequest,
  encodeRequest: encodeRemoveRaftVoterRequest,
  decodeResponse: decodeRemoveRaftVoterResponse,
  encodeResponse: encodeRemoveRaftVoterResponse,
};

export const UpdateRaftVoterApi: ApiCodec<UpdateRaftVoterRequest, UpdateRaftVoterResponse> = {
  apiKey: 82,
  name: 'UpdateRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['controller'],
  decodeRequest: decodeUpdateRaftVoterRequest,
  encodeRequest: encodeUpdateRaftVoterRequest,
  decodeResponse: decodeUpdateRaftVoterResponse,
  encodeResponse: encodeUpdateRaftVoterResponse,
};

export const InitializeShareGroupStateApi: ApiCodec<InitializeShareGroupStateRequest, InitializeShareGroupStateResponse> = {
  apiKey: 83,
  name: 'InitializeShareGroupState',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeInitializeShareGroupStateRequest,
  encodeRequest: encodeInitializeShareGroupStateRequest,
  decodeResponse: decodeInitializeShareGroupStateResponse,
  encodeResponse: encodeInitializeShareGroupStateResponse,
};

export const ReadShareGroupStateApi: ApiCodec<ReadShareGroupStateRequest, ReadShareGroupStateResponse> = {
  apiKey: 84,
  name: 'ReadShareGroupState',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeReadShareGroupStateRequest,
  encodeRequest: encodeReadShareGroupStateRequest,
  decodeResponse: decodeReadShareGroupStateResponse,
  encodeResponse: encodeReadShareGroupStateResponse,
};

export const WriteShareGroupStateApi: ApiCodec<WriteShareGroupStateRequest, WriteShareGroupStateResponse> = {
  apiKey: 85,
  name: 'WriteShareGroupState',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeWriteShareGroupStateRequest,
  encodeRequest: encodeWriteShareGroupStateRequest,
  decodeResponse: decodeWriteShareGroupStateResponse,
  encodeResponse: encodeWriteShareGroupStateResponse,
};

export const DeleteShareGroupStateApi: ApiCodec<DeleteShareGroupStateRequest, DeleteShareGroupStateResponse> = {
  apiKey: 86,
  name: 'DeleteShareGroupState',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeDeleteShareGroupStateRequest,
  encodeRequest: encodeDeleteShareGroupStateRequest,
  decodeResponse: decodeDeleteShareGroupStateResponse,
  encodeResponse: encodeDeleteShareGroupStateResponse,
};

export const ReadShareGroupStateSummaryApi: ApiCodec<ReadShareGroupStateSummaryRequest, ReadShareGroupStateSummaryResponse> = {
  apiKey: 87,
  name: 'ReadShareGroupStateSummary',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: true,
  listeners: ['broker'],
  decodeRequest: decodeReadShareGroupStateSummaryRequest,
  encodeRequest: encodeReadShareGroupStateSummaryRequest,
  decodeResponse: decodeReadShareGroupStateSummaryResponse,
  encodeResponse: encodeReadShareGroupStateSummaryResponse,
};

export const GetReplicaLogInfoApi: ApiCodec<GetReplicaLogInfoRequest, GetReplicaLogInfoResponse> = {
  apiKey: 93,
  name: 'GetReplicaLogInfo',
  minVersion: 0,
  maxVersion: 0,
  flexibleMinVersion: 0,
  latestVersionUnstable: false,
  listeners: ['broker'],
  decodeRequest: decodeGetReplicaLogInfoRequest,
  encodeRequest: encodeGetReplicaLogInfoRequest,
  decodeResponse: decodeGetReplicaLogInfoResponse,
  encodeResponse: encodeGetReplicaLogInfoResponse,
};


/** Codecs indexed by api key; holes are undefined. */
export const API_CODECS: readonly (ApiCodec | undefined)[] = (() => {
  const table: (ApiCodec | undefined)[] = [];
  table[0] = ProduceApi;
  table[1] = FetchApi;
  table[2] = ListOffsetsApi;
  table[3] = MetadataApi;
  table[4] = LeaderAndIsrApi;
  table[5] = StopReplicaApi;
  table[6] = UpdateMetadataApi;
  table[7] = ControlledShutdownApi;
  table[8] = OffsetCommitApi;
  table[9] = OffsetFetchApi;
  table[10] = FindCoordinatorApi;
  table[11] = JoinGroupApi;
  table[12] = HeartbeatApi;
  table[13] = LeaveGroupApi;
  table[14] = SyncGroupApi;
  table[15] = DescribeGroupsApi;
  table[16] = ListGroupsApi;
  table[17] = SaslHandshakeApi;
  table[18] = ApiVersionsApi;
  table[19] = CreateTopicsApi;
  table[20] = DeleteTopicsApi;
  table[21] = DeleteRecordsApi;
  table[22] = InitProducerIdApi;
  table[23] = OffsetForLeaderEpochApi;
  table[24] = AddPartitionsToTxnApi;
  table[25] = AddOffsetsToTxnApi;
  table[26] = EndTxnApi;
  table[27] = WriteTxnMarkersApi;
  table[28] = TxnOffsetCommitApi;
  table[29] = DescribeAclsApi;
  table[30] = CreateAclsApi;
  table[31] = DeleteAclsApi;
  table[32] = DescribeConfigsApi;
  table[33] = AlterConfigsApi;
  table[34] = AlterReplicaLogDirsApi;
  table[35] = DescribeLogDirsApi;
  table[36] = SaslAuthenticateApi;
  table[37] = CreatePartitionsApi;
  table[38] = CreateDelegationTokenApi;
  table[39] = RenewDelegationTokenApi;
  table[40] = ExpireDelegationTokenApi;
  table[41] = DescribeDelegationTokenApi;
  table[42] = DeleteGroupsApi;
  table[43] = ElectLeadersApi;
  table[44] = IncrementalAlterConfigsApi;
  table[45] = AlterPartitionReassignmentsApi;
  table[46] = ListPartitionReassignmentsApi;
  table[47] = OffsetDeleteApi;
  table[48] = DescribeClientQuotasApi;
  table[49] = AlterClientQuotasApi;
  table[50] = DescribeUserScramCredentialsApi;
  table[51] = AlterUserScramCredentialsApi;
  table[52] = VoteApi;
  table[53] = BeginQuorumEpochApi;
  table[54] = EndQuorumEpochApi;
  table[55] = DescribeQuorumApi;
  table[56] = AlterPartitionApi;
  table[57] = UpdateFeaturesApi;
  table[58] = EnvelopeApi;
  table[59] = FetchSnapshotApi;
  table[60] = DescribeClusterApi;
  table[61] = DescribeProducersApi;
  table[62] = BrokerRegistrationApi;
  table[63] = BrokerHeartbeatApi;
  table[64] = UnregisterBrokerApi;
  table[65] = DescribeTransactionsApi;
  table[66] = ListTransactionsApi;
  table[67] = AllocateProducerIdsApi;
  table[68] = ConsumerGroupHeartbeatApi;
  table[69] = ConsumerGroupDescribeApi;
  table[70] = ControllerRegistrationApi;
  table[71] = GetTelemetrySubscriptionsApi;
  table[72] = PushTelemetryApi;
  table[73] = AssignReplicasToDirsApi;
  table[74] = ListClientMetricsResourcesApi;
  table[75] = DescribeTopicPartitionsApi;
  table[76] = ShareGroupHeartbeatApi;
  table[77] = ShareGroupDescribeApi;
  table[78] = ShareFetchApi;
  table[79] = ShareAcknowledgeApi;
  table[80] = AddRaftVoterApi;
  table[81] = RemoveRaftVoterApi;
  table[82] = UpdateRaftVoterApi;
  table[83] = InitializeShareGroupStateApi;
  table[84] = ReadShareGroupStateApi;
  table[85] = WriteShareGroupStateApi;
  table[86] = DeleteShareGroupStateApi;
  table[87] = ReadShareGroupStateSummaryApi;
  table[93] = GetReplicaLogInfoApi;
  return table;
})();

export function apiCodec(apiKey: number): ApiCodec | undefined {
  return apiKey >= 0 ? API_CODECS[apiKey] : undefined;
}
