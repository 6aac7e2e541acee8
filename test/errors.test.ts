import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, errorName, isRetriable, KafkaError } from '../dist/protocol/errors.js';

test('error codes carry their Kafka names and retriability', () => {
  assert.is(errorName(ErrorCode.CORRUPT_MESSAGE), 'CORRUPT_MESSAGE');
  assert.is(errorName(12345), 'UNKNOWN_ERROR_CODE_12345');
  assert.ok(isRetriable(ErrorCode.NOT_LEADER_OR_FOLLOWER));
  assert.not.ok(isRetriable(ErrorCode.MESSAGE_TOO_LARGE));
  const e = new KafkaError(ErrorCode.INVALID_RECORD, 'offset delta gap');
  assert.is(e.code, 87);
  assert.match(e.message, /INVALID_RECORD: offset delta gap/);
});

test.run();
