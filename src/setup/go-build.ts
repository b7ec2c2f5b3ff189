// `go build` of a Go module the package ships as source (the guarded toxiproxy-server, the Go
// reference forwarder), into the cache: in a staging dir so a half build is never used, against
// the committed go.sum (-mod=readonly), with CGO off so the binary needs no C toolchain and runs
// in any image. Modules come through the Go module proxy like any `go build`.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FetchError, MissingToolError } from '../util/errors.js';
import { findExecutable, isExecutableFile } from './find-executable.js';
import { outputLines, runTool } from './run-tool.js';
import { makeStagingDir } from './staging-dir.js';

/** The line of a failed `go build` log that says why: the first "go: …" or compiler error, else the last line. */
export function goFailureReason(logText: string): string {
  const lines = outputLines(logText);
  return lines.find((line) => line.startsWith('go: ') || /\.go:\d+:/.test(line)) ?? lines[lines.length - 1] ?? 'no output';
}

/** A digest of a module's source files (their contents, boundaries counted), for a cache key. */
export function sourceDigest(sources: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  for (const source of sources) hash.update(source).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/** The go command on PATH, or a MissingToolError saying what could not be built without it and the fix. */
export function requireGo(env: NodeJS.ProcessEnv, problem: string, fix: string): string {
  const go = findExecutable('go', env);
  if (go === undefined) throw new MissingToolError(problem, { fix });
  return go;
}

export interface GoBuild {
  go: string;
  /** The module's folder (go.mod, go.sum, the sources). */
  sourceDir: string;
  /** The binary's final path; its folder holds go-build.log. */
  target: string;
  /** What is built, for messages: "the guarded toxiproxy-server v2.12.0". */
  what: string;
  /** The fix named when the build fails. */
  fix: string;
  ldflags?: string;
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export async function buildGoModule(build: GoBuild): Promise<void> {
  const dir = path.dirname(build.target);
  fs.mkdirSync(dir, { recursive: true });
  const staging = await makeStagingDir(dir, 'build-');
  const logPath = path.join(dir, 'go-build.log');
  const built = path.join(staging, path.basename(build.target));
  try {
    build.log?.(`setup: ${build.what}: building with go build (go log: ${logPath})`);
    const args = ['build', '-mod=readonly', ...(build.ldflags ? [`-ldflags=${build.ldflags}`] : []), '-o', built, '.'];
    const result = await runTool(build.go, args, { env: { ...build.env, CGO_ENABLED: '0' }, cwd: build.sourceDir, logFile: logPath });
    if (result.exitCode !== 0 || !isExecutableFile(built)) {
      const reason = goFailureReason(fs.readFileSync(logPath, 'utf8'));
      throw new FetchError(`could not build ${build.what} with go build: ${reason} (log: ${logPath})`, { fix: build.fix });
    }
    await rename(built, build.target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
