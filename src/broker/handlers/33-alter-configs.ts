// AlterConfigs, versions 0-2.
//
// The active controller decides (a broker alone is its own controller): the request goes to it through the
// cluster (src/cluster/cluster-node.ts) and is answered once the change is visible on this broker, which
// then reopens the topic's partition logs with it (topic-config-changes.ts). The legacy, non-incremental
// form: the configs given become the topic's whole set of explicit configs (any not listed go back to the
// broker's defaults). TOPIC resources only; BROKER and other resources get INVALID_REQUEST, an unknown topic
// UNKNOWN_TOPIC_OR_PARTITION, an unknown name or bad value INVALID_CONFIG. validate_only checks without
// changing anything. v1 is v0 (throttling semantics); v2 is flexible.
// Authorization (with --authorizer): ALTER_CONFIGS on the topic (TOPIC_AUTHORIZATION_FAILED) or, for broker
// resources, the cluster (CLUSTER_AUTHORIZATION_FAILED).
import { createAlterConfigsResponse } from '../../protocol/generated/alter-configs.js';
import { AlterConfigsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { alterConfigsAuthorized } from '../security/cluster-gate.js';

export const alterConfigs = defineHandler(
  AlterConfigsApi,
  0,
  2,
  (ctx, req, version, _header, _timing, session) =>
    alterConfigsAuthorized(
      ctx.authorizer,
      session,
      req.resources,
      (resources) => ctx.cluster.alterConfigs({ ...req, resources }, version),
      () => createAlterConfigsResponse({ responses: [] }),
    ),
);
