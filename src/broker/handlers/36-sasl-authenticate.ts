// SaslAuthenticate, versions 0-2: one SASL token of the exchange begun by SaslHandshake.
//
// The answer carries the mechanism's next challenge or its last message; v1+ adds session_lifetime_ms
// (KIP-368: connections.max.reauth.ms, shortened to a token's expiry; 0 when re-authentication is off).
// SASL_AUTHENTICATION_FAILED (delayed by connection.failed.authentication.delay.ms, then the connection
// closes) with a message naming the mechanism only; ILLEGAL_SASL_STATE without a handshake first or on a
// listener without SASL. v2 is flexible.
import { ErrorCode } from '../../protocol/errors.js';
import { SaslAuthenticateApi } from '../../protocol/generated/api-keys.js';
import { createSaslAuthenticateResponse } from '../../protocol/generated/sasl-authenticate.js';
import { defineHandler } from '../handler.js';
import { isSaslProtocol } from '../security/sasl-server.js';

export const saslAuthenticate = defineHandler(
  SaslAuthenticateApi,
  0,
  2,
  (ctx, req, _version, _header, _timing, session) =>
    isSaslProtocol(session.securityProtocol)
      ? ctx.sasl.authenticate(session, req.authBytes)
      : createSaslAuthenticateResponse({
          errorCode: ErrorCode.ILLEGAL_SASL_STATE,
          errorMessage: 'this listener does not use SASL',
        }),
);
