// kafka-chaos matrix on a real cluster: seed 000's stop scenario (written against "the system
// under test") against the TypeScript and the Go reference forwarders, one column each. Both
// must pass it — each stops on the refused POST without committing it — and every cell must come
// from a run of its own client: its Allure results name that SUT, and the scenarios that name
// their own SUT (the Java consumer's) are listed, not run.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { MatrixCell } from '../../src/matrix/matrix-cells.js';
import { readResults, runKafkaChaos } from '../support/chaos-runner.js';
import { failureTracker, removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

const STOP = 'An unreachable HTTP server stops the pipeline without a commit';

describe('kafka-chaos matrix', () => {
  const failures = failureTracker();

  it(
    'runs a portable scenario against two clients and reads a verdict per client',
    failures.track(async () => {
      const runsRoot = tempRunsRoot('matrix');
      const out = path.join(runsRoot, 'matrix');
      const run = await runKafkaChaos(
        'matrix',
        [
          '--suts',
          'forwarder,go-forwarder',
          '--out',
          out,
          '--name',
          STOP,
          '--name',
          'Java consumer',
          'features/seed-000-http-outage.feature',
          'features/java-consumer-commit.feature',
        ],
        { runsRoot, timeoutMs: 600_000 },
      );
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      const matrix = JSON.parse(fs.readFileSync(path.join(out, 'matrix.json'), 'utf8')) as {
        cells: MatrixCell[];
        pinned: { name: string }[];
      };
      assert.deepEqual(
        matrix.cells.map((c) => [c.sut, c.scenario, c.status]),
        [
          ['forwarder', STOP, 'passed'],
          ['go-forwarder', STOP, 'passed'],
        ],
      );
      for (const cell of matrix.cells) {
        // The scenario claims only that nothing is committed during the outage: no other figure is shown.
        assert.deepEqual(cell.figures, { judged: ['commit-during-outage'] }, cell.sut);
      }
      assert.deepEqual(
        matrix.pinned.map((p) => p.name),
        [
          'An unreachable HTTP server stops the Java consumer without a commit',
          'Restarted after the outage, the Java consumer delivers the message that stopped it',
        ],
        'the Java consumer scenarios name their SUT: listed, not run',
      );
      assert.match(run.stdout, /\| scenario\s+\| forwarder @ \d+\.\d+\.\d+\s+\| go-forwarder @/);
      assert.match(run.stdout, /passed · judged: commit-during-outage/);
      assert.match(run.stdout, /2 of 2 cells passed/);
      for (const sut of ['forwarder', 'go-forwarder']) {
        const [column] = fs.readdirSync(out).filter((d) => d.startsWith(`${sut}-kafka-`));
        const results = readResults(path.join(out, column!, 'allure-results'));
        assert.equal(results.length, 1, `${sut}: one Allure result`);
        assert.ok(
          results[0]!.parameters?.some((p) => p.name === 'system under test' && p.value === sut),
          `${sut}: the SUT is a parameter`,
        );
      }
      removeIfPassed(runsRoot, true);
    }),
  );
});
