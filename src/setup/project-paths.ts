// Where the project lives and where fetched components are cached. The root is derived from
// this module's own location, not the working directory, so the CLI works from any directory.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envVar } from './env-var.js';

/** This file compiles to dist/src/setup/project-paths.js: the project root is three levels up. */
export const projectRoot: string = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** The cache of fetched components (Kafka jars, toxiproxy-server): $KAFKA_CHAOS_CACHE or <root>/.cache. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(envVar(env, 'KAFKA_CHAOS_CACHE') ?? path.join(projectRoot, '.cache'));
}
