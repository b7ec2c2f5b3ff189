// Send outcomes from kafkajs errors, as the kafkajs adapter describes them to the seam and the
// harness producer classifies them: only a definite broker refusal is `failed`; a timeout, a
// dropped connection or a leadership change leaves the message `indeterminate`.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kafkajsSendFailure } from '../../src/environment/kafkajs-clients.js';
import { classifySendFailure } from '../../src/traffic/send-outcome.js';

const classifySendError = (error: unknown) => classifySendFailure(kafkajsSendFailure(error));
const brokerErrorType = (error: unknown) => kafkajsSendFailure(error).brokerError;

/** A kafkajs KafkaJSProtocolError as it arrives: an Error with the broker's error `type`. */
const protocolError = (type: string) => Object.assign(new Error(`broker said ${type}`), { name: 'KafkaJSProtocolError', type });
/** kafkajs wraps the last attempt's error as `cause` (KafkaJSNumberOfRetriesExceeded). */
const wrapped = (cause: Error) => Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', cause });

describe('classifySendError', () => {
  it('calls a definite refusal failed, also when wrapped', () => {
    assert.equal(classifySendError(protocolError('NOT_ENOUGH_REPLICAS')), 'failed');
    assert.equal(classifySendError(protocolError('MESSAGE_TOO_LARGE')), 'failed');
    assert.equal(classifySendError(wrapped(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))), 'failed');
  });

  it('calls everything that may have been written indeterminate', () => {
    assert.equal(classifySendError(protocolError('NOT_ENOUGH_REPLICAS_AFTER_APPEND')), 'indeterminate');
    assert.equal(classifySendError(protocolError('NOT_LEADER_OR_FOLLOWER')), 'indeterminate');
    assert.equal(classifySendError(protocolError('REQUEST_TIMED_OUT')), 'indeterminate');
    assert.equal(
      classifySendError(Object.assign(new Error('Connection error: ECONNREFUSED'), { name: 'KafkaJSConnectionError' })),
      'indeterminate',
    );
    assert.equal(classifySendError(wrapped(new Error('Request timed out'))), 'indeterminate');
    assert.equal(classifySendError('not even an Error'), 'indeterminate');
  });

  it('finds the broker error type through a chain of causes', () => {
    assert.equal(brokerErrorType(wrapped(wrapped(protocolError('INVALID_RECORD')))), 'INVALID_RECORD');
    assert.equal(brokerErrorType(new Error('plain')), undefined);
  });

  it('keeps the outermost message, which the ledger records as the error', () => {
    assert.deepEqual(kafkajsSendFailure(wrapped(protocolError('NOT_ENOUGH_REPLICAS'))), {
      message: 'retries exceeded',
      brokerError: 'NOT_ENOUGH_REPLICAS',
    });
    assert.deepEqual(kafkajsSendFailure('not even an Error'), { message: 'not even an Error' });
  });
});
