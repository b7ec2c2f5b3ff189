// Before anything runs: every scenario the self-test plan names exists, as cucumber itself parses
// the feature files. A renamed scenario fails here in a second, on one line naming the fix,
// rather than as a column of environment errors after a long run.

import fs from 'node:fs';
import path from 'node:path';
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import { packageRoot } from '../setup/project-paths.js';
import { ConfigError } from '../util/errors.js';
import type { SelftestPlan } from './detection-matrix.js';

const PLAN_FILE = 'src/selftest/plan.ts';

export async function checkPlan(plan: SelftestPlan): Promise<void> {
  const features = [...new Set(plan.scenarios.map((s) => s.feature))];
  for (const feature of features) {
    if (!fs.existsSync(path.join(packageRoot, feature))) {
      throw new ConfigError(`the self-test plan names ${feature}, which does not exist`, { fix: `update ${PLAN_FILE}` });
    }
  }
  const environment = { cwd: packageRoot };
  const { runConfiguration } = await loadConfiguration({}, environment);
  const { plan: pickles, errors } = await loadSources(
    { ...runConfiguration.sources, paths: features, names: [], tagExpression: '' },
    environment,
  );
  if (errors.length > 0) {
    const [first] = errors;
    throw new ConfigError(`${first!.uri}:${first!.location.line} does not parse: ${first!.message}`, { fix: 'correct the feature file' });
  }
  for (const scenario of plan.scenarios) {
    const found = pickles.some((p) => normalize(p.uri) === normalize(scenario.feature) && p.name === scenario.name);
    if (!found) {
      throw new ConfigError(`the self-test plan names scenario "${scenario.name}" in ${scenario.feature}, which has no such scenario`, {
        fix: `update ${PLAN_FILE} to the scenario's current name`,
      });
    }
  }
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}
