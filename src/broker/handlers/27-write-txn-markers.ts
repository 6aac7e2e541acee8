// WriteTxnMarkers, versions 0-1 (v1 flexible): a transaction coordinator asks the partition leaders to end a
// producer's transaction with a COMMIT or ABORT control batch (transactions/markers.ts). Per partition:
// UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS (ISR under min.insync.replicas),
// INVALID_PRODUCER_EPOCH (the marker's producer epoch is older than the partition's: Kafka accepts the
// same or a newer one, which the partition then takes), TRANSACTION_COORDINATOR_FENCED (an older
// coordinator epoch than the producer's last marker), REQUEST_TIMED_OUT when its followers do not copy it
// within 30 s. Answered once every marker is committed (replicated as acks=all); the marker listeners
// (hooks.ts) hear of each one then. All partitions are written at once.
// Skipped: the CLUSTER_ACTION authorisation (no ACLs).
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster (every partition CLUSTER_AUTHORIZATION_FAILED).
import { AclOperation } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { WriteTxnMarkersApi } from '../../protocol/generated/api-keys.js';
import {
  createWriteTxnMarkersResponse,
  type WriteTxnMarkersResponseWritableTxnMarkerPartitionResult,
  type WriteTxnMarkersResponseWritableTxnMarkerResult,
} from '../../protocol/generated/write-txn-markers.js';
import { defineHandler } from '../handler.js';
import { clusterAllowed } from '../security/authorizer.js';
import { writeTxnMarker } from '../transactions/markers.js';

export const writeTxnMarkers = defineHandler(
  WriteTxnMarkersApi,
  0,
  1,
  async (ctx, req, _v, _h, _t, session) => {
    if (!clusterAllowed(ctx.authorizer, session, AclOperation.CLUSTER_ACTION)) {
      return createWriteTxnMarkersResponse({
        markers: req.markers.map((m) => ({
          producerId: m.producerId,
          topics: m.topics.map((t) => ({
            name: t.name,
            partitions: t.partitionIndexes.map((partitionIndex) => ({
              partitionIndex,
              errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
            })),
          })),
        })),
      });
    }
    const markers: WriteTxnMarkersResponseWritableTxnMarkerResult[] = [];
    const pending: Promise<void>[] = [];
    for (const m of req.markers) {
      const result: WriteTxnMarkersResponseWritableTxnMarkerResult = { producerId: m.producerId, topics: [] };
      markers.push(result);
      const spec = {
        producerId: m.producerId,
        producerEpoch: m.producerEpoch,
        coordinatorEpoch: m.coordinatorEpoch,
        commit: m.transactionResult,
      };
      for (const t of m.topics) {
        const partitions: WriteTxnMarkersResponseWritableTxnMarkerPartitionResult[] = [];
        result.topics.push({ name: t.name, partitions });
        for (const index of t.partitionIndexes) {
          const p = { partitionIndex: index, errorCode: ErrorCode.NONE as number };
          partitions.push(p);
          if (m.producerId < 0 || m.producerEpoch < 0) {
            p.errorCode = ErrorCode.INVALID_REQUEST;
            continue;
          }
          pending.push(
            writeTxnMarker(ctx, t.name, index, spec).then((code) => {
              p.errorCode = code;
            }),
          );
        }
      }
    }
    await Promise.all(pending);
    return createWriteTxnMarkersResponse({ markers });
  },
);
