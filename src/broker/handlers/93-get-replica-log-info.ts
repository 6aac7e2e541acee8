// GetReplicaLogInfo, version 0 (KIP-966, api key 93; Apache Kafka's layout, not in the reference folder
// yet): the active controller's unclean recovery asks each live replica of a partition with an empty ISR
// and ELR for its log end offset and last written leader epoch, and elects the longest log. Answered from
// the partition state of every replica hosted here, leader or follower (cluster/replica-log-info.ts).
// Authorization (with --authorizer): CLUSTER_ACTION on the cluster, else CLUSTER_AUTHORIZATION_FAILED on
// every partition asked.
import { AclOperation } from '../../cluster/metadata/acls.js';
import { answerReplicaLogInfo } from '../../cluster/replica-log-info.js';
import { GetReplicaLogInfoApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { requireCluster } from '../security/cluster-gate.js';

export const getReplicaLogInfo = requireCluster(
  AclOperation.CLUSTER_ACTION,
  (req, errorCode) => ({
    throttleTimeMs: 0,
    brokerEpoch: -1,
    truncated: false,
    topicPartitionLogInfoList: (req.topicPartitions ?? []).map((t) => ({
      topicId: t.topicId,
      partitionLogInfo: t.partitions.map((partition) => ({
        partition,
        lastWrittenLeaderEpoch: -1,
        currentLeaderEpoch: -1,
        logEndOffset: -1,
        errorCode,
      })),
    })),
  }),
  defineHandler(GetReplicaLogInfoApi, 0, 0, (ctx, req) =>
    answerReplicaLogInfo(
      {
        topicName: (id) => ctx.replicas.topicById(id)?.name,
        replica: (topic, partition) => {
          const state = ctx.replicas.partitions(topic)[partition];
          return state?.replicas.includes(ctx.nodeId) === true ? state : undefined;
        },
      },
      ctx.cluster.brokerEpoch,
      req,
    ),
  ),
);
