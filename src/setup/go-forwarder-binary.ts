// The Go reference forwarder (sut/go-forwarder, franz-go), built from its source with `go build`
// by `kafka-chaos setup` and cached per digest of that source, like the guarded toxiproxy-server.
// Its path is known without building (goForwarderPath), so the config can name it; the SUT
// preflight reports a missing build with the fix (run setup) before any cluster starts.

import fs from 'node:fs';
import path from 'node:path';
import { isExecutableFile } from './find-executable.js';
import { buildGoModule, requireGo, sourceDigest } from './go-build.js';
import { cacheDir as defaultCacheDir, packageRoot } from './project-paths.js';

/** The module, shipped as source. */
export const GO_FORWARDER_SOURCE_DIR = path.join(packageRoot, 'sut', 'go-forwarder');
export const GO_FORWARDER_SOURCES = ['go.mod', 'go.sum', 'main.go', 'config.go', 'events.go', 'http.go', 'tls.go'];

/** Where the build of the current source lives (it may not be built yet). */
export function goForwarderPath(cacheDir: string = defaultCacheDir()): string {
  // A package without the source (never shipped so) gets a path that is never built: the preflight says so.
  const sources = GO_FORWARDER_SOURCES.map((file) => readIfPresent(path.join(GO_FORWARDER_SOURCE_DIR, file)));
  return path.join(cacheDir, 'go-forwarder', sourceDigest(sources), 'go-forwarder');
}

function readIfPresent(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `missing: ${file}`;
}

export interface ResolveGoForwarderOptions {
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** The built binary, built first when this source has not been. */
export async function resolveGoForwarder(options: ResolveGoForwarderOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const bin = goForwarderPath(options.cacheDir ?? defaultCacheDir(env));
  if (isExecutableFile(bin)) return bin;
  const go = requireGo(
    env,
    'the Go reference forwarder cannot be built: Go is not installed',
    'install Go 1.26 or newer (franz-go v1.22 needs it)',
  );
  await buildGoModule({
    go,
    sourceDir: GO_FORWARDER_SOURCE_DIR,
    target: bin,
    what: 'the Go reference forwarder (franz-go)',
    fix: 'check the network or GOPROXY, and Go 1.26 or newer (franz-go v1.22 needs it)',
    ldflags: '-s -w',
    env,
    log: options.log,
  });
  return bin;
}
