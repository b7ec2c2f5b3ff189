// The HTML verdict agrees with the terminal one on what was judged: an unasserted check reads
// "not judged" (or "not judged (would fail)"), never "holds"; a step finding is a VIOLATED row.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verdictTableHtml } from '../../src/report/verdict-html.js';
import { verdictTable } from '../../src/report/verdict-table.js';
import { CHECKS, verify } from '../../src/verify/index.js';
import { OPTIONS, answered, commit, finalOffsets, healthy } from '../support/verify-fixtures.js';
import { findAll, parseMarkup, textOf } from '../support/report-markup-parse.js';

const lossy = () =>
  healthy({ delivered: [answered('a', 10), answered('b', 20)], commits: [commit(0, 2, 40)], offsets: finalOffsets({ 0: 2 }, { 0: 3 }) });

describe('the verdict, judged and not', () => {
  const verdict = verify(lossy(), {
    ...OPTIONS,
    assertedChecks: ['unsafe-commit'],
    findings: [{ category: 'Pipeline did not stop', detail: 'still running', step: 'the forwarder has stopped' }],
  });

  it('marks unasserted checks "not judged" in the HTML, the failing ones "(would fail)"', () => {
    const root = parseMarkup(verdictTableHtml(verdict));
    const row = (name: string) => textOf(findAll(root, (e) => e.name === 'tr' && e.attributes['data-check'] === name)[0]!);
    assert.match(row('lost'), /not judged \(would fail\)/);
    assert.match(row('order'), /not judged/);
    assert.doesNotMatch(row('order'), /holds/);
    assert.match(row('unsafe-commit'), /holds/);
    const finding = findAll(root, (e) => e.name === 'tr' && 'data-finding' in e.attributes);
    assert.equal(finding.length, 1);
    assert.match(textOf(finding[0]!), /VIOLATED.*Pipeline did not stop.*still running/s);
    // Counted over the registry, so a new check (not asserted here) only adds a "not judged".
    const total = CHECKS.length;
    assert.match(
      textOf(root),
      new RegExp(`Verdict: VIOLATED\\s*${total} checks: 1 hold, 0 violated, 0 unknown, ${total - 1} not judged, 1 step findings`),
    );
  });

  it('marks them the same way in the terminal table', () => {
    const table = verdictTable(verdict);
    assert.match(table, /^verdict: VIOLATED/);
    assert.match(table, /lost\s+not judged \(would fail\)/);
    assert.match(table, /unsafe-commit\s+holds/);
    assert.match(table, /step\s+VIOLATED\s+Pipeline did not stop: still running \(the forwarder has stopped\)/);
  });
});
