// run.json, as the checker reads it: the facts a run directory records about itself — whose
// group and topics it judges, which ledgers it is expected to hold (and how many lines each had
// when it was collected), which checks its Then steps asserted, the duplicates bound, and the
// reliability findings steps raised. Bad content is one line naming run.json and the field.

import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../util/errors.js';
import { LEDGER_FILES, LEDGER_NAMES, type LedgerName } from './ledger-records.js';

/** A reliability failure a step raised that is not a check's own verdict ("Pipeline did not stop: …"). */
/** A finding that could not be decided: the verdict is then unknown, not violated (the cucumber layer's category). */
export const UNDECIDED_FINDING = 'Checker could not decide';

/** Whether a step finding is a violation (else it is undecided: missing evidence). */
export function isViolation(finding: StepFinding): boolean {
  return finding.category !== UNDECIDED_FINDING;
}

export interface StepFinding {
  category: string;
  detail: string;
  step?: string;
}

export interface RunFacts {
  group?: string;
  topics?: string[];
  maxDuplicates?: number;
  drainEndedAt?: number | null;
  /** The ledgers this directory must hold; absent: DEFAULT_EXPECTED_LEDGERS. */
  expectedLedgers?: LedgerName[];
  /** Non-blank lines per JSONL ledger when the evidence was collected: a shorter ledger was damaged since. */
  ledgerLines?: Partial<Record<LedgerName, number>>;
  /** The checks whose validity a Then step asserted; absent: an old or hand-made run. */
  assertedChecks?: string[];
  stepFindings?: StepFinding[];
}

/** run.json cannot be read, or says something the checker cannot use. */
export class RunFileError extends EnvironmentError {}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isFinding = (v: unknown): v is StepFinding => {
  const f = v as Record<string, unknown> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.category === 'string' &&
    typeof f.detail === 'string' &&
    (f.step === undefined || typeof f.step === 'string')
  );
};

/** Each field the checker reads, and what it must be. */
const FIELDS: Record<keyof RunFacts, [test: (v: unknown) => boolean, wanted: string]> = {
  group: [(v) => typeof v === 'string' && v !== '', 'a consumer group id'],
  topics: [isStringArray, 'a list of topic names'],
  maxDuplicates: [isWhole, 'a whole number ≥ 0'],
  drainEndedAt: [(v) => v === null || (typeof v === 'number' && Number.isFinite(v)), 'a time in epoch ms or null'],
  expectedLedgers: [(v) => isStringArray(v) && v.every((n) => n in LEDGER_FILES), `a list of ledger names (${LEDGER_NAMES.join(', ')})`],
  ledgerLines: [
    (v) => typeof v === 'object' && v !== null && Object.entries(v).every(([k, n]) => k in LEDGER_FILES && isWhole(n)),
    'ledger name → line count',
  ],
  assertedChecks: [isStringArray, 'a list of check names'],
  stepFindings: [(v) => Array.isArray(v) && v.every(isFinding), 'a list of { category, detail, step? }'],
};

/** Parses run.json's text; `file` names it in errors. */
export function parseRunFacts(text: string, file: string): RunFacts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RunFileError(`${file} is not JSON (${text.trim() === '' ? 'it is empty' : 'it does not parse'})`, {
      fix: 'restore it from the run, or re-run the scenario',
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new RunFileError(`${file} is not a JSON object`, { fix: 'restore it from the run, or re-run the scenario' });
  const facts = parsed as Record<string, unknown>;
  for (const [field, [test, wanted]] of Object.entries(FIELDS)) {
    if (facts[field] !== undefined && !test(facts[field])) {
      throw new RunFileError(`${file}: ${field} is ${JSON.stringify(facts[field])?.slice(0, 60)}, not ${wanted}`, {
        fix: `correct or remove "${field}"`,
      });
    }
  }
  return facts as RunFacts;
}

export function readRunFacts(runDir: string): RunFacts {
  const file = path.join(runDir, 'run.json');
  return parseRunFacts(fs.readFileSync(file, 'utf8'), file);
}

/**
 * The line count of every JSONL ledger in `runDir`, for run.json's `ledgerLines`: the scenario
 * layer records it right after collecting, so a ledger emptied or cut short later reads as damaged.
 */
export async function ledgerLineCounts(runDir: string): Promise<Partial<Record<LedgerName, number>>> {
  const counts: Partial<Record<LedgerName, number>> = {};
  for (const ledger of LEDGER_NAMES) {
    const file = path.join(runDir, LEDGER_FILES[ledger]);
    if (ledger === 'offsets' || !fs.existsSync(file)) continue;
    counts[ledger] = await countLines(file);
  }
  return counts;
}

/** Non-blank lines of a file, streamed (a ledger may hold millions). */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  let blank = true;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (!blank) lines++;
        blank = true;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) blank = false;
    }
  }
  return blank ? lines : lines + 1;
}
