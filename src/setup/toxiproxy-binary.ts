// Gets kafka-chaos's guarded toxiproxy-server (src/setup/toxiproxy-guard): Toxiproxy's own
// server from its Go module v2.12.0 behind a per-run secret, so that a system under test cannot
// steer the proxies it is tested through. It is built here with `go build` (the Go module proxy is
// reachable where release downloads are not) and cached per Toxiproxy version and guard source,
// or named with TOXIPROXY_BIN (a guard built elsewhere). A stock toxiproxy-server is refused: it
// has no authentication, and would hand the SUT the keys to its own faults.

import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../util/errors.js';
import { envVar } from './env-var.js';
import { isExecutableFile } from './find-executable.js';
import { buildGoModule, requireGo, sourceDigest } from './go-build.js';
import { cacheDir as defaultCacheDir, packageRoot } from './project-paths.js';
import { outputLines, runTool } from './run-tool.js';

export const TOXIPROXY_VERSION = 'v2.12.0';

const MODULE = 'github.com/Shopify/toxiproxy/v2';
/** The guard's Go module, shipped as source (the compiler does not copy it into dist). */
export const GUARD_SOURCE_DIR = path.join(packageRoot, 'src', 'setup', 'toxiproxy-guard');
const GUARD_FILES = ['main.go', 'go.mod', 'go.sum'];
/** What the guard's `-version` says besides the version: how a guarded binary is told from a stock one. */
export const GUARD_MARK = '(kafka-chaos guard)';

export interface ToxiproxyBinary {
  bin: string;
  /** TOXIPROXY_VERSION when built here; otherwise what the binary's `-version` reports, e.g. "v2.12.0" or "unknown". */
  version: string;
  source: 'TOXIPROXY_BIN' | 'built';
}

export interface ResolveToxiproxyOptions {
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Receives a line before a slow build starts. */
  log?: (line: string) => void;
}

/** "toxiproxy-server version 2.12.0" → "v2.12.0"; a non-numeric version ("git") is returned as is. */
export function parseToxiproxyVersion(output: string): string | undefined {
  const match = /version\s+v?(\S+)/.exec(output);
  if (match?.[1] === undefined) return undefined;
  return /^\d/.test(match[1]) ? `v${match[1]}` : match[1];
}

/** The cache key of a guard build: the Toxiproxy version and a digest of the guard's source. */
export function guardCacheKey(sources: readonly string[]): string {
  return `${TOXIPROXY_VERSION}-${sourceDigest(sources)}`;
}

/** A binary named by TOXIPROXY_BIN must be the guard: a stock server would listen without a secret. */
async function namedGuard(named: string, env: NodeJS.ProcessEnv): Promise<ToxiproxyBinary> {
  const bin = path.resolve(named);
  if (!isExecutableFile(bin)) {
    const problem = fs.existsSync(bin) ? 'is not an executable file' : 'does not exist';
    throw new ConfigError(`TOXIPROXY_BIN is ${named} but ${bin} ${problem}`, {
      fix: "point TOXIPROXY_BIN at kafka-chaos's guarded toxiproxy-server, or unset it to build one",
    });
  }
  const { exitCode, output } = await runTool(bin, ['-version'], { env });
  if (exitCode !== 0 || !output.includes(GUARD_MARK)) {
    throw new ConfigError(
      `TOXIPROXY_BIN is ${named} but it is not kafka-chaos's guarded toxiproxy-server (its -version says: ${outputLines(output)[0] ?? 'nothing'})`,
      {
        fix: 'unset TOXIPROXY_BIN to build the guard, or build it from src/setup/toxiproxy-guard with go build',
      },
    );
  }
  return { bin, version: parseToxiproxyVersion(output) ?? 'unknown', source: 'TOXIPROXY_BIN' };
}

export async function resolveToxiproxy(options: ResolveToxiproxyOptions = {}): Promise<ToxiproxyBinary> {
  const env = options.env ?? process.env;
  const named = envVar(env, 'TOXIPROXY_BIN');
  // Named explicitly: a wrong path is the user's mistake to fix, not a reason to fall back silently.
  if (named !== undefined) return namedGuard(named, env);

  const sources = GUARD_FILES.map((file) => fs.readFileSync(path.join(GUARD_SOURCE_DIR, file), 'utf8'));
  const versionDir = path.join(options.cacheDir ?? defaultCacheDir(env), 'toxiproxy-guard', guardCacheKey(sources));
  const bin = path.join(versionDir, 'toxiproxy-server');
  if (!isExecutableFile(bin)) {
    const go = requireGo(
      env,
      'no guarded toxiproxy-server: TOXIPROXY_BIN is not set and Go is not installed to build it',
      "install Go 1.23 or newer (Debian 12's golang-go is too old) or set TOXIPROXY_BIN to a guarded toxiproxy-server",
    );
    await buildGoModule({
      go,
      sourceDir: GUARD_SOURCE_DIR,
      target: bin,
      what: `the guarded toxiproxy-server ${TOXIPROXY_VERSION}`,
      fix: 'check the network or GOPROXY (Go 1.23 or newer), or set TOXIPROXY_BIN to a guarded toxiproxy-server built elsewhere',
      // What upstream's release build stamps in, so `-version` reports the real version, not "git".
      ldflags: `-s -w -X ${MODULE}.Version=${TOXIPROXY_VERSION.replace(/^v/, '')}`,
      env,
      log: options.log,
    });
  }
  return { bin, version: TOXIPROXY_VERSION, source: 'built' };
}
