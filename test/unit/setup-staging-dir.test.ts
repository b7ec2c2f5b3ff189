// Staging directories: readable by all, and leftovers of killed runs are swept, but not those of a run in progress.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { makeStagingDir } from '../../src/setup/staging-dir.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-setup-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('makeStagingDir', () => {
  it('sweeps stale siblings with the same prefix and keeps everything else', async () => {
    const parent = path.join(scratch, 'version');
    const stale = path.join(parent, 'libs.partial-old');
    const recent = path.join(parent, 'libs.partial-busy');
    const other = path.join(parent, 'libs');
    for (const dir of [stale, recent, other]) fs.mkdirSync(dir, { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    fs.utimesSync(other, twoHoursAgo, twoHoursAgo);

    const dir = await makeStagingDir(parent, 'libs.partial-');

    assert.equal(path.dirname(dir), parent);
    assert.match(path.basename(dir), /^libs\.partial-/);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o755);
    assert.equal(fs.existsSync(stale), false);
    assert.equal(fs.existsSync(recent), true);
    assert.equal(fs.existsSync(other), true);
  });

  it('creates a missing parent', async () => {
    const dir = await makeStagingDir(path.join(scratch, 'a', 'b'), 'gobin-');
    assert.ok(fs.statSync(dir).isDirectory());
  });
});
