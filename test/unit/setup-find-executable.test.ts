// PATH scanning without `which`: only executable regular files count, and empty entries (the cwd) are skipped.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { findExecutable } from '../../src/setup/find-executable.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-setup-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('findExecutable', () => {
  const plain = path.join(scratch, 'plain');
  const exec = path.join(scratch, 'exec');
  fs.mkdirSync(plain);
  fs.mkdirSync(exec);
  fs.writeFileSync(path.join(plain, 'tool'), '#!/bin/sh\n', { mode: 0o644 });
  fs.writeFileSync(path.join(exec, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
  fs.mkdirSync(path.join(plain, 'dir-tool'));

  it('skips files that are not executable and takes the first executable one', () => {
    assert.equal(findExecutable('tool', { PATH: [plain, exec].join(path.delimiter) }), path.join(exec, 'tool'));
  });

  it('ignores directories, empty entries and an unset PATH', () => {
    assert.equal(findExecutable('dir-tool', { PATH: plain }), undefined);
    assert.equal(findExecutable('tool', { PATH: `${path.delimiter}${plain}` }), undefined);
    assert.equal(findExecutable('tool', {}), undefined);
  });
});
