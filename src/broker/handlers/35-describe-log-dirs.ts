// DescribeLogDirs, versions 1-4: the broker's one log dir (--data-dir) with every partition log it holds,
// or the ones asked for (topics null: all). A partition without a log here is left out, as in Kafka.
// Per partition: its size (the bytes of its segments), offset lag max(0, high watermark - log end offset),
// which Kafka reports for a current replica (0 but on a follower whose high watermark came ahead), and
// is_future false (no replica moves between dirs). v4 adds the file system's total and usable bytes.
// The dir's error code: the first owner thread's failure (KAFKA_STORAGE_ERROR when its logs failed),
// and the partitions of the threads that answered. Top-level error (v3+) NONE: no authorization yet.
// __cluster_metadata is the quorum's, not a topic: left out.
// Authorization (with --authorizer): DESCRIBE on the cluster, else CLUSTER_AUTHORIZATION_FAILED (v3+; before, no dirs).

import { statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import { METADATA_TOPIC } from '../../cluster/broker-cluster.js';
import { AclOperation } from '../../cluster/metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DescribeLogDirsApi } from '../../protocol/generated/api-keys.js';
import {
  createDescribeLogDirsResponse,
  type DescribeLogDirsResponseDescribeLogDirsTopic,
} from '../../protocol/generated/describe-log-dirs.js';
import { defineHandler } from '../handler.js';
import { clusterAllowed } from '../security/authorizer.js';

export const describeLogDirs = defineHandler(
  DescribeLogDirsApi,
  1,
  4,
  async (ctx, req, version, _header, _timing, session) => {
    if (!clusterAllowed(ctx.authorizer, session, AclOperation.DESCRIBE))
      return {
        throttleTimeMs: 0,
        errorCode: version >= 3 ? ErrorCode.CLUSTER_AUTHORIZATION_FAILED : 0,
        results: [],
      };
    const wanted =
      req.topics === null ? null : new Map(req.topics.map((t) => [t.topic, new Set(t.partitions)]));
    const stats = await ctx.store.logStats(true);
    let errorCode: number = ErrorCode.NONE;
    const byTopic = new Map<string, DescribeLogDirsResponseDescribeLogDirsTopic>();
    for (const s of stats) {
      if (s.errorCode !== ErrorCode.NONE && errorCode === ErrorCode.NONE) errorCode = s.errorCode;
      for (const p of s.partitions ?? []) {
        if (p.topic === METADATA_TOPIC) continue;
        if (wanted !== null && wanted.get(p.topic)?.has(p.partition) !== true) continue;
        let t = byTopic.get(p.topic);
        if (t === undefined) {
          t = { name: p.topic, partitions: [] };
          byTopic.set(p.topic, t);
        }
        const state = ctx.replicas.partitions(p.topic)[p.partition];
        const highWatermark = state?.highWatermark ?? -1;
        t.partitions.push({
          partitionIndex: p.partition,
          partitionSize: p.sizeBytes,
          offsetLag: Math.max(0, highWatermark - p.logEndOffset),
          isFutureKey: false,
        });
      }
    }
    const topics = [...byTopic.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const t of topics) t.partitions.sort((a, b) => a.partitionIndex - b.partitionIndex);
    let totalBytes = -1;
    let usableBytes = -1;
    try {
      const fs = statfsSync(ctx.config.dataDir);
      totalBytes = fs.blocks * fs.bsize;
      usableBytes = fs.bavail * fs.bsize;
    } catch {
      // Unknown sizes stay -1, as Kafka sends when it cannot tell.
    }
    return createDescribeLogDirsResponse({
      errorCode: ErrorCode.NONE,
      results: [{ errorCode, logDir: resolve(ctx.config.dataDir), topics, totalBytes, usableBytes }],
    });
  },
);
