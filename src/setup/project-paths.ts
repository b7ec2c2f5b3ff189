// Where the harness's own files are (the package root) and where fetched components are cached.
// The package root is derived from this module's own location, not the working directory, so
// the CLI works from any directory and from node_modules/kafka-chaos. The user's project — its
// features, steps, kafka-chaos.config.json and reports/ — is the working directory instead.

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envVar } from './env-var.js';

/** This file compiles to dist/src/setup/project-paths.js: the package root is three levels up. */
export const packageRoot: string = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/**
 * The cache of fetched components (Kafka jars, toxiproxy-server, image build contexts), per
 * user rather than per checkout, so `npm ci` does not throw it away and CI caches one path:
 * $KAFKA_CHAOS_CACHE, else $XDG_CACHE_HOME/kafka-chaos, else ~/.cache/kafka-chaos.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = envVar(env, 'KAFKA_CHAOS_CACHE');
  if (own !== undefined) return path.resolve(own);
  const xdg = envVar(env, 'XDG_CACHE_HOME');
  // The XDG spec ignores a relative XDG_CACHE_HOME.
  const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(env.HOME ?? os.homedir(), '.cache');
  return path.join(base, 'kafka-chaos');
}
