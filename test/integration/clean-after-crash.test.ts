// A runner killed with SIGKILL cannot stop its processes; `chaos:clean` must — and must leave
// a live run alone.

import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { labelledProcesses } from '../../src/environment/process/clean-orphans.js';
import { projectRoot } from '../../src/setup/project-paths.js';
import { waitFor } from '../../src/util/wait-for.js';
import { removeIfPassed, tempRunsRoot } from '../support/test-environment.js';

const exec = promisify(execFile);
const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');
const pidsOf = (runId: string) => [...labelledProcesses()].filter(([, label]) => label.runId === runId).map(([pid]) => pid);

describe('chaos:clean after a runner is killed with SIGKILL', () => {
  it('finds every process of the crashed run by its label and stops them all', async () => {
    const runsRoot = tempRunsRoot('clean');
    const runner = spawn(process.execPath, [path.join(projectRoot, 'dist', 'test', 'fixtures', 'hold-environment.js'), runsRoot], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let runId = '';
    try {
      const lines: string[] = [];
      readline.createInterface({ input: runner.stdout! }).on('line', (line) => lines.push(line));
      runId = await waitFor(
        () => {
          if (runner.exitCode !== null) throw new Error(`the runner exited with ${runner.exitCode} before it was ready`);
          const ready = lines.find((line) => line.startsWith('{"runId"'));
          return ready && (JSON.parse(ready) as { runId: string }).runId;
        },
        { what: 'the runner to bring its environment up', timeoutMs: 180_000 },
      );

      const before = pidsOf(runId);
      assert.ok(before.length >= 6, `3 brokers, toxiproxy, target and a SUT carry the label (found ${before.length})`);

      const live = await exec(process.execPath, [cli, 'clean', '--run', runId]);
      assert.match(live.stdout, /still running/);
      assert.equal(pidsOf(runId).length, before.length, 'a live run is left alone');

      runner.kill('SIGKILL');
      await waitFor(() => runner.exitCode !== null || runner.signalCode !== null, { what: 'the runner to die', timeoutMs: 10_000 });
      assert.deepEqual(pidsOf(runId).sort(), before.sort(), 'the orphans survive their runner');

      const cleaned = await exec(process.execPath, [cli, 'clean', '--run', runId]);
      assert.match(cleaned.stdout, new RegExp(`run ${runId}: stopped ${before.length} processes`));
      assert.deepEqual(pidsOf(runId), [], 'no process of the run is left');
      removeIfPassed(runsRoot, true);
    } finally {
      runner.kill('SIGKILL');
      for (const pid of runId ? pidsOf(runId) : []) process.kill(pid, 'SIGKILL');
    }
  });
});
