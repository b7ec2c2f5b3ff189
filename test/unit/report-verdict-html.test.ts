// The verdict table attachment from hand-built verdicts: every check with its outcome, figures,
// examples and explanation; the header's overall outcome; escaping of everything that comes from
// the evidence (a message id is whatever the SUT forwarded); well-formed, pure-ASCII markup.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verdictTableHtml } from '../../src/report/verdict-html.js';
import { verify, type CheckResult, type Verdict } from '../../src/verify/index.js';
import { OPTIONS, healthy } from '../support/verify-fixtures.js';
import { findAll, parseMarkup, textOf } from '../support/report-markup-parse.js';

const check = (name: string, valid: CheckResult['valid'], extra: Partial<CheckResult> = {}): CheckResult => ({
  name,
  valid,
  figures: {},
  examples: [],
  explanation: `${name} explained.`,
  judged: true,
  ...extra,
});

function rows(html: string) {
  return findAll(parseMarkup(html), (e) => e.name === 'tr' && 'data-check' in e.attributes);
}

describe('verdictTableHtml', () => {
  it('shows every check with holds, VIOLATED or unknown, its figures, examples and explanation', () => {
    const verdict: Verdict = {
      valid: false,
      checks: [
        check('lost', false, {
          figures: { logged: 100, lost: 3 },
          examples: ['m-7', 'm-9', 'm-42'],
          explanation: '3 of 100 messages never got a 2xx.',
        }),
        check('duplicates', true, { figures: { duplicateDeliveries: 0, maxDuplicates: Infinity } }),
        check('order', 'unknown', { explanation: 'The check could not decide: boom' }),
      ],
      judged: ['lost', 'duplicates', 'order'],
      findings: [],
      warnings: [],
    };
    const html = verdictTableHtml(verdict);
    const found = rows(html);
    assert.deepEqual(
      found.map((r) => [r.attributes['data-check'], r.attributes['data-valid']]),
      [
        ['lost', 'false'],
        ['duplicates', 'true'],
        ['order', 'unknown'],
      ],
    );
    const [lost, duplicates, order] = found.map(textOf);
    assert.match(lost!, /VIOLATED/);
    assert.match(lost!, /logged = 100/);
    assert.match(lost!, /lost = 3/);
    assert.match(lost!, /m-7.*m-9.*m-42/s);
    assert.match(lost!, /3 of 100 messages never got a 2xx\./);
    assert.match(duplicates!, /holds/);
    assert.match(duplicates!, /maxDuplicates = \u221E/);
    assert.match(order!, /unknown/);
    assert.match(order!, /could not decide: boom/);
    assert.match(textOf(parseMarkup(html)), /Verdict: VIOLATED\s*3 checks: 1 hold, 1 violated, 1 unknown/);
  });

  it('heads the table with the overall outcome: holds, VIOLATED or unknown', () => {
    const header = (valid: Verdict['valid']) =>
      textOf(parseMarkup(verdictTableHtml({ valid, checks: [check('lost', valid)], judged: [], findings: [], warnings: [] })));
    assert.match(header(true), /Verdict: holds/);
    assert.match(header(false), /Verdict: VIOLATED/);
    assert.match(header('unknown'), /Verdict: unknown/);
  });

  it('escapes names, figures, examples, explanations and warnings taken from the evidence', () => {
    const hostile = '<script>alert("x")</script> & \'quoted\'';
    const html = verdictTableHtml({
      valid: false,
      checks: [check(hostile, false, { figures: { [hostile]: 1.25 }, examples: [hostile, '</td></tr></table>'], explanation: hostile })],
      judged: [],
      findings: [],
      warnings: [hostile],
    });
    assert.doesNotMatch(html, /<script/i);
    const root = parseMarkup(html); // throws on a raw "<" or "&", or a broken nesting
    assert.equal(findAll(root, (e) => e.name === 'table').length, 1);
    const text = textOf(root);
    assert.equal(text.split(hostile).length - 1, 5); // name, figure name, example, explanation, warning
    assert.match(text, /= 1\.3/); // one decimal
    assert.match(text, /<\/td><\/tr><\/table>/); // shown as text, not markup
  });

  it('writes pure ASCII, so the attachment reads right whatever encoding the viewer assumes', () => {
    const html = verdictTableHtml({
      valid: true,
      checks: [check('lost', true, { explanation: 'naïve — ≤ 5 “quoted” 🙂' })],
      judged: [],
      findings: [],
      warnings: [],
    });
    assert.match(html, /^[\x20-\x7e\n]*$/);
    assert.match(textOf(parseMarkup(html)), /naïve — ≤ 5 “quoted” 🙂/);
  });

  it('renders a real verdict: one row per check the checker ran, and its warnings', () => {
    const verdict = verify(healthy(), OPTIONS);
    verdict.warnings.push('a torn last line in delivered.jsonl was skipped');
    const html = verdictTableHtml(verdict);
    assert.deepEqual(
      rows(html).map((r) => r.attributes['data-check']),
      verdict.checks.map((c) => c.name),
    );
    assert.match(textOf(parseMarkup(html)), /torn last line/);
  });

  it('shows three examples and folds the rest away, so a long row does not bury the others', () => {
    const examples = Array.from({ length: 10 }, (_, i) => `p0 commit ${i} while offset 0 undelivered`);
    const [row] = rows(
      verdictTableHtml({ valid: false, checks: [check('unsafe-commit', false, { examples })], judged: [], findings: [], warnings: [] }),
    );
    const folded = findAll(row!, (e) => e.name === 'details');
    assert.equal(folded.length, 1);
    assert.match(textOf(folded[0]!), /^7 more/);
    for (const example of examples) assert.ok(textOf(row!).includes(example), example);
    assert.ok(!textOf(folded[0]!).includes(examples[2]!), 'the first three stay visible');
  });

  it('says so when a verdict has no checks', () => {
    const html = verdictTableHtml({ valid: true, checks: [], judged: [], findings: [], warnings: [] });
    assert.match(textOf(parseMarkup(html)), /No check ran/);
  });
});
