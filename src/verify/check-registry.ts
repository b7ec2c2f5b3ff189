// The registry of checks: every check in src/verify/checks/, found by reading the compiled folder
// at load time (top-level await), so adding a check is adding a file — no list to keep. Each
// module's exports are scanned for values defineCheck produced. The order is documented in
// compareChecks: the original ten by their `order` number, every later check after them by name.

import { readdir } from 'node:fs/promises';
import type { CheckName } from './check-name.js';
import { compareChecks, isDefinedCheck, type DefinedCheck } from './define-check.js';

const CHECKS_FOLDER = new URL('./checks/', import.meta.url);

/** The module file (e.g. "lost.js") that defined each check, by check name. */
export const CHECK_FILES: ReadonlyMap<string, string> = new Map();

async function discover(): Promise<DefinedCheck[]> {
  // Compiled modules only: tsc also writes .js.map files beside them.
  const files = (await readdir(CHECKS_FOLDER)).filter((file) => file.endsWith('.js')).sort();
  const modules = await Promise.all(files.map(async (file) => ({ file, exports: await import(new URL(file, CHECKS_FOLDER).href) })));
  const found = new Map<string, DefinedCheck>();
  for (const { file, exports } of modules) {
    for (const value of Object.values(exports as Record<string, unknown>)) {
      if (!isDefinedCheck(value) || found.get(value.name) === value) continue;
      if (found.has(value.name))
        throw new Error(`two checks are named ${value.name} (${CHECK_FILES.get(value.name)} and ${file}) — fix: rename one`);
      found.set(value.name, value);
      (CHECK_FILES as Map<string, string>).set(value.name, file);
    }
  }
  return [...found.values()].sort(compareChecks);
}

/** Every check, in the registry's order: what the verdict runs. */
export const CHECKS: readonly DefinedCheck[] = Object.freeze(await discover());

const BY_NAME = new Map<string, DefinedCheck>(CHECKS.map((check) => [check.name, check]));

/** The registered check of that name, if any. */
export function checkNamed(name: string): DefinedCheck | undefined {
  return BY_NAME.get(name);
}

/** Whether a name from outside (run.json, the CLI, a verdict) is a registered check's. */
export function isCheckName(name: string): name is CheckName {
  return BY_NAME.has(name);
}
