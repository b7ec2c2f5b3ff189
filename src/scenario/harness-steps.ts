// The step definitions a run loads, as cucumber loads support code: the harness's own
// (dist/steps: the step vocabulary and the fault families) and the project's (steps/**/*.ts,
// .js or .mjs in the working directory, TypeScript transpiled as it loads).
// Loading them fills the step and fault registries, which `kafka-chaos steps`, the docs, the
// preflight and the tests read outside a cucumber run.

import fs from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSupport, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { packageRoot } from '../setup/project-paths.js';

/** The glob cucumber imports for the harness steps (added to every run's import paths). */
export const HARNESS_STEPS = path.join(packageRoot, 'dist', 'steps', '**', '*.js');

/** The harness's cucumber configuration (cucumber.mjs of the package), used unless --cucumber-config names another. */
export const HARNESS_CUCUMBER_CONFIG = path.join(packageRoot, 'cucumber.mjs');

/** Where a project keeps its own step definitions, relative to the project. */
export const PROJECT_STEPS_DIR = 'steps';
const PROJECT_STEPS_GLOB = `${PROJECT_STEPS_DIR}/**/*.@(ts|js|mjs)`;

/**
 * The import globs of a project's own steps: none when it has no steps/ folder, and none in this
 * repository itself, whose steps/ are the harness steps (their TypeScript sources would define
 * every step a second time).
 */
export function projectStepImports(cwd: string): string[] {
  const dir = path.resolve(cwd, PROJECT_STEPS_DIR);
  if (dir === path.join(packageRoot, PROJECT_STEPS_DIR) || !fs.existsSync(dir)) return [];
  return [PROJECT_STEPS_GLOB];
}

let hooksFor: string | undefined;

/**
 * Loads the project's step files as ES modules, TypeScript transpiled on the fly
 * (step-loader-hooks.ts). Once per process: a second steps folder would be a harness bug.
 */
export function registerProjectStepLoader(cwd: string): void {
  const stepsUrl = pathToFileURL(path.resolve(cwd, PROJECT_STEPS_DIR) + path.sep).href;
  if (hooksFor === stepsUrl) return;
  if (hooksFor !== undefined) throw new Error(`project steps already loaded from ${hooksFor}, not ${stepsUrl}`);
  register(new URL('./step-loader-hooks.js', import.meta.url), { data: { stepsUrl } });
  hooksFor = stepsUrl;
}

let loaded: Promise<ISupportCodeLibrary> | undefined;

/**
 * Loads the harness steps, and the project's steps in `cwd`, once per process (ES modules run
 * once, so a second load would find no definitions).
 */
export function loadHarnessSteps(cwd = packageRoot): Promise<ISupportCodeLibrary> {
  loaded ??= (async () => {
    const project = projectStepImports(cwd);
    if (project.length > 0) registerProjectStepLoader(cwd);
    return loadSupport(
      {
        sources: { paths: [], defaultDialect: 'en', names: [], tagExpression: '', order: 'defined' },
        support: { importPaths: [HARNESS_STEPS, ...project] },
      },
      { cwd },
    );
  })();
  return loaded;
}
