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
import { ErrorCode } from '../../protocol/errors.js';
import {
  type AlterConfigsRequestAlterConfigsResource,
  type AlterConfigsResponseAlterConfigsResourceResponse,
  createAlterConfigsResponse,
} from '../../protocol/generated/alter-configs.js';
import { AlterConfigsApi } from '../../protocol/generated/api-keys.js';
import { type BrokerContext, defineHandler } from '../handler.js';
import { applyChanges, ConfigOp, changeTopicConfigs, ResourceType } from '../topic-config-changes.js';

export const alterConfigs = defineHandler(AlterConfigsApi, 0, 2, async (ctx, req, version) => {
  if (ctx.cluster !== null) return ctx.cluster.alterConfigs(req, version);
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
  return createAlterConfigsResponse({ responses });
});

async function alterOne(
  ctx: BrokerContext,
  r: AlterConfigsRequestAlterConfigsResource,
  validateOnly: boolean,
): Promise<AlterConfigsResponseAlterConfigsResourceResponse> {
  if (r.resourceType !== ResourceType.TOPIC) {
    return result(
      r,
      ErrorCode.INVALID_REQUEST,
      `configs of resource type ${r.resourceType} cannot be altered`,
    );
  }
  const changes = r.configs.map((c) => ({ name: c.name, op: ConfigOp.SET, value: c.value }));
  const done = await changeTopicConfigs(ctx, r.resourceName, () => applyChanges({}, changes), validateOnly);
  return result(r, done.errorCode, done.errorMessage);
}

function result(
  r: { resourceType: number; resourceName: string },
  errorCode: number,
  errorMessage: string | null,
): AlterConfigsResponseAlterConfigsResourceResponse {
  return { errorCode, errorMessage, resourceType: r.resourceType, resourceName: r.resourceName };
}
