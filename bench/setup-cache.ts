// bench:setup — what the per-user cache buys a CI job whose node_modules is fresh on every run:
// `kafka-chaos setup` cold (an empty cache, an empty Maven repository and Go module and build
// caches: everything fetched and built) beside warm (the same cache kept, as a CI cache of the
// one path restores it), in the same run on the same machine. Prints figures; asserts nothing.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/setup/project-paths.js';

const CLI = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-bench-setup-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  KAFKA_CHAOS_CACHE: path.join(root, 'cache'),
  KAFKA_CHAOS_MAVEN_REPO: path.join(root, 'm2'),
  GOMODCACHE: path.join(root, 'gomod'),
  GOCACHE: path.join(root, 'gocache'),
};
for (const name of ['KAFKA_HOME', 'TOXIPROXY_BIN']) delete env[name];

function setupMs(label: string): number {
  const started = Date.now();
  // Bounded: a cold fetch and build takes minutes, never ten.
  const result = spawnSync(process.execPath, [CLI, 'setup'], { env, encoding: 'utf8', timeout: 10 * 60_000 });
  const ms = Date.now() - started;
  if (result.status !== 0) throw new Error(`${label} setup failed (${result.status}): ${result.stderr}`);
  return ms;
}

try {
  const cold = setupMs('cold');
  const warm = setupMs('warm');
  const size = spawnSync('du', ['-sh', env.KAFKA_CHAOS_CACHE!], { encoding: 'utf8' }).stdout.split('\t')[0];
  console.log(`setup, cold (empty cache, Maven and Go caches): ${(cold / 1000).toFixed(1)} s`);
  console.log(`setup, warm (the cache path kept):              ${(warm / 1000).toFixed(1)} s  (${(cold / warm).toFixed(0)}x faster)`);
  console.log(`cache to keep: ${size} in one path ($KAFKA_CHAOS_CACHE, default ~/.cache/kafka-chaos)`);
} finally {
  // Go's module cache is read-only on disk.
  spawnSync('chmod', ['-R', 'u+w', root]);
  fs.rmSync(root, { recursive: true, force: true });
}
