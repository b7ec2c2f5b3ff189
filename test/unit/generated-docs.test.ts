// The generated tables of docs/ — steps and faults in docs/steps.md, checks in
// docs/evidence-and-checks.md — equal what the registries print now (the step files loaded as
// cucumber loads them), so a new step, fault or check cannot leave the pages stale; and the cell
// comparison ignores exactly Prettier's padding, nothing more.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { faultKinds } from '../../src/faults/fault-registry.js';
import { currentBody, GENERATED_SECTIONS, isCurrent, tableCells } from '../../src/scenario/generated-docs.js';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';
import { stepEntries } from '../../src/scenario/step-registry.js';
import { CHECKS } from '../../src/verify/index.js';

describe('the generated docs', () => {
  before(() => loadHarnessSteps());

  it('hold the step, fault and checks tables the registries print now', () => {
    for (const section of GENERATED_SECTIONS) {
      assert.ok(currentBody(section) !== undefined, `${section.file} marks a generated table with ${section.start} … ${section.end}`);
      assert.ok(isCurrent(section), `${section.file} is stale: run \`npm run docs\` (it rewrites the tables from the registries)`);
    }
    const [steps, faults, checks] = GENERATED_SECTIONS.map((s) => tableCells(s.body()));
    assert.equal(steps!.length, stepEntries().length + 2);
    assert.deepEqual(
      faults!.slice(2).map((row) => row[0]),
      faultKinds().map((k) => `\`${k.name}\``),
    );
    assert.deepEqual(
      checks!.slice(2).map((row) => row[0]),
      CHECKS.map((c) => `\`${c.name}\``),
    );
  });

  it('compares tables by cell: padding and separator widths do not matter, a changed cell does', () => {
    const plain = '| a | b |\n|---|---|\n| x | y \\| z |';
    const padded = '| a   | b       |\n| --- | ------- |\n| x   | y \\| z   |';
    assert.deepEqual(tableCells(plain), tableCells(padded));
    assert.deepEqual(tableCells(plain)[2], ['x', 'y \\| z']);
    assert.notDeepEqual(tableCells(plain), tableCells('| a | b |\n|---|---|\n| x | w |'));
  });
});
