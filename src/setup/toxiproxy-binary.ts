// Gets the real toxiproxy-server: one the user names, one on PATH, or one built from source with
// `go install` (the Go module proxy is reachable where project release downloads are not), cached
// per version.

import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, FetchError, MissingToolError } from '../util/errors.js';
import { envVar } from './env-var.js';
import { findExecutable, isExecutableFile } from './find-executable.js';
import { cacheDir as defaultCacheDir } from './project-paths.js';
import { outputLines, runTool } from './run-tool.js';
import { makeStagingDir } from './staging-dir.js';

export const TOXIPROXY_VERSION = 'v2.12.0';

const MODULE = 'github.com/Shopify/toxiproxy/v2';

export interface ToxiproxyBinary {
  bin: string;
  /** TOXIPROXY_VERSION when built here; otherwise what the binary's `-version` reports, e.g. "v2.12.0", "git" or "unknown". */
  version: string;
  source: 'TOXIPROXY_BIN' | 'PATH' | 'built';
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

async function reportedVersion(bin: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { exitCode, output } = await runTool(bin, ['-version'], { env });
  return (exitCode === 0 ? parseToxiproxyVersion(output) : undefined) ?? 'unknown';
}

/** The line of a failed `go install` log that says why: the first "go: …" or compiler error, else the last line. */
export function goFailureReason(logText: string): string {
  const lines = outputLines(logText);
  return lines.find((line) => line.startsWith('go: ') || /\.go:\d+:/.test(line)) ?? lines[lines.length - 1] ?? 'no output';
}

/** Builds toxiproxy-server into `target` with `go install`, via a staging GOBIN so a half build is never used. */
async function build(go: string, versionDir: string, target: string, env: NodeJS.ProcessEnv, log: ResolveToxiproxyOptions['log']): Promise<void> {
  const gobin = await makeStagingDir(versionDir, 'gobin-');
  const logPath = path.join(versionDir, 'go-build.log');
  try {
    log?.(`setup: toxiproxy-server ${TOXIPROXY_VERSION}: building with go install (go log: ${logPath})`);
    const args = [
      'install',
      // What upstream's release build stamps in, so `-version` reports the real version, not "git".
      `-ldflags=-s -w -X ${MODULE}.Version=${TOXIPROXY_VERSION.replace(/^v/, '')}`,
      `${MODULE}/cmd/server@${TOXIPROXY_VERSION}`,
    ];
    // CGO off: a static binary that does not depend on a C toolchain being installed.
    const result = await runTool(go, args, { env: { ...env, GOBIN: gobin, CGO_ENABLED: '0' }, logFile: logPath });
    const built = path.join(gobin, 'server');
    if (result.exitCode !== 0 || !isExecutableFile(built)) {
      const reason = goFailureReason(fs.readFileSync(logPath, 'utf8'));
      throw new FetchError(`could not build toxiproxy-server ${TOXIPROXY_VERSION} with go install: ${reason} (log: ${logPath})`, {
        fix: 'check the network or GOPROXY, or set TOXIPROXY_BIN to a toxiproxy-server binary',
      });
    }
    await rename(built, target);
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

export async function resolveToxiproxy(options: ResolveToxiproxyOptions = {}): Promise<ToxiproxyBinary> {
  const env = options.env ?? process.env;

  const named = envVar(env, 'TOXIPROXY_BIN');
  if (named !== undefined) {
    // Named explicitly: a wrong path is the user's mistake to fix, not a reason to fall back silently.
    const bin = path.resolve(named);
    if (!isExecutableFile(bin)) {
      const problem = fs.existsSync(bin) ? 'is not an executable file' : 'does not exist';
      throw new ConfigError(`TOXIPROXY_BIN is ${named} but ${bin} ${problem}`, {
        fix: 'point TOXIPROXY_BIN at a toxiproxy-server binary, or unset it to use one from PATH or build one',
      });
    }
    return { bin, version: await reportedVersion(bin, env), source: 'TOXIPROXY_BIN' };
  }

  const onPath = findExecutable('toxiproxy-server', env);
  if (onPath !== undefined) return { bin: onPath, version: await reportedVersion(onPath, env), source: 'PATH' };

  const versionDir = path.join(options.cacheDir ?? defaultCacheDir(env), 'toxiproxy', TOXIPROXY_VERSION);
  const bin = path.join(versionDir, 'toxiproxy-server');
  if (!isExecutableFile(bin)) {
    const go = findExecutable('go', env);
    if (go === undefined) {
      throw new MissingToolError('no toxiproxy-server: TOXIPROXY_BIN is not set, none is on PATH, and Go is not installed to build it', {
        fix: "install Go 1.23 or newer (Debian 12's golang-go is too old) or set TOXIPROXY_BIN to a toxiproxy-server binary",
      });
    }
    await build(go, versionDir, bin, env, options.log);
  }
  return { bin, version: TOXIPROXY_VERSION, source: 'built' };
}
