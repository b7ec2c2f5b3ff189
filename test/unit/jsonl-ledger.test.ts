// The JSON-lines ledger: buffered appends reach the disk on flush, on the timer and on close;
// a torn last line is skipped with one warning. For judging, readLedgerFile tells a torn last
// line (dropped, its id recovered) from a bad line anywhere else (corruption, named by line).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { JsonlWriter } from '../../src/evidence/jsonl-writer.js';
import { forEachJsonl, readJsonl, readLedgerFile } from '../../src/evidence/jsonl-reader.js';
import { readFragment } from '../../src/evidence/ledger-status.js';
import { RECORD_SHAPES } from '../../src/evidence/record-shape.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-jsonl-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface Rec {
  id: string;
  n: number;
}

describe('JsonlWriter + readJsonl', () => {
  it('buffers appends until flush, then round-trips them', async () => {
    const file = path.join(scratch, 'nested', 'flush.jsonl');
    const writer = new JsonlWriter<Rec>(file, { flushIntervalMs: 60_000 });
    try {
      writer.append({ id: 'a', n: 1 });
      writer.append({ id: 'b', n: 2 });
      assert.equal(fs.readFileSync(file, 'utf8'), '', 'nothing on disk before flush');
      writer.flush();
      assert.deepEqual(await readJsonl<Rec>(file), {
        records: [
          { id: 'a', n: 1 },
          { id: 'b', n: 2 },
        ],
        warnings: [],
      });
    } finally {
      writer.close();
    }
  });

  it('flushes on its own within the default 200 ms interval', async () => {
    const file = path.join(scratch, 'timer.jsonl');
    const writer = new JsonlWriter<Rec>(file);
    try {
      writer.append({ id: 't', n: 1 });
      await sleep(400);
      assert.equal(fs.readFileSync(file, 'utf8'), '{"id":"t","n":1}\n');
    } finally {
      writer.close();
    }
  });

  it('flushes on close and refuses appends afterwards', async () => {
    const file = path.join(scratch, 'close.jsonl');
    const writer = new JsonlWriter<Rec>(file, { flushIntervalMs: 60_000 });
    writer.append({ id: 'c', n: 3 });
    writer.close();
    assert.deepEqual((await readJsonl<Rec>(file)).records, [{ id: 'c', n: 3 }]);
    assert.throws(() => writer.append({ id: 'd', n: 4 }), /closed/);
    writer.close(); // idempotent
  });

  it('appends to an existing ledger instead of truncating it', async () => {
    const file = path.join(scratch, 'reopen.jsonl');
    for (const id of ['first', 'second']) {
      const writer = new JsonlWriter<Rec>(file);
      writer.append({ id, n: 0 });
      writer.close();
    }
    assert.deepEqual(
      (await readJsonl<Rec>(file)).records.map((r) => r.id),
      ['first', 'second'],
    );
  });

  it('skips a torn last line with exactly one warning naming the file and line', async () => {
    const file = path.join(scratch, 'torn.jsonl');
    fs.writeFileSync(file, '{"id":"a","n":1}\n\n{"id":"b","n":2}\n{"id":"x",');
    const { records, warnings } = await readJsonl<Rec>(file);
    assert.deepEqual(records, [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0]!.includes(`${file}:4`), warnings[0]);
  });

  it("lets the caller's own error propagate instead of reporting it as a torn line", async () => {
    const file = path.join(scratch, 'caller-error.jsonl');
    fs.writeFileSync(file, '{"id":"a","n":1}\n');
    await assert.rejects(
      forEachJsonl<Rec>(file, () => {
        throw new Error('caller failed');
      }),
      /caller failed/,
    );
  });

  it('reads a missing file as no records', async () => {
    assert.deepEqual(await readJsonl(path.join(scratch, 'absent.jsonl')), { records: [], warnings: [] });
  });
});

describe('readLedgerFile', () => {
  const event = (at: number) => JSON.stringify({ at, kind: 'sut-start' });
  async function read(name: string, text: string) {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, text);
    const records: unknown[] = [];
    const result = await readLedgerFile(file, RECORD_SHAPES.events, (r) => records.push(r));
    return { ...result, records: records.length, kept: records };
  }

  it('reads whole records, a last one without its newline included', async () => {
    const result = await read('whole.jsonl', `${event(1)}\n\n${event(2)}`);
    assert.deepEqual(
      { lines: result.lines, records: result.records, torn: result.torn, corruption: result.corruption },
      { lines: 2, records: 2, torn: undefined, corruption: undefined },
    );
  });

  it('drops a last line that does not parse, or lacks its newline and is no record, as torn', async () => {
    const cut = await read('cut.jsonl', `${event(1)}\n{"at":2,"ki`);
    assert.deepEqual([cut.records, cut.corruption, cut.torn?.line], [1, undefined, 2]);
    const noNewline = await read('no-newline.jsonl', `${event(1)}\n{"at":2}`);
    assert.deepEqual([noNewline.records, noNewline.corruption, noNewline.torn?.line], [1, undefined, 2]);
  });

  it('calls any other bad line corruption, naming file:line and why', async () => {
    assert.equal((await read('mid.jsonl', `${event(1)}\nnot json\n${event(2)}\n`)).corruption, 'mid.jsonl:2: not JSON: "not json"');
    assert.equal((await read('null.jsonl', `null\n${event(2)}\n`)).corruption, 'null.jsonl:1: the line is null, not a record');
    assert.equal((await read('array.jsonl', `${event(1)}\n[1]\n`)).corruption, 'array.jsonl:2: the line is an array, not a record');
    assert.equal((await read('empty-object.jsonl', `{}\n`)).corruption, 'empty-object.jsonl:1: the record has no at');
    assert.equal(
      (await read('bad-field.jsonl', `{"at":"soon","kind":"x"}\n${event(2)}\n`)).corruption,
      'bad-field.jsonl:1: at is "soon", not a time in epoch ms',
    );
  });

  it('reports an absent file as such, and an empty one as present with no records', async () => {
    assert.deepEqual(await readLedgerFile(path.join(scratch, 'absent-ledger.jsonl'), RECORD_SHAPES.events, () => {}), {
      exists: false,
      lines: 0,
      records: 0,
    });
    const empty = await read('empty.jsonl', '');
    assert.deepEqual([empty.exists, empty.lines, empty.records, empty.torn, empty.corruption], [true, 0, 0, undefined, undefined]);
  });

  it('recovers the id from a torn fragment, and whether a delivery was a 2xx', () => {
    assert.deepEqual(readFragment(7, '{"id":"ab-1","receivedAt":5,"status":200'), { line: 7, id: 'ab-1', notSuccess: false });
    assert.deepEqual(readFragment(7, '{"id":"ab-\\"2","receivedAt":5,"outcome":"answered","status":503,'), {
      line: 7,
      id: 'ab-"2',
      notSuccess: true,
    });
    assert.deepEqual(readFragment(3, '{"id":"ab-3","outcome":"dropped"'), { line: 3, id: 'ab-3', notSuccess: true });
    assert.deepEqual(readFragment(1, '{"id":"ab'), { line: 1, id: null, notSuccess: false });
  });
});
