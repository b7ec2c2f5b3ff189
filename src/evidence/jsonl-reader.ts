// Reads JSON-lines ledgers. Two readers: forEachJsonl/readJsonl for live use (polling a ledger
// that is still being written: an unreadable line is skipped with a warning), and readLedgerFile
// for judging, which tells a torn LAST line (a crash mid-write: dropped, the rest judged) from a
// bad line anywhere else (corruption: the ledger cannot be trusted) and checks each record's shape.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { TornLine } from './ledger-records.js';
import { readFragment } from './ledger-status.js';
import type { RecordShape } from './record-shape.js';
import { forEachLine } from './line-reader.js';

export interface JsonlReadResult<T> {
  records: T[];
  warnings: string[];
}

/** Streams the records of `filePath` to `onRecord`; returns the warnings for skipped lines. */
export async function forEachJsonl<T>(filePath: string, onRecord: (record: T) => void): Promise<string[]> {
  const warnings: string[] = [];
  if (!fs.existsSync(filePath)) return warnings;
  const lines = readline.createInterface({ input: fs.createReadStream(filePath), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let record: T;
    try {
      record = JSON.parse(line) as T;
    } catch {
      warnings.push(`${filePath}:${lineNumber}: skipped an unreadable line (torn write?): ${line.slice(0, 80)}`);
      continue;
    }
    onRecord(record); // the caller's own errors are not torn lines: they propagate
  }
  return warnings;
}

export async function readJsonl<T>(filePath: string): Promise<JsonlReadResult<T>> {
  const records: T[] = [];
  const warnings = await forEachJsonl<T>(filePath, (record) => records.push(record));
  return { records, warnings };
}

/** What judging-time reading found in one ledger file. */
export interface LedgerFileRead {
  exists: boolean;
  /** Non-blank lines, the torn one included. */
  lines: number;
  records: number;
  torn?: TornLine;
  /** The first unreadable line that is not a torn last line: "delivered.jsonl:7: …". */
  corruption?: string;
}

function endsWithNewline(filePath: string): boolean {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}

/** After this many lines the reader estimates the file's record count from its size (see onEstimate). */
const ESTIMATE_AFTER_LINES = 1000;

/**
 * Reads a ledger for the checker, record by record into `onRecord`; `onEstimate`, when given, is
 * told once how many records the whole file likely holds (from its size and the first lines'
 * length), so that columns can be sized once instead of grown and copied. One line lags behind so the
 * last line is known as such: it is torn when it does not parse, or when it lacks its newline and
 * is not a whole record. Any other bad line is corruption (the first is reported; reading goes on
 * so the count of lines stays true).
 */
export async function readLedgerFile(
  filePath: string,
  shape: RecordShape,
  onRecord: (record: unknown) => void,
  onEstimate?: (records: number) => void,
): Promise<LedgerFileRead> {
  const name = path.basename(filePath);
  if (!fs.existsSync(filePath)) return { exists: false, lines: 0, records: 0 };
  const result: LedgerFileRead = { exists: true, lines: 0, records: 0 };
  const fileBytes = onEstimate ? fs.statSync(filePath).size : 0;
  const bad = (text: string, lineNumber: number, isLast: boolean, parses: boolean, why: string) => {
    if (isLast && (!parses || !endsWithNewline(filePath))) result.torn = readFragment(lineNumber, text);
    else result.corruption ??= `${name}:${lineNumber}: ${why}`;
  };
  // The per-line path allocates nothing beyond the record: it runs millions of times.
  const take = (text: string, lineNumber: number, isLast: boolean) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      bad(text, lineNumber, isLast, false, `not JSON: ${JSON.stringify(text.slice(0, 60))}`);
      return;
    }
    const why = shape(parsed);
    if (why !== undefined) return bad(text, lineNumber, isLast, true, why);
    result.records++;
    onRecord(parsed);
  };
  let lineNumber = 0;
  let pending: string | undefined;
  let pendingNumber = 0;
  let sampledChars = 0;
  await forEachLine(filePath, (line) => {
    lineNumber++;
    // A record starts with '{': only another first character can make a blank line.
    if (line.charCodeAt(0) !== 123 && line.trim() === '') return;
    result.lines++;
    if (onEstimate && result.lines <= ESTIMATE_AFTER_LINES) {
      sampledChars += line.length + 1;
      if (result.lines === ESTIMATE_AFTER_LINES) onEstimate(Math.ceil((fileBytes / sampledChars) * ESTIMATE_AFTER_LINES * 1.02));
    }
    if (pending !== undefined) take(pending, pendingNumber, false);
    pending = line;
    pendingNumber = lineNumber;
  });
  if (pending !== undefined) take(pending, pendingNumber, true);
  return result;
}
