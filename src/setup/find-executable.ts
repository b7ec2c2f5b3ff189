// Finds a tool on PATH by scanning it ourselves: shelling out to `which` would itself need a
// PATH, and the tests deliberately run with a PATH that lacks most tools.

import fs from 'node:fs';
import path from 'node:path';
import { envVar } from './env-var.js';

/** True when `file` is a regular file (after following symlinks) that this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of the first executable `name` on env.PATH, or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  // Empty PATH entries mean "the current directory" to a shell; skipping them keeps a stray
  // binary in the cwd from being picked up.
  const dirs = (envVar(env, 'PATH') ?? '').split(path.delimiter).filter((dir) => dir !== '');
  for (const dir of dirs) {
    const candidate = path.resolve(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
