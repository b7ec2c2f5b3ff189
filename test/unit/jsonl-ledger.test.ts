// The JSON-lines ledger: buffered appends reach the disk on flush, on the timer and on close;
// a torn last line is skipped with one warning.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { JsonlWriter } from '../../src/evidence/jsonl-writer.js';
import { forEachJsonl, readJsonl } from '../../src/evidence/jsonl-reader.js';

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
      assert.deepEqual(await readJsonl<Rec>(file), { records: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], warnings: [] });
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
    assert.deepEqual((await readJsonl<Rec>(file)).records.map((r) => r.id), ['first', 'second']);
  });

  it('skips a torn last line with exactly one warning naming the file and line', async () => {
    const file = path.join(scratch, 'torn.jsonl');
    fs.writeFileSync(file, '{"id":"a","n":1}\n\n{"id":"b","n":2}\n{"id":"x",');
    const { records, warnings } = await readJsonl<Rec>(file);
    assert.deepEqual(records, [{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
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
