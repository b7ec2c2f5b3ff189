// How each ledger of a run directory read: present, missing or corrupt — and, for a ledger whose
// writer was killed mid-line, the torn last line that was dropped. The checker turns this into
// 'unknown' for exactly the checks that need a missing or corrupt ledger; a torn line only
// excuses the message it carried (its id, when the fragment still holds it).
// The types (LedgerStatus, TornLine, …) live in ledger-records.ts, beside the Ledgers that carry them.

import { LEDGER_FILES, type LedgerEvidence, type LedgerName, type LedgerStatus, type TornLine } from './ledger-records.js';

/** The status of a ledger that read whole. */
export function presentStatus(ledger: LedgerName, records: number): LedgerStatus {
  return { state: 'present', file: LEDGER_FILES[ledger], records };
}

/** The first of `needs` that is missing or corrupt, if any. Absent evidence: all present. */
export function unusableLedger(evidence: LedgerEvidence | undefined, needs: readonly LedgerName[]): LedgerStatus | undefined {
  if (!evidence) return undefined;
  for (const ledger of needs) {
    const status = evidence[ledger];
    if (status && status.state !== 'present') return status;
  }
  return undefined;
}

/** The torn lines among `ledgers` (present ledgers whose last line was dropped). */
export function tornLines(evidence: LedgerEvidence | undefined, ledgers: readonly LedgerName[]): { ledger: LedgerName; torn: TornLine }[] {
  if (!evidence) return [];
  const found: { ledger: LedgerName; torn: TornLine }[] = [];
  for (const ledger of ledgers) {
    const torn = evidence[ledger]?.torn;
    if (torn) found.push({ ledger, torn });
  }
  return found;
}

const ID_IN_FRAGMENT = /"id":"((?:[^"\\]|\\.)+)"/;
const STATUS_IN_FRAGMENT = /"status":(\d{3})\b/;

/** What a torn fragment still tells: the record's id, and (for a delivery) whether it was a 2xx. */
export function readFragment(line: number, fragment: string): TornLine {
  const id = ID_IN_FRAGMENT.exec(fragment)?.[1] ?? null;
  const status = STATUS_IN_FRAGMENT.exec(fragment)?.[1];
  const notSuccess = fragment.includes('"outcome":"dropped"') || (status !== undefined && !status.startsWith('2'));
  return { line, id: id === null ? null : (JSON.parse(`"${id}"`) as string), notSuccess };
}
