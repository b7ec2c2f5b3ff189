// The harness's own step files (dist/steps: the step vocabulary and the fault families), loaded
// as cucumber loads support code. Loading them fills the step and fault registries, which
// `kafka-chaos steps`, the docs and the tests read outside a cucumber run.

import path from 'node:path';
import { loadSupport, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { packageRoot } from '../setup/project-paths.js';

/** The glob cucumber imports for the harness steps (added to every run's import paths). */
export const HARNESS_STEPS = path.join(packageRoot, 'dist', 'steps', '**', '*.js');

let loaded: Promise<ISupportCodeLibrary> | undefined;

/** Loads the harness steps once per process (ES modules run once, so a second load would find no definitions). */
export function loadHarnessSteps(): Promise<ISupportCodeLibrary> {
  loaded ??= loadSupport(
    {
      sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
      support: { importPaths: [HARNESS_STEPS] },
    },
    { cwd: packageRoot },
  );
  return loaded;
}
