// ApiVersions, versions 0-4.
//
// Advertises exactly the handlers registered in handlers/index.ts with their version ranges. A request at a
// version above 4 never reaches this handler: the broker answers it with UNSUPPORTED_VERSION encoded as v0
// (apiVersionsFallback below), and the client retries at the newest version it shares with us.
// v3+ carries the client software name and version; an illegal one gets INVALID_REQUEST, as in Kafka.
// Skipped: supported and finalized features (none), zk migration (not a ZooKeeper broker).
import { ErrorCode } from '../../protocol/errors.js';
import { ApiVersionsApi } from '../../protocol/generated/api-keys.js';
import {
  type ApiVersionsResponse,
  type ApiVersionsResponseApiVersion,
  createApiVersionsResponse,
} from '../../protocol/generated/api-versions.js';
import { type ApiHandler, type BrokerContext, defineHandler } from '../handler.js';

/** Kafka's rule for client_software_name and client_software_version. */
const SOFTWARE_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

export const apiVersions = defineHandler(ApiVersionsApi, 0, 4, (ctx, req, version) => {
  if (
    version >= 3 &&
    (!SOFTWARE_NAME.test(req.clientSoftwareName) || !SOFTWARE_NAME.test(req.clientSoftwareVersion))
  ) {
    return createApiVersionsResponse({ errorCode: ErrorCode.INVALID_REQUEST });
  }
  return createApiVersionsResponse({ apiKeys: supportedApis(ctx.handlers) });
});

export function supportedApis(handlers: readonly ApiHandler[]): ApiVersionsResponseApiVersion[] {
  return handlers
    .map((h) => ({ apiKey: h.codec.apiKey, minVersion: h.minVersion, maxVersion: h.maxVersion }))
    .sort((a, b) => a.apiKey - b.apiKey);
}

/** The answer to ApiVersions at a version we do not serve: UNSUPPORTED_VERSION plus our ranges, sent as v0. */
export function apiVersionsFallback(ctx: BrokerContext): ApiVersionsResponse {
  return createApiVersionsResponse({
    errorCode: ErrorCode.UNSUPPORTED_VERSION,
    apiKeys: supportedApis(ctx.handlers),
  });
}
