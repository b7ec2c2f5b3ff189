// Reads a JSON-lines ledger. A torn line (a crash mid-write) is skipped with a warning rather
// than failing the whole read: a run that was killed must still be judgeable.

import fs from 'node:fs';
import readline from 'node:readline';

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
