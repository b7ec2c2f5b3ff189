// Node module loader hooks (module.register) for a project's own step files: every file under
// the project's steps/ folder loads as an ES module, whatever its package.json says, and
// TypeScript there is transpiled by esbuild on the fly — no build step, no tsconfig needed.
// ES modules on purpose: a CommonJS step would require() kafka-chaos into a second copy of its
// registries, and its steps and faults would be invisible to the run. Imports between step
// files may name the .ts file or, as tsc wants, its .js twin.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

interface HookData {
  /** file: URL of the project's steps/ folder, ending in "/". */
  stepsUrl: string;
}

type Resolved = { url: string; format?: string | null; shortCircuit?: boolean };
type NextResolve = (specifier: string, context: unknown) => Promise<Resolved>;
type Loaded = { format: string; source?: string | Buffer | null; shortCircuit?: boolean };
type NextLoad = (url: string, context: unknown) => Promise<Loaded>;

let stepsUrl = '';

export function initialize(data: HookData): void {
  stepsUrl = data.stepsUrl;
}

const inSteps = (url: string): boolean => stepsUrl !== '' && url.startsWith(stepsUrl);

export async function resolve(specifier: string, context: { parentURL?: string }, next: NextResolve): Promise<Resolved> {
  const parent = context.parentURL;
  if (parent && inSteps(parent) && specifier.startsWith('.')) {
    // "./helpers.js" written for tsc, "./helpers" written for a bundler: either may be a .ts file.
    for (const candidate of [specifier, specifier.replace(/\.js$/, '.ts'), `${specifier}.ts`]) {
      const url = new URL(candidate, parent);
      if (fs.existsSync(fileURLToPath(url)) && fs.statSync(url).isFile()) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url: string, context: unknown, next: NextLoad): Promise<Loaded> {
  if (!inSteps(url) || !/\.(ts|mts|js|mjs)$/.test(url)) return next(url, context);
  const file = fileURLToPath(url);
  const source = fs.readFileSync(file, 'utf8');
  if (/\.m?js$/.test(url)) return { format: 'module', source, shortCircuit: true };
  const { code } = transformSync(source, { loader: 'ts', format: 'esm', sourcemap: 'inline', sourcefile: file, target: 'node20' });
  return { format: 'module', source: code, shortCircuit: true };
}
