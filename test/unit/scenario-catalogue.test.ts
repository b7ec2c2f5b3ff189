// The step catalogue against the real step definitions (dist/steps, loaded as cucumber loads
// them): every entry is defined, every example runs the definition of its own entry and no
// other, its arguments parse and pass the entry's range checks, and `kafka-chaos steps` and
// the docs/steps.md table list them all.

import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSupport, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { projectRoot } from '../../src/setup/project-paths.js';
import { catalogueEntries, catalogueMarkdown, formatCatalogue, STEPS, type StepId } from '../../src/scenario/step-catalogue.js';
import { definedSteps } from '../../steps/support/define-step.js';

interface Definition {
  pattern: string | RegExp;
  expression: { match(text: string): ReadonlyArray<{ getValue(thisObj: unknown): unknown }> | null };
}

describe('the step catalogue', () => {
  let definitions: Definition[] = [];

  before(async () => {
    const support: ISupportCodeLibrary = await loadSupport(
      {
        sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
        support: { importPaths: [path.join(projectRoot, 'dist', 'steps', '**', '*.js')] },
      },
      { cwd: projectRoot },
    );
    definitions = (support as unknown as { stepDefinitions: Definition[] }).stepDefinitions;
  });

  it('has a step definition for every entry, and no definition outside it', () => {
    const ids = Object.keys(STEPS) as StepId[];
    assert.deepEqual(
      ids.filter((id) => !definedSteps.has(id)),
      [],
      'entries without a definition',
    );
    const patterns = new Set(catalogueEntries().map((e) => e.pattern));
    assert.deepEqual(
      definitions.map((d) => String(d.pattern)).filter((p) => !patterns.has(p)),
      [],
      'definitions outside the catalogue',
    );
    assert.equal(definitions.length, ids.length);
  });

  it('matches every example to its own entry and only to it, with arguments that parse and validate', () => {
    for (const entry of catalogueEntries()) {
      const matching = definitions.filter((d) => d.expression.match(entry.example) !== null);
      assert.deepEqual(
        matching.map((d) => String(d.pattern)),
        [entry.pattern],
        `example "${entry.example}"`,
      );
      const values = matching[0]!.expression.match(entry.example)!.map((a) => a.getValue(null));
      assert.doesNotThrow(() => entry.validate?.(...values), `arguments of "${entry.example}"`);
    }
  });

  it('rejects out-of-range arguments through the entries’ checks', () => {
    assert.throws(() => STEPS.cluster.validate!(0), /0 brokers is out of range/);
    assert.throws(() => STEPS.topicRfIsr.validate!('t', 3, 2, 3), /3 in-sync replicas is out of range/);
    assert.throws(() => STEPS.sutScales.validate!(21), /out of range/);
  });

  it('prints every pattern and example, grouped by kind, and as the docs/steps.md table', () => {
    const text = formatCatalogue();
    for (const entry of catalogueEntries()) {
      assert.ok(text.includes(`  ${entry.pattern}\n      e.g. ${entry.example}\n`), entry.pattern);
    }
    assert.deepEqual(
      text.split('\n').filter((l) => /^\S/.test(l)),
      ['environment:', 'traffic:', 'fault:', 'wait:', 'assertion:'],
    );
    const rows = catalogueMarkdown().split('\n');
    assert.equal(rows.length, catalogueEntries().length + 2);
    assert.ok(
      rows.includes(
        '| fault | `{link} is limited to {int} KB/s` | `the link between the SUT and broker 2 is limited to 64 KB/s` | a bandwidth toxic, both directions |',
      ),
    );
  });
});
