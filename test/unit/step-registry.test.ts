// The step registry against the real step definitions (dist/steps, loaded as cucumber loads
// them): every definition is registered with its descriptor and every descriptor defined, every
// example runs the definition of its own step and no other, its arguments parse and pass the
// step's range checks, `kafka-chaos steps` lists them all, and the steps that name a Kafka
// version are the ones kafka-requirement.ts reads.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';
import { kafkaRequirementOf } from '../../src/scenario/kafka-requirement.js';
import { formatSteps, stepById, stepEntries } from '../../src/scenario/step-registry.js';
import { packageRoot } from '../../src/setup/project-paths.js';

interface Definition {
  pattern: string | RegExp;
  expression: { match(text: string): ReadonlyArray<{ getValue(thisObj: unknown): unknown }> | null };
}

describe('the step registry', () => {
  let definitions: Definition[] = [];

  before(async () => {
    const support: ISupportCodeLibrary = await loadHarnessSteps();
    definitions = (support as unknown as { stepDefinitions: Definition[] }).stepDefinitions;
  });

  it('registers every step definition, and every registered step is defined', () => {
    const patterns = new Set(stepEntries().map((e) => e.pattern));
    assert.deepEqual(
      definitions.map((d) => String(d.pattern)).filter((p) => !patterns.has(p)),
      [],
      'definitions without a descriptor',
    );
    assert.equal(definitions.length, stepEntries().length);
    assert.ok(stepEntries().length >= 80, `${stepEntries().length} steps`);
  });

  it('keeps each fault step in its fault family file under steps/faults/, where a grep finds it', () => {
    const folder = path.join(packageRoot, 'steps', 'faults');
    const sources = fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(folder, f), 'utf8'));
    const literal = (pattern: string) => `pattern: '${pattern.replace(/\\/g, '\\\\')}'`;
    const elsewhere = stepEntries()
      .filter((e) => e.kind === 'fault')
      .filter((e) => !sources.some((source) => source.includes(literal(e.pattern))));
    assert.deepEqual(
      elsewhere.map((e) => e.pattern),
      [],
      'fault steps defined outside steps/faults/',
    );
  });

  it('matches every example to its own step and only to it, with arguments that parse and validate', () => {
    for (const entry of stepEntries()) {
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

  it('rejects out-of-range arguments through the steps’ checks', () => {
    assert.throws(() => stepById('cluster')!.validate!(0), /0 brokers is out of range/);
    assert.throws(() => stepById('topicRfIsr')!.validate!('t', 3, 2, 3), /3 in-sync replicas is out of range/);
    assert.throws(() => stepById('sutScales')!.validate!(21), /out of range/);
  });

  it('prints every pattern and example, grouped by kind', () => {
    const text = formatSteps();
    for (const entry of stepEntries()) {
      assert.ok(text.includes(`  ${entry.pattern}\n      e.g. ${entry.example}\n`), entry.pattern);
    }
    assert.deepEqual(
      text.split('\n').filter((l) => /^\S/.test(l)),
      ['environment:', 'traffic:', 'fault:', 'wait:', 'assertion:'],
    );
  });

  it('has exactly the two cluster steps that name a Kafka version read as such by kafkaRequirementOf', () => {
    const read = stepEntries().flatMap((e) => {
      const requirement = kafkaRequirementOf([e.example]);
      return requirement ? [[e.id, requirement.version, requirement.orNewer] as const] : [];
    });
    assert.deepEqual(read, [
      ['clusterVersion', '3.9.1', false],
      ['clusterMinVersion', '4.1.1', true],
    ]);
  });
});
