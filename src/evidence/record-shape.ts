// The fields a ledger record must carry for the checks to read it, checked once per line as the
// ledger is read. A line that parses but is not such a record (`null`, `[]`, `{}`, a record
// missing its id or time) is corruption: it names the line and the field, and the checks that
// need the ledger say 'unknown' rather than judging around a hole in the evidence.

import type { LedgerName } from './ledger-records.js';

/** Why `value` is not a record of its ledger, or undefined when it is one. */
export type RecordShape = (value: unknown) => string | undefined;

type Fields = Record<string, unknown>;

const isString = (v: unknown) => typeof v === 'string';
const isStringOrNull = (v: unknown) => v === null || typeof v === 'string';
const isInteger = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isTimeOrNull = (v: unknown) => v === null || isTime(v);

type Rule = [field: string, test: (v: unknown) => boolean, wanted: string];

const STRING = (field: string): Rule => [field, isString, 'a string'];
const TIME = (field: string): Rule => [field, isTime, 'a time in epoch ms'];
const INTEGER = (field: string): Rule => [field, isInteger, 'an integer'];

function shape(rules: readonly Rule[], more?: (record: Fields) => string | undefined): RecordShape {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return `the line is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}, not a record`;
    }
    const record = value as Fields;
    for (const [field, test, wanted] of rules) {
      const v = record[field];
      if (!test(v)) return v === undefined ? `the record has no ${field}` : `${field} is ${JSON.stringify(v)}, not ${wanted}`;
    }
    return more?.(record);
  };
}

const OUTCOMES = new Set(['ok', 'failed', 'indeterminate']);

type JsonlLedger = Exclude<LedgerName, 'offsets'>;

const GROUP_KINDS = new Set(['classic-generation', 'classic-deleted', 'consumer-epoch', 'consumer-assignment', 'consumer-left']);

/**
 * The same rules as one monomorphic test per ledger: millions of lines pass here and only a
 * failing one is explained by the rules (bench/verify-bench.ts: a rule loop cost ~5% of a verify).
 */
const WHOLE: Record<JsonlLedger, (r: Fields) => boolean> = {
  produced: (r) =>
    typeof r.id === 'string' &&
    typeof r.topic === 'string' &&
    typeof r.checksum === 'string' &&
    isTime(r.sentAt) &&
    isTime(r.endedAt) &&
    (r.outcome === 'ok' ? isInteger(r.partition) && isInteger(r.offset) : r.outcome === 'failed' || r.outcome === 'indeterminate'),
  log: (r) =>
    isStringOrNull(r.id) && typeof r.topic === 'string' && isInteger(r.partition) && isInteger(r.offset) && typeof r.checksum === 'string',
  delivered: (r) =>
    isStringOrNull(r.id) &&
    isTime(r.receivedAt) &&
    typeof r.checksum === 'string' &&
    (r.outcome === 'answered' ? isInteger(r.status) && isTime(r.answeredAt) : r.outcome === 'dropped'),
  commits: (r) =>
    typeof r.group === 'string' &&
    typeof r.topic === 'string' &&
    isInteger(r.partition) &&
    isInteger(r.offset) &&
    isTime(r.commitTimestamp),
  group: (r) => isTime(r.at) && typeof r.group === 'string' && typeof r.kind === 'string' && GROUP_KINDS.has(r.kind),
  faults: (r) =>
    typeof r.id === 'string' &&
    typeof r.fault === 'string' &&
    typeof r.subject === 'string' &&
    isTime(r.injectedAt) &&
    isTimeOrNull(r.healedAt),
  events: (r) => isTime(r.at) && typeof r.kind === 'string',
};

function fast(ledger: JsonlLedger, explain: RecordShape): RecordShape {
  const whole = WHOLE[ledger];
  return (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && whole(value as Fields) ? undefined : explain(value);
}

const EXPLAIN: Record<JsonlLedger, RecordShape> = {
  produced: shape([STRING('id'), STRING('topic'), STRING('checksum'), TIME('sentAt'), TIME('endedAt')], (r) => {
    if (!OUTCOMES.has(r.outcome as string)) return `outcome is ${JSON.stringify(r.outcome)}, not one of ok, failed, indeterminate`;
    if (r.outcome === 'ok' && !(isInteger(r.partition) && isInteger(r.offset))) return 'an acked send has no integer partition and offset';
    return undefined;
  }),
  log: shape([['id', isStringOrNull, 'a string or null'], STRING('topic'), INTEGER('partition'), INTEGER('offset'), STRING('checksum')]),
  delivered: shape([['id', isStringOrNull, 'a string or null'], TIME('receivedAt'), STRING('checksum')], (r) => {
    if (r.outcome === 'answered')
      return isInteger(r.status) && isTime(r.answeredAt) ? undefined : 'an answered request has no integer status and answeredAt time';
    return r.outcome === 'dropped' ? undefined : `outcome is ${JSON.stringify(r.outcome)}, not answered or dropped`;
  }),
  commits: shape([STRING('group'), STRING('topic'), INTEGER('partition'), INTEGER('offset'), TIME('commitTimestamp')]),
  group: shape([TIME('at'), STRING('group'), STRING('kind')], (r) =>
    GROUP_KINDS.has(r.kind as string) ? undefined : `kind is ${JSON.stringify(r.kind)}, not one of ${[...GROUP_KINDS].join(', ')}`,
  ),
  faults: shape([STRING('id'), STRING('fault'), STRING('subject'), TIME('injectedAt'), ['healedAt', isTimeOrNull, 'a time or null']]),
  events: shape([TIME('at'), STRING('kind')]),
};

export const RECORD_SHAPES = Object.fromEntries(
  Object.entries(EXPLAIN).map(([ledger, explain]) => [ledger, fast(ledger as JsonlLedger, explain)]),
) as Record<JsonlLedger, RecordShape>;

const isOffsetTable = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  Object.values(v).every(
    (partitions) => typeof partitions === 'object' && partitions !== null && Object.values(partitions).every(isInteger),
  );

/** offsets.json: the group, and topic → partition → integer offset for committed and log end. */
export const OFFSETS_SHAPE: RecordShape = shape([
  STRING('group'),
  ['committed', isOffsetTable, 'topic → partition → offset'],
  ['logEnd', isOffsetTable, 'topic → partition → offset'],
]);
