// `npm run build`: compiles the TypeScript (tsconfig.json's include) into a fresh dist/, and
// skips that when dist/ was built from exactly these sources. Every npm script that runs the
// harness builds first, so a CI run or a user's `npm run chaos` would otherwise pay a full
// compile (7 s on 2 cores) each time. The key is a hash of the contents of every .ts file
// compiled, tsconfig.json and package-lock.json (the compiler and the types), not of times: a
// checkout that brings back an older file still changes the key. dist/ is emptied before a
// compile, so a deleted source never leaves its stale .js behind.
//
// usage: node scripts/build.mjs [--force]

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const keyFile = path.join(dist, '.build-key');

/** Every file the compile reads from this project, relative and sorted. */
function inputs() {
  const { include } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const files = ['tsconfig.json', 'package-lock.json'].filter((f) => fs.existsSync(path.join(root, f)));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(relative);
      else if (entry.isFile() && relative.endsWith('.ts')) files.push(relative);
    }
  };
  for (const dir of include) if (fs.existsSync(path.join(root, dir))) walk(dir);
  return files.sort();
}

function sourceKey() {
  const hash = crypto.createHash('sha256');
  for (const file of inputs())
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

const key = sourceKey();
const force = process.argv.includes('--force');
if (!force && fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key) process.exit(0);

fs.rmSync(dist, { recursive: true, force: true });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
fs.writeFileSync(keyFile, key);
