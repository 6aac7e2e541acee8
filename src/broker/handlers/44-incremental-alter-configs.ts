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
import { ErrorCode } from '../../protocol/errors.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api-keys.js';
import {
  createIncrementalAlterConfigsResponse,
  type IncrementalAlterConfigsRequestAlterConfigsResource,
  type IncrementalAlterConfigsResponseAlterConfigsResourceResponse,
} from '../../protocol/generated/incremental-alter-configs.js';
import { type BrokerContext, defineHandler } from '../handler.js';
import { applyChanges, changeTopicConfigs, ResourceType } from '../topic-config-changes.js';

export const incrementalAlterConfigs = defineHandler(
  IncrementalAlterConfigsApi,
  0,
  1,
  async (ctx, req, version) => {
    if (ctx.cluster !== null) return ctx.cluster.incrementalAlterConfigs(req, version);
    const counts = new Map<string, number>();
    const id = (r: { resourceType: number; resourceName: string }) => `${r.resourceType}:${r.resourceName}`;
    for (const r of req.resources) counts.set(id(r), (counts.get(id(r)) ?? 0) + 1);
    const responses = await Promise.all(
      req.resources.map((r) =>
        (counts.get(id(r)) ?? 0) > 1
          ? result(r, ErrorCode.INVALID_REQUEST, `resource '${r.resourceName}' appears more than once`)
          : alterOne(ctx, r, req.validateOnly),
      ),
    );
    return createIncrementalAlterConfigsResponse({ responses });
  },
);

async function alterOne(
  ctx: BrokerContext,
  r: IncrementalAlterConfigsRequestAlterConfigsResource,
  validateOnly: boolean,
): Promise<IncrementalAlterConfigsResponseAlterConfigsResourceResponse> {
  if (r.resourceType !== ResourceType.TOPIC) {
    return result(
      r,
      ErrorCode.INVALID_REQUEST,
      `configs of resource type ${r.resourceType} cannot be altered`,
    );
  }
  const changes = r.configs.map((c) => ({ name: c.name, op: c.configOperation, value: c.value }));
  const done = await changeTopicConfigs(
    ctx,
    r.resourceName,
    (current) => applyChanges(current, changes),
    validateOnly,
  );
  return result(r, done.errorCode, done.errorMessage);
}

function result(
  r: { resourceType: number; resourceName: string },
  errorCode: number,
  errorMessage: string | null,
): IncrementalAlterConfigsResponseAlterConfigsResourceResponse {
  return { errorCode, errorMessage, resourceType: r.resourceType, resourceName: r.resourceName };
}
