// How a message tells the user to run a kafka-chaos command. A user who installed the package
// runs it as `npx kafka-chaos <command>` from their project and has no npm scripts of ours;
// inside this repository (the working directory is in the package root) npx would not find the
// bin — a package's own bin is not linked into its own node_modules/.bin — so the hint names
// the npm script, which also builds first. It lives in setup, not src/cli, so the scenario,
// report and image layers can word their "— fix:" with it without importing upward.

import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from './project-paths.js';

/** The npm scripts of this repository (package.json) that run a command, by command. */
const NPM_SCRIPT: Readonly<Record<string, string>> = {
  setup: 'setup',
  chaos: 'chaos',
  report: 'report',
  steps: 'steps',
  images: 'images',
  clean: 'chaos:clean',
  up: 'env:up',
};

/** The real path of a directory, so a symlinked checkout or /tmp still compares equal. */
function real(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * True when `cwd` is in this repository's checkout (the package root or below it: npm finds the
 * scripts from a subfolder too), not in a user's project — which holds the package below itself,
 * in node_modules/kafka-chaos, never above.
 */
export function inPackageRepository(cwd: string = process.cwd()): boolean {
  const relative = path.relative(real(packageRoot), real(cwd));
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The command line that runs `kafka-chaos <command> [args]` where the user is:
 * hint('steps') is `npx kafka-chaos steps` in a user's project, `npm run steps` here;
 * hint('chaos', '--dry-run') is `npm run chaos -- --dry-run` here.
 * The caller quotes it (backticks) in its message.
 */
export function hint(command: string, args = '', cwd: string = process.cwd()): string {
  if (!inPackageRepository(cwd)) return `npx kafka-chaos ${command}${args ? ` ${args}` : ''}`;
  const script = NPM_SCRIPT[command];
  // A command without a script (verify, init) runs from the build, as the scripts do.
  if (script === undefined) return `node dist/src/cli/main.js ${command}${args ? ` ${args}` : ''}`;
  return `npm run ${script}${args ? ` -- ${args}` : ''}`;
}
