// Run directories on disk for the checker's tests, and the damage a crash, a disk or a hand can
// do to them: a ledger deleted, its last line torn, garbage inserted mid-file, the file emptied.

import fs from 'node:fs';
import path from 'node:path';
import { EXPECTED_SCENARIO_LEDGERS, LEDGER_FILES, type LedgerName, type Ledgers } from '../../src/evidence/ledger-records.js';
import { ledgerLineCounts } from '../../src/evidence/run-json.js';
import { readLedgers } from '../../src/evidence/read-ledgers.js';
import { readRunFacts } from '../../src/evidence/run-json.js';
import { judgeRun, type Verdict } from '../../src/verify/index.js';

export type Damage = 'delete' | 'torn' | 'garbage' | 'empty';
export const DAMAGES: readonly Damage[] = ['delete', 'torn', 'garbage', 'empty'];
export const LEDGERS: readonly LedgerName[] = EXPECTED_SCENARIO_LEDGERS;

/** Writes in-memory ledgers as a scenario folder would hold them, run.json with its ledger line counts. */
export async function writeRunDir(dir: string, ledgers: Ledgers, facts: Record<string, unknown>): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  for (const ledger of LEDGERS) {
    const file = path.join(dir, LEDGER_FILES[ledger]);
    if (ledger === 'offsets') fs.writeFileSync(file, JSON.stringify(ledgers.offsets, null, 2) + '\n');
    else fs.writeFileSync(file, ((ledgers[ledger] ?? []) as unknown[]).map((r) => JSON.stringify(r) + '\n').join(''));
  }
  const runJson = { runId: path.basename(dir), ...facts, expectedLedgers: LEDGERS };
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(runJson));
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...runJson, ledgerLines: await ledgerLineCounts(dir) }));
  return dir;
}

export function copyDir(from: string, to: string): string {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/**
 * Damages one ledger of `dir`. `cut` in [0, 1) chooses how much of the torn line survives. Returns
 * false when the damage changes nothing (an empty file cannot be torn or emptied); garbage in an
 * empty file would be its last line, i.e. a torn one, so it is not "mid-file" either.
 */
export function damage(dir: string, ledger: LedgerName, kind: Damage, cut = 0.5): boolean {
  const file = path.join(dir, LEDGER_FILES[ledger]);
  if (!fs.existsSync(file)) return false;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (kind === 'delete') fs.rmSync(file);
  else if (kind === 'empty') {
    if (text === '') return false;
    fs.writeFileSync(file, '');
  } else if (kind === 'torn' && ledger === 'offsets') {
    // One JSON document: a write cut short leaves a prefix that does not parse.
    fs.writeFileSync(file, text.slice(0, Math.max(1, Math.min(text.trimEnd().length - 1, Math.floor(text.length * cut)))));
  } else if (kind === 'torn') {
    if (lines.length === 0) return false;
    const last = lines[lines.length - 1]!;
    // Keep at least one character and lose at least one: a write cut short.
    const kept = Math.max(1, Math.min(last.length - 1, Math.floor(last.length * cut)));
    fs.writeFileSync(file, [...lines.slice(0, -1), last.slice(0, kept)].join('\n'));
  } else {
    if (lines.length === 0) return false;
    const at = Math.min(Math.floor(lines.length / 2), lines.length - 1);
    fs.writeFileSync(file, [...lines.slice(0, at), 'garbage{not json', ...lines.slice(at)].join('\n') + '\n');
  }
  return true;
}

/** What `kafka-chaos verify` would decide for `dir`, in-process. */
export async function judgeDir(dir: string): Promise<Verdict> {
  const facts = readRunFacts(dir);
  return judgeRun(await readLedgers(dir, facts), facts);
}
