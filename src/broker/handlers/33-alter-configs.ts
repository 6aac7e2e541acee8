// AlterConfigs, versions 0-2.
//
// In a cluster the active controller decides: the request goes to it (cluster.ts) and is answered once the
// change is visible on this broker. What follows is the lone broker's own handling.
//
// The legacy, non-incremental form: the configs given become the topic's whole set of explicit configs (any
// not listed go back to the broker's defaults). TOPIC resources only; BROKER and other resources get
// INVALID_REQUEST, an unknown topic UNKNOWN_TOPIC_OR_PARTITION, an unknown name or bad value INVALID_CONFIG,
// a resource named twice INVALID_REQUEST. validate_only checks without changing anything. Changes apply to
// the running partition logs and are persisted before the answer (see topic-config-changes.ts).
// v1 is v0 (throttling semantics); v2 is flexible.
import { createAlterConfigsResponse } from '../../protocol/generated/alter-configs.js';
import { AlterConfigsApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { alterTopicResources, applyChanges, ConfigOp } from '../topic-config-changes.js';

export const alterConfigs = defineHandler(AlterConfigsApi, 0, 2, async (ctx, req, version) => {
  if (ctx.cluster !== null) return ctx.cluster.alterConfigs(req, version);
  // The given set replaces the topic's explicit configs.
  const responses = await alterTopicResources(
    ctx,
    req.resources,
    req.validateOnly,
    (r) => () =>
      applyChanges(
        {},
        r.configs.map((c) => ({ name: c.name, op: ConfigOp.SET, value: c.value })),
      ),
  );
  return createAlterConfigsResponse({ responses });
});
