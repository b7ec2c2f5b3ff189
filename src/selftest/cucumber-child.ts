// One self-test run of cucumber, in a child process of its own (main.ts forks it once per
// forwarder mode, with KAFKA_CHAOS_CONFIG pointing at that mode's config). It uses the project's
// cucumber configuration — support code, parameters, retries — but replaces what to run (the
// chosen scenarios, no tag filter) and where output goes: only cucumber's message stream, one
// envelope per line into the file the parent named, so deliberately broken runs leave no Allure
// results behind. The parent judges the envelopes; this process only runs them.
//
// usage (by main.ts): node cucumber-child.js <request.json>

import fs from 'node:fs';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { HARNESS_STEPS } from '../scenario/harness-steps.js';
import { packageRoot } from '../setup/project-paths.js';

export interface ChildRequest {
  /** Feature files, relative to the project root. */
  paths: string[];
  /** Anchored regular expressions of the scenario names to run. */
  names: string[];
  /** Where to write the envelopes (JSON lines). */
  messagesFile: string;
}

/** What the child tells its parent as it goes, over the IPC channel. */
export type ChildProgress = { event: 'started'; name: string } | { event: 'finished'; name: string; status: string } | { event: 'done' };

async function run(requestFile: string): Promise<void> {
  const request = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as ChildRequest;
  const environment = { cwd: packageRoot };
  const { runConfiguration } = await loadConfiguration({}, environment);
  runConfiguration.sources = { ...runConfiguration.sources, paths: request.paths, names: request.names, tagExpression: '' };
  runConfiguration.formats = { ...runConfiguration.formats, stdout: 'progress', files: {}, publish: false };
  // The harness's cucumber.mjs leaves the steps to its runner: `kafka-chaos chaos` adds them, and so does this child.
  runConfiguration.support = { ...runConfiguration.support, importPaths: [HARNESS_STEPS] };

  const out = fs.openSync(request.messagesFile, 'w');
  const names = new Map<string, string>(); // pickle id, then test case id → scenario name
  const started = new Map<string, string>(); // test case started id → scenario name
  const worst = new Map<string, string>();
  try {
    await runCucumber(runConfiguration, environment, (envelope) => {
      fs.writeSync(out, `${JSON.stringify(envelope)}\n`);
      if (envelope.pickle) names.set(envelope.pickle.id, envelope.pickle.name);
      if (envelope.testCase) names.set(envelope.testCase.id, names.get(envelope.testCase.pickleId) ?? '?');
      if (envelope.testCaseStarted) {
        const name = names.get(envelope.testCaseStarted.testCaseId) ?? '?';
        started.set(envelope.testCaseStarted.id, name);
        tell({ event: 'started', name });
      }
      const step = envelope.testStepFinished;
      if (step && step.testStepResult.status !== 'PASSED' && !worst.has(step.testCaseStartedId)) {
        worst.set(step.testCaseStartedId, step.testStepResult.status);
      }
      if (envelope.testCaseFinished) {
        const id = envelope.testCaseFinished.testCaseStartedId;
        tell({ event: 'finished', name: started.get(id) ?? '?', status: worst.get(id) ?? 'PASSED' });
      }
    });
  } finally {
    fs.closeSync(out);
  }
}

function tell(progress: ChildProgress): void {
  process.send?.(progress);
}

/** Resolves once the parent has the message, so exiting right after loses nothing. */
function flush(): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send({ event: 'done' } satisfies ChildProgress, () => resolve()) : resolve()));
}

run(process.argv[2] ?? '').then(
  // A failing scenario is the parent's to judge; only a run that could not happen exits non-zero.
  // Exit explicitly: a support hook's leftover handle must not keep the child alive.
  () => flush().then(() => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(
      `selftest child: cucumber could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
