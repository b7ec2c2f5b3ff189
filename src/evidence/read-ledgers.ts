// Loads every ledger of a run directory into memory for the checker. A missing ledger reads as
// empty (a run killed early wrote less); torn lines are skipped with warnings, never fatal.

import fs from 'node:fs';
import path from 'node:path';
import { readJsonl } from './jsonl-reader.js';
import {
  LEDGER_FILES,
  type CommitRecord,
  type DeliveryRecord,
  type EventRecord,
  type FaultRecord,
  type FinalOffsets,
  type Ledgers,
  type LogRecord,
  type ProducedRecord,
} from './ledger-records.js';

/** The ledgers, plus what reading them had to skip. */
export interface LoadedLedgers extends Ledgers {
  warnings: string[];
}

export async function readLedgers(runDir: string): Promise<LoadedLedgers> {
  const warnings: string[] = [];
  const read = async <T>(name: string): Promise<T[]> => {
    const result = await readJsonl<T>(path.join(runDir, name));
    warnings.push(...result.warnings);
    return result.records;
  };
  const [produced, log, delivered, commits, faults, events] = await Promise.all([
    read<ProducedRecord>(LEDGER_FILES.produced),
    read<LogRecord>(LEDGER_FILES.log),
    read<DeliveryRecord>(LEDGER_FILES.delivered),
    read<CommitRecord>(LEDGER_FILES.commits),
    read<FaultRecord>(LEDGER_FILES.faults),
    read<EventRecord>(LEDGER_FILES.events),
  ]);
  const offsetsPath = path.join(runDir, LEDGER_FILES.offsets);
  let offsets: FinalOffsets | null = null;
  if (fs.existsSync(offsetsPath)) {
    try {
      offsets = JSON.parse(fs.readFileSync(offsetsPath, 'utf8')) as FinalOffsets;
    } catch (error) {
      warnings.push(`${offsetsPath}: unreadable (${(error as Error).message}); final offsets unknown`);
    }
  }
  return { produced, log, delivered, commits, offsets, faults: latestPerFault(faults), events, warnings };
}

/** A fault's injection and its heal are two records with one id: the last one holds. */
function latestPerFault(records: FaultRecord[]): FaultRecord[] {
  const byId = new Map<string, FaultRecord>();
  for (const record of records) byId.set(record.id, record);
  return [...byId.values()];
}
