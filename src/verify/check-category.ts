// The failure categories a violated check files under: the prefix of every failure message, which
// the report's categories.json matches on. They live in the checker, not in the scenario layer,
// because each check declares its own category (defineCheck) and verify must not import upwards.

import { UNDECIDED_FINDING } from '../evidence/run-json.js';

export const CATEGORIES = {
  loss: 'Message loss',
  duplicates: 'Duplicates over bound',
  unsafeCommit: 'Unsafe offset commit',
  order: 'Ordering violation',
  notStopped: 'Pipeline did not stop',
  undecided: UNDECIDED_FINDING,
  other: 'Reliability check failed',
  environment: 'Environment failure',
} as const;

export type FailureCategory = (typeof CATEGORIES)[keyof typeof CATEGORIES];
