// Reads a text file line by line, exactly as readline does with crlfDelay: Infinity (lines end at
// \n, \r\n or a lone \r; a \r\n split across chunks is one break; the last line needs no newline),
// but without readline's per-line regex, events and async iterator: on a million-line ledger
// those cost about a tenth of the read. A chunk without a \r — every ledger the harness writes —
// is split with indexOf('\n') alone.

import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const BREAKS = /\r?\n|\r(?!\n)/g;

/** Calls onLine with each line of `text`; returns what follows the last break (a \r at the end waits for a possible \n). */
function splitLines(text: string, final: boolean, onLine: (line: string) => void): string {
  let start = 0;
  if (text.indexOf('\r') < 0) {
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
  } else {
    const limit = !final && text.endsWith('\r') ? text.length - 1 : text.length;
    BREAKS.lastIndex = 0;
    for (let match = BREAKS.exec(text); match !== null && match.index < limit; match = BREAKS.exec(text)) {
      onLine(text.slice(start, match.index));
      start = match.index + match[0].length;
    }
  }
  const rest = text.slice(start);
  if (!final) return rest;
  if (rest.length > 0) onLine(rest);
  return '';
}

/** Streams the lines of `filePath` to `onLine`; `chunkBytes` is the read size (small ones test the chunk seams). */
export async function forEachLine(filePath: string, onLine: (line: string) => void, chunkBytes = 1 << 20): Promise<void> {
  const decoder = new StringDecoder('utf8');
  // One buffer, read into again and again: a stream's fresh Buffer per chunk left the allocator's
  // arenas fragmented around the long-lived columns (~100 MB of RSS at a million messages).
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const file = await fs.promises.open(filePath, 'r');
  try {
    let rest = '';
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      rest = splitLines(rest + decoder.write(buffer.subarray(0, bytesRead)), false, onLine);
    }
    splitLines(rest + decoder.end(), true, onLine);
  } finally {
    await file.close();
  }
}
