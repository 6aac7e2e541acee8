// IncrementalAlterConfigs, versions 0-1.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the change is visible on this broker, which
// then reopens the topic's partition logs with it (topic-config-changes.ts). Per config: SET, DELETE (back
// to the broker's default), APPEND and SUBTRACT (list configs only, i.e. cleanup.policy; starting from the
// default when the topic does not set it). TOPIC resources only; BROKER and other resources get
// INVALID_REQUEST, an unknown topic UNKNOWN_TOPIC_OR_PARTITION, an unknown name or bad value INVALID_CONFIG,
// a config named twice INVALID_REQUEST. A resource's changes apply all or none; validate_only checks without
// changing anything. v1 is flexible.
// Authorization (with --authorizer): ALTER_CONFIGS on the topic (TOPIC_AUTHORIZATION_FAILED) or, for broker
// resources, the cluster (CLUSTER_AUTHORIZATION_FAILED).

import { IncrementalAlterConfigsApi } from '../../protocol/generated/api-keys.js';
import { createIncrementalAlterConfigsResponse } from '../../protocol/generated/incremental-alter-configs.js';
import { defineHandler } from '../handler.js';
import { alterConfigsAuthorized } from '../security/cluster-gate.js';

export const incrementalAlterConfigs = defineHandler(
  IncrementalAlterConfigsApi,
  0,
  1,
  (ctx, req, version, _header, _timing, session) =>
    alterConfigsAuthorized(
      ctx.authorizer,
      session,
      req.resources,
      (resources) => ctx.cluster.incrementalAlterConfigs({ ...req, resources }, version),
      () => createIncrementalAlterConfigsResponse({ responses: [] }),
    ),
);
