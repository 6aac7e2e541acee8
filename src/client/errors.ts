// Client errors are KafkaErrors: a Kafka error code, its name in the message, and whether a retry
// can help. Failures that happen below the protocol (socket closed, request timed out) map onto
// the codes the Java client reports for them.
import { ErrorCode, KafkaError } from '../protocol/errors.js';

export { ErrorCode, errorName, isRetriable, KafkaError } from '../protocol/errors.js';

/** The connection to a broker failed or closed with requests outstanding. Retriable. */
export function networkError(address: string, why: string): KafkaError {
  return new KafkaError(ErrorCode.NETWORK_EXCEPTION, `${address}: ${why}`);
}

/** No response within the request timeout. Retriable; the connection is closed with it. */
export function timeoutError(address: string, what: string, ms: number): KafkaError {
  return new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `${address}: ${what} got no response within ${ms} ms`);
}

/** Throws the KafkaError for a non-zero error code. */
export function check(code: number, context: string, message?: string | null): void {
  if (code !== ErrorCode.NONE) throw new KafkaError(code, message ? `${context}: ${message}` : context);
}

/** A bad option or a call the client cannot serve (not a broker error; never retriable). */
export class ClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientError';
  }
}
