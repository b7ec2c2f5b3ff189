// forEachLine must split a file exactly as readline (crlfDelay: Infinity) does — the ledger
// reader's line numbers and torn-line detection rest on it — whatever the chunk seams: every
// text below is read at chunk sizes 1 to 9 bytes (a \r\n or a multi-byte character cut in two)
// and at the default size, and compared with readline's lines.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it } from 'node:test';
import { forEachLine } from '../../src/evidence/line-reader.js';

async function readlineLines(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) lines.push(line);
  return lines;
}

const TEXTS: Record<string, string> = {
  'plain lines': '{"a":1}\n{"b":2}\n',
  'no newline at the end': '{"a":1}\n{"b":2}',
  'blank lines kept in place': '\n{"a":1}\n\n\n{"b":2}\n\n',
  'CRLF endings': '{"a":1}\r\n{"b":2}\r\n',
  'a lone CR is a break': 'one\rtwo\r\nthree\n\rfour',
  'a CR at the very end': 'one\ntwo\r',
  'multi-byte characters': '{"id":"é€😀"}\n{"id":"ß"}\r\n😀😀\n',
  empty: '',
  'only a newline': '\n',
};

describe('forEachLine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'line-reader-'));
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`splits as readline does: ${name}`, async () => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.txt`);
      fs.writeFileSync(file, text);
      const expected = await readlineLines(file);
      for (const chunkBytes of [1, 2, 3, 4, 5, 6, 7, 8, 9, undefined]) {
        const lines: string[] = [];
        await forEachLine(file, (line) => lines.push(line), chunkBytes);
        assert.deepEqual(lines, expected, `chunks of ${chunkBytes ?? 'default'} bytes`);
      }
    });
  }

  it('fails for a file that is not there', async () => {
    await assert.rejects(
      forEachLine(path.join(dir, 'absent.txt'), () => {}),
      /ENOENT/,
    );
  });
});
