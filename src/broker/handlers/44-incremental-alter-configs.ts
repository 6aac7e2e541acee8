// IncrementalAlterConfigs, versions 0-1.
//
// In a cluster the active controller decides: the request goes to it (cluster.ts) and is answered once the
// change is visible on this broker. What follows is the lone broker's own handling.
//
// Per config: SET, DELETE (back to the broker's default), APPEND and SUBTRACT (list configs only, i.e.
// cleanup.policy; starting from the default when the topic does not set it). TOPIC resources only; BROKER and
// other resources get INVALID_REQUEST, an unknown topic UNKNOWN_TOPIC_OR_PARTITION, an unknown name or bad
// value INVALID_CONFIG, a config or resource named twice INVALID_REQUEST. A resource's changes apply all or
// none; validate_only checks without changing anything. Changes apply to the running partition logs and are
// persisted before the answer (see topic-config-changes.ts). v1 is flexible.
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api-keys.js';
import { createIncrementalAlterConfigsResponse } from '../../protocol/generated/incremental-alter-configs.js';
import { defineHandler } from '../handler.js';
import { alterTopicResources, applyChanges } from '../topic-config-changes.js';

export const incrementalAlterConfigs = defineHandler(
  IncrementalAlterConfigsApi,
  0,
  1,
  async (ctx, req, version) => {
    if (ctx.cluster !== null) return ctx.cluster.incrementalAlterConfigs(req, version);
    const responses = await alterTopicResources(
      ctx,
      req.resources,
      req.validateOnly,
      (r) => (current) =>
        applyChanges(
          current,
          r.configs.map((c) => ({ name: c.name, op: c.configOperation, value: c.value })),
        ),
    );
    return createIncrementalAlterConfigsResponse({ responses });
  },
);
