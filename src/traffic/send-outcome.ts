// What a failed send means for the message: `failed` only when the broker definitely refused to
// write it; anything else — a timeout, a dropped connection, NOT_LEADER during a failover — is
// `indeterminate`: it may or may not be in the log (Jepsen's :info), and only the read-back can
// tell. The producer sends each message once (no client retries), so the error describes the
// only attempt.

import type { SendFailure } from '../environment/kafka-client-seam.js';
import type { SendOutcome } from '../evidence/ledger-records.js';

/** Broker error codes that guarantee the batch was not appended. */
const DEFINITE_REFUSALS = new Set([
  'NOT_ENOUGH_REPLICAS', // checked before the append (…_AFTER_APPEND is the indeterminate one)
  'UNKNOWN_TOPIC_OR_PARTITION',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
]);

/** A failed send's outcome, from the broker's error name the client adapter found (if any). */
export function classifySendFailure(failure: SendFailure): Exclude<SendOutcome, 'ok'> {
  return failure.brokerError !== undefined && DEFINITE_REFUSALS.has(failure.brokerError) ? 'failed' : 'indeterminate';
}
