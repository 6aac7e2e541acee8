// The SASL mechanisms a listener may offer, and what one server-side exchange looks like: tokens in, a
// challenge, a principal or a failure out. Each exchange object serves one authentication on one connection.

export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'OAUTHBEARER'] as const;
export type SaslMechanismName = (typeof SASL_MECHANISMS)[number];

export type SaslStep =
  /** Send these bytes and wait for the client's next token. */
  | { kind: 'challenge'; bytes: Buffer }
  /**
   * Authenticated as User:name. `bytes`: the mechanism's last message (SCRAM's server-final), may be empty.
   * `expiresAtMs`: when the credential itself stops being valid (a token's exp), else null.
   */
  | { kind: 'done'; name: string; bytes: Buffer; expiresAtMs: number | null }
  /**
   * Refused. `attempted`: the user name the client claimed, for the log (null when none could be read);
   * `reason`: for the log only, never sent, never a credential.
   */
  | { kind: 'fail'; attempted: string | null; reason: string };

export interface SaslExchange {
  evaluate(token: Buffer): SaslStep;
}
