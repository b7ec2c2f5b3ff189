// What a failed send means for the message: `failed` only when the broker definitely refused to
// write it; anything else — a timeout, a dropped connection, NOT_LEADER during a failover — is
// `indeterminate`: it may or may not be in the log (Jepsen's :info), and only the read-back can
// tell. The producer sends each message once (no client retries), so the error describes the
// only attempt.

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

/** The broker error type of a kafkajs error, looking through wrappers to the root cause. */
export function brokerErrorType(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = (current as Error & { cause?: unknown }).cause) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string') return type;
  }
  return undefined;
}

export function classifySendError(error: unknown): Exclude<SendOutcome, 'ok'> {
  const type = brokerErrorType(error);
  return type !== undefined && DEFINITE_REFUSALS.has(type) ? 'failed' : 'indeterminate';
}
