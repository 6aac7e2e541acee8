// SaslHandshake, versions 0-1 (KIP-152: the tokens then travel in SaslAuthenticate requests).
//
// Tokens are read only from SaslAuthenticate. A v0 client would follow its handshake with raw, unframed
// tokens, which Runnel does not read: the first one does not parse as a request and closes the connection.
// v0 is still answered because librdkafka looks for it in ApiVersions before it uses SASL at all (it then
// sends v1 and SaslAuthenticate, as do the Java client since Kafka 1.0 and KafkaJS). On a listener without SASL the
// answer is ILLEGAL_SASL_STATE with no mechanisms, as Kafka's PLAINTEXT listeners reject SASL. Otherwise:
// the enabled mechanisms, with UNSUPPORTED_SASL_MECHANISM (connection closed after the answer) for one not
// among them, ILLEGAL_SASL_STATE for a second handshake before the first exchange finished
// (security/sasl-server.ts).
import { ErrorCode } from '../../protocol/errors.js';
import { SaslHandshakeApi } from '../../protocol/generated/api-keys.js';
import { defineHandler } from '../handler.js';
import { isSaslProtocol } from '../security/sasl-server.js';

export const saslHandshake = defineHandler(
  SaslHandshakeApi,
  0,
  1,
  (ctx, req, _version, _header, _timing, session) =>
    isSaslProtocol(session.securityProtocol)
      ? ctx.sasl.handshake(session, req.mechanism)
      : { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] },
);
