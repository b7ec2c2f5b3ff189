// command-hint.ts: a message names a command as the user can run it — `npx kafka-chaos …` in a
// user's project (they have no npm scripts of ours), the npm script inside this repository
// (where npx would not find the package's own bin).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { hint, inPackageRepository } from '../../src/setup/command-hint.js';
import { packageRoot } from '../../src/setup/project-paths.js';

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-hint-'));
after(() => fs.rmSync(project, { recursive: true, force: true }));

describe('hint', () => {
  it("names npx kafka-chaos in a user's project", () => {
    assert.equal(inPackageRepository(project), false);
    assert.equal(hint('steps', '', project), 'npx kafka-chaos steps');
    assert.equal(hint('chaos', '--dry-run', project), 'npx kafka-chaos chaos --dry-run');
    assert.equal(hint('clean', '', project), 'npx kafka-chaos clean');
  });

  it('names the npm script inside this repository, and the build for a command without one', () => {
    assert.equal(inPackageRepository(packageRoot), true);
    assert.equal(hint('steps', '', packageRoot), 'npm run steps');
    assert.equal(hint('chaos', '--dry-run', packageRoot), 'npm run chaos -- --dry-run');
    assert.equal(hint('clean', '', packageRoot), 'npm run chaos:clean');
    assert.equal(hint('up', '', packageRoot), 'npm run env:up');
    assert.equal(hint('verify', 'reports/runs/x', packageRoot), 'node dist/src/cli/main.js verify reports/runs/x');
  });

  it("takes a subfolder of the repository for the repository (npm finds its scripts there), and the folder holding an installed package for a user's project", () => {
    assert.equal(inPackageRepository(path.join(packageRoot, 'features')), true);
    assert.equal(inPackageRepository(path.dirname(packageRoot)), false);
  });

  it('defaults to the working directory', () => {
    assert.equal(hint('report'), inPackageRepository(process.cwd()) ? 'npm run report' : 'npx kafka-chaos report');
  });
});
