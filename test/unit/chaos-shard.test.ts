// chaos --shard i/n: the split by feature file is deterministic, covers every selected feature
// exactly once across the shards, and balances scenario counts; shards' results merge into one.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { featuresOfShard, parseShard } from '../../src/cli/commands/chaos-shard.js';
import { mergeResults } from '../../src/report/allure-report.js';
import { ConfigError } from '../../src/util/errors.js';

const LIBRARY = new Map([
  ['features/a.feature', 4],
  ['features/b.feature', 1],
  ['features/c.feature', 3],
  ['features/d.feature', 2],
  ['features/e.feature', 2],
  ['features/untagged.feature', 0],
]);

describe('chaos --shard', () => {
  it('parses i/n and refuses anything else with the form it wants', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, total: 4 });
    for (const bad of ['0/2', '3/2', '2', 'a/b', '1/0', '1/65']) {
      assert.throws(
        () => parseShard(bad),
        (e: unknown) => e instanceof ConfigError && /expected i\/n with 1 ≤ i ≤ n ≤ 64/.test(e.message),
        bad,
      );
    }
  });

  it('covers every feature with a selected scenario exactly once, for any number of shards', () => {
    for (let total = 1; total <= 7; total++) {
      const shards = Array.from({ length: total }, (_, i) => featuresOfShard(LIBRARY, { index: i + 1, total }));
      const all = shards.flat();
      assert.equal(new Set(all).size, all.length, `${total} shards: no feature twice`);
      assert.deepEqual([...all].sort(), [
        'features/a.feature',
        'features/b.feature',
        'features/c.feature',
        'features/d.feature',
        'features/e.feature',
      ]);
    }
  });

  it('balances scenario counts, largest feature first, and keeps the library order within a shard', () => {
    const two = [1, 2].map((index) => featuresOfShard(LIBRARY, { index, total: 2 }));
    // a(4) → 1; c(3) → 2; d(2) → 2; e(2) → 1; b(1) → 2: 6 and 6 scenarios.
    assert.deepEqual(two, [
      ['features/a.feature', 'features/e.feature'],
      ['features/b.feature', 'features/c.feature', 'features/d.feature'],
    ]);
    assert.deepEqual(featuresOfShard(LIBRARY, { index: 1, total: 2 }), two[0], 'the same split every time');
  });
});

describe('merging shards’ results', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-merge-'));
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const shardDir = (name: string, files: string[]) => {
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of files) fs.writeFileSync(path.join(dir, file), name);
    return dir;
  };

  it('gathers every result file, the shared files from the first directory', () => {
    const one = shardDir('one', ['u1-result.json', 'u2-result.json', 'categories.json']);
    const two = shardDir('two', ['u3-result.json', 'u3-attachment.svg', 'categories.json']);
    const into = mergeResults([one, two], path.join(scratch, 'merged'));
    assert.deepEqual(fs.readdirSync(into).sort(), [
      'categories.json',
      'u1-result.json',
      'u2-result.json',
      'u3-attachment.svg',
      'u3-result.json',
    ]);
    assert.equal(fs.readFileSync(path.join(into, 'categories.json'), 'utf8'), 'one');
  });

  it('refuses a directory without results: a shard that ran nothing must not vanish from the report', () => {
    const one = shardDir('with', ['u1-result.json']);
    assert.throws(() => mergeResults([one, path.join(scratch, 'missing')], path.join(scratch, 'merged2')), /missing does not exist/);
  });
});
