// The closest known step to a mistyped one: normalisation (numbers, strings, parameters,
// optional text and alternatives) and the edit distance that ranks the candidates.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { closestStep, editDistance, expressionVariants, normalizeStepText } from '../../src/scenario/closest-pattern.js';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';
import { stepEntries } from '../../src/scenario/step-registry.js';

let known: Array<{ pattern: string; example: string }> = [];
before(async () => {
  await loadHarnessSteps();
  known = stepEntries().map((e) => ({ pattern: e.pattern, example: e.example }));
});

describe('closest step pattern', () => {
  it('computes the Levenshtein distance', () => {
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('flaw', 'lawn'), 2);
  });

  it('normalises numbers, quoted strings, case and spaces', () => {
    assert.equal(normalizeStepText('  500   Messages are produced to "orders" '), '0 messages are produced to "_"');
    assert.equal(normalizeStepText("1,000 at 'x'"), '0 at "_"');
  });

  it('expands optional text and alternatives, and shapes parameters', () => {
    const variants = expressionVariants('{count} message(s) is/are produced to {string}');
    for (const text of ['0 message is produced to "_"', '0 messages are produced to "_"', '0 messages is produced to "_"']) {
      assert.ok(variants.includes(text), `${text} in ${variants.join(' | ')}`);
    }
    assert.deepEqual(expressionVariants('{broker} is isolated for {duration}'), ['broker 0 is isolated for 0 seconds']);
  });

  it('finds what a typo meant', () => {
    const cases: Array<[string, string]> = [
      ['5 mesages are produced to "orders"', '{count} message(s) is/are produced to {string}'],
      ['the HTTP target goes dwn for 10 seconds', 'the HTTP target goes down for {duration}'],
      ['broker 2 is isolatd', '{broker} is isolated'],
      ['no mesage is lost', 'no message is lost'],
      ['within 1 minute every message is delivered', 'within {duration} every produced message is delivered'],
    ];
    for (const [text, pattern] of cases) assert.equal(closestStep(text, known)?.step.pattern, pattern, text);
  });

  it('puts an exact match at distance 0, and knows nothing without candidates', () => {
    assert.equal(closestStep('1,000 messages are produced to "orders" at 200 per second', known)?.distance, 0);
    assert.equal(closestStep('anything', []), undefined);
  });
});
