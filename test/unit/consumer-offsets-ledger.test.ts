// writeWholeLedger: the commits.jsonl ledger holds exactly the commits given, replacing any
// earlier ledger (readCommits returns the whole history, so appending would duplicate it).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import type { CommitRecord } from '../../src/evidence/ledger-records.js';
import { writeWholeLedger } from '../../src/traffic/commit-log.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-commits-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const commit = (offset: number): CommitRecord => ({
  group: 'g',
  topic: 't',
  partition: 0,
  offset,
  leaderEpoch: null,
  metadata: offset === 2 ? 'ünïcode' : '',
  commitTimestamp: 1_767_225_600_000 + offset,
  expireTimestamp: null,
});

describe('writeWholeLedger', () => {
  it('writes the commits in order and replaces an earlier ledger', async () => {
    const file = path.join(scratch, 'run', 'commits.jsonl');
    writeWholeLedger([commit(9)], file);
    writeWholeLedger([commit(1), commit(2)], file);
    assert.deepEqual(await readJsonl<CommitRecord>(file), { records: [commit(1), commit(2)], warnings: [] });
  });

  it('writes an empty ledger for no commits', async () => {
    const file = path.join(scratch, 'empty.jsonl');
    writeWholeLedger([], file);
    assert.equal(fs.readFileSync(file, 'utf8'), '');
  });
});
