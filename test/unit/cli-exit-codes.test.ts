// docs/exit-codes.md is the table CI users read: each of its rows must be a row of the code's
// EXIT_CODE_TABLE (and the reverse), every code one of EXIT's, and every row that can be shown
// without a cluster is shown: its example runs in a scratch project and must exit with its code.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { EXIT, EXIT_CODE_TABLE } from '../../src/cli/exit-codes.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { CliProject, GOOD_SCENARIO } from '../support/cli-project.js';

/** The rows of the doc's table: | command | exit code | meaning | (its cells may be padded to align). */
function documentedRows(): Array<{ command: string; code: number; meaning: string }> {
  const text = fs.readFileSync(path.join(packageRoot, 'docs', 'exit-codes.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| [^-]/.test(line) && !/^\|\s*command\s*\|/.test(line))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'));
      return { command: cells[0]!.replace(/`/g, ''), code: Number(cells[1]), meaning: cells[2]! };
    });
}

describe('the exit codes', () => {
  const project = new CliProject();
  project.feature('good.feature', GOOD_SCENARIO);
  after(() => project.remove());

  it('are 0 all held, 1 a reliability failure, 2 not judged', () => {
    assert.deepEqual(EXIT, { ok: 0, reliabilityFailure: 1, notJudged: 2 });
  });

  it("docs/exit-codes.md shows exactly the code's table", () => {
    const documented = documentedRows();
    assert.ok(documented.length >= 10, `parsed ${documented.length} rows`);
    assert.deepEqual(
      documented,
      EXIT_CODE_TABLE.map(({ command, code, meaning }) => ({ command, code, meaning })),
    );
    for (const row of documented) assert.ok(Object.values(EXIT).includes(row.code as never), `${row.command}: ${row.code}`);
  });

  for (const row of EXIT_CODE_TABLE.filter((r) => r.example)) {
    it(`${row.command} → ${row.code} (${row.meaning}): kafka-chaos ${row.example!.join(' ')}`, () => {
      const run = project.run(row.example!);
      assert.equal(run.code, row.code, `${run.stdout}\n${run.stderr}`);
      if (row.code === EXIT.notJudged && row.example!.length > 0) assert.match(run.stderr, /^kafka-chaos: /m, 'a one-line cause');
    });
  }

  it('every command has a row for 0 and for 2', () => {
    for (const command of ['chaos', 'verify', 'setup', 'up', 'steps', 'images', 'clean', 'report', 'init']) {
      const codes = EXIT_CODE_TABLE.filter((r) => r.command === command).map((r) => r.code);
      assert.ok(codes.includes(EXIT.ok) && codes.includes(EXIT.notJudged), `${command}: ${codes.join(', ')}`);
    }
  });
});
