// Loads every ledger of a run directory into memory for the checker, with each ledger's status:
// present, missing (expected — run.json's expectedLedgers, else DEFAULT_EXPECTED_LEDGERS — but
// absent) or corrupt (a bad line before the last, named by file:line; or a line count other than
// run.json's ledgerLines recorded: emptied or cut short since). A torn last line — a crash
// mid-write — is dropped with a warning and noted, so the checks can excuse what it carried.
// The four large ledgers (produced, log, delivered, commits) go straight into columns
// (columns/), record by record: a million-message run is never a million objects in memory.

import fs from 'node:fs';
import path from 'node:path';
import { readLedgerFile } from './jsonl-reader.js';
import {
  DEFAULT_EXPECTED_LEDGERS,
  LEDGER_FILES,
  LEDGER_NAMES,
  type FaultRecord,
  type FinalOffsets,
  type LedgerEvidence,
  type LedgerName,
  type LedgerStatus,
} from './ledger-records.js';
import type { ColumnLedgers } from './columns/column-ledgers.js';
import { CommitColumnsBuilder } from './columns/commit-columns.js';
import { DeliveredColumnsBuilder } from './columns/delivered-columns.js';
import { LedgerTables } from './columns/ledger-tables.js';
import { LogColumnsBuilder } from './columns/log-columns.js';
import { ProducedColumnsBuilder } from './columns/produced-columns.js';
import { presentStatus } from './ledger-status.js';
import { OFFSETS_SHAPE, RECORD_SHAPES } from './record-shape.js';
import { readRunFacts, type RunFacts } from './run-json.js';

/** The ledgers, their statuses, plus what reading them had to drop. */
export type LoadedLedgers = ColumnLedgers & {
  evidence: LedgerEvidence;
  warnings: string[];
};

type JsonlLedger = Exclude<LedgerName, 'offsets'>;

/** What the run directory says it holds; from run.json when not given (defaults when it has none). */
export type LedgerExpectations = Pick<RunFacts, 'expectedLedgers' | 'ledgerLines'>;

function expectationsOf(runDir: string): LedgerExpectations {
  if (!fs.existsSync(path.join(runDir, 'run.json'))) return {};
  return readRunFacts(runDir);
}

export async function readLedgers(runDir: string, expectations: LedgerExpectations = expectationsOf(runDir)): Promise<LoadedLedgers> {
  const expected = new Set<LedgerName>(expectations.expectedLedgers ?? DEFAULT_EXPECTED_LEDGERS);
  const warnings: string[] = [];
  const evidence = {} as LedgerEvidence;

  const readOne = async (
    ledger: JsonlLedger,
    onRecord: (record: unknown) => void,
    onEstimate?: (records: number) => void,
  ): Promise<void> => {
    const file = LEDGER_FILES[ledger];
    const read = await readLedgerFile(path.join(runDir, file), RECORD_SHAPES[ledger], onRecord, onEstimate);
    const status: LedgerStatus = presentStatus(ledger, read.records);
    const recordedLines = expectations.ledgerLines?.[ledger];
    if (!read.exists) {
      if (expected.has(ledger)) Object.assign(status, { state: 'missing', problem: `${file} is missing` });
    } else if (read.corruption) {
      Object.assign(status, { state: 'corrupt', problem: read.corruption });
    } else if (recordedLines !== undefined && read.lines !== recordedLines) {
      const what = read.lines < recordedLines ? (read.lines === 0 ? 'emptied' : 'cut short') : 'appended to';
      Object.assign(status, {
        state: 'corrupt',
        problem: `${file} holds ${read.lines} lines but run.json recorded ${recordedLines}: ${what} after the run`,
      });
    }
    if (read.torn && status.state === 'present') {
      status.torn = read.torn;
      const carried = read.torn.id === null ? 'its id is lost with it' : `it carried ${read.torn.id}`;
      warnings.push(`${file}:${read.torn.line}: dropped a torn last line (a write cut short); ${carried}`);
    }
    if (status.problem) warnings.push(status.problem);
    evidence[ledger] = status;
  };
  const inArray = (ledger: JsonlLedger): [Promise<void>, unknown[]] => {
    const records: unknown[] = [];
    return [readOne(ledger, (record) => records.push(record)), records];
  };

  // Each record straight into its columns, which are sized once from the file's estimated count.
  const intoColumns = (ledger: JsonlLedger, builder: { push(record: never): void; reserve(records: number): void }) =>
    readOne(
      ledger,
      (record) => builder.push(record as never),
      (records) => builder.reserve(records),
    );
  const tables = new LedgerTables();
  const produced = new ProducedColumnsBuilder(tables);
  const log = new LogColumnsBuilder(tables);
  const delivered = new DeliveredColumnsBuilder(tables);
  const commits = new CommitColumnsBuilder(tables);
  const [readingGroup, group] = inArray('group');
  const [readingFaults, faults] = inArray('faults');
  const [readingEvents, events] = inArray('events');
  await Promise.all([
    intoColumns('produced', produced),
    intoColumns('log', log),
    intoColumns('delivered', delivered),
    intoColumns('commits', commits),
    readingGroup,
    readingFaults,
    readingEvents,
  ]);
  const offsets = readOffsets(runDir, expected.has('offsets'), evidence);
  if (evidence.offsets.problem) warnings.push(evidence.offsets.problem);
  for (const ledger of LEDGER_NAMES) evidence[ledger] ??= presentStatus(ledger, 0);
  return {
    produced: produced.build(),
    log: log.build(),
    delivered: delivered.build(),
    commits: commits.build(),
    // A run from before group.jsonl existed did not expect it: no history, not an empty one.
    ...(evidence.group!.state === 'present' && (expected.has('group') || group.length > 0) ? { group } : {}),
    offsets,
    faults: latestPerFault(faults as FaultRecord[]),
    events,
    evidence,
    warnings,
  } as LoadedLedgers;
}

/** offsets.json: one JSON document, so there is no torn line to drop — unreadable is corrupt. */
function readOffsets(runDir: string, expected: boolean, evidence: LedgerEvidence): FinalOffsets | null {
  const file = LEDGER_FILES.offsets;
  const filePath = path.join(runDir, file);
  evidence.offsets = presentStatus('offsets', 0);
  if (!fs.existsSync(filePath)) {
    if (expected) Object.assign(evidence.offsets, { state: 'missing', problem: `${file} is missing` });
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(filePath, 'utf8'));
  } catch {
    Object.assign(evidence.offsets, { state: 'corrupt', problem: `${file}: not JSON (cut short or overwritten)` });
    return null;
  }
  const why = OFFSETS_SHAPE(parsed);
  if (why !== undefined) {
    Object.assign(evidence.offsets, { state: 'corrupt', problem: `${file}: ${why}` });
    return null;
  }
  evidence.offsets.records = 1;
  return parsed as FinalOffsets;
}

/** A fault's injection and its heal are two records with one id: the last one holds. */
function latestPerFault(records: FaultRecord[]): FaultRecord[] {
  const byId = new Map<string, FaultRecord>();
  for (const record of records) byId.set(record.id, record);
  return [...byId.values()];
}
