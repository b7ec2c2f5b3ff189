// The Python reference forwarder's venv (sut/python-forwarder/requirements.txt: confluent-kafka),
// made by `kafka-chaos setup` once and then reused: it lives in the harness cache
// (<cache>/python/<hash>/), keyed on the requirements and the base interpreter's real path (a
// venv's bin/python is a link to the interpreter that made it), so its path is known without
// making it (the config names it; the SUT preflight says "run setup" when it is missing). It is built in a staging directory
// that is renamed into place only when complete, so a killed install or two tests racing never
// leave a half-made venv behind. Every step is bounded; every failure is one line naming the
// cause and the fix.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, packageRoot } from './project-paths.js';
import { findExecutable } from './find-executable.js';
import { makeStagingDir } from './staging-dir.js';
import { EnvironmentError, MissingToolError, TimeoutError } from '../util/errors.js';

export const PYTHON_FORWARDER_DIR = path.join(packageRoot, 'sut', 'python-forwarder');
export const PYTHON_REQUIREMENTS = path.join(PYTHON_FORWARDER_DIR, 'requirements.txt');

const PROBE_TIMEOUT_MS = 15_000;
const VENV_TIMEOUT_MS = 60_000;
/** A cold install fetches one wheel (a few MB); a slow index still finishes well within this. */
const PIP_TIMEOUT_MS = 300_000;

export interface PythonVenvOptions {
  /** The interpreter that makes the venv (default: python3 on PATH). */
  basePython?: string;
  requirements?: string;
  /** Default: cacheDir(), i.e. $KAFKA_CHAOS_CACHE or the XDG cache. */
  cache?: string;
}

/**
 * Where the venv's python is (made or not) for these requirements and base interpreter: the
 * interpreter's real path stands for it (another Python on PATH, another venv). Without a python3
 * on PATH, a path that never exists, so the preflight reports it.
 */
export function pythonVenvPython(options: PythonVenvOptions = {}): string {
  const basePython = options.basePython ?? 'python3';
  const requirements = options.requirements ?? PYTHON_REQUIREMENTS;
  const found = path.isAbsolute(basePython) ? basePython : findExecutable(basePython);
  const base = found && fs.existsSync(found) ? fs.realpathSync(found) : `missing: ${basePython}`;
  const pins = fs.existsSync(requirements) ? fs.readFileSync(requirements) : `missing: ${requirements}`;
  const hash = createHash('sha256').update(pins).update(base).digest('hex').slice(0, 16);
  return path.join(options.cache ?? cacheDir(), 'python', hash, 'bin', 'python');
}

/** The venv's python executable; the venv is made first if the cache does not hold a working one. */
export async function ensurePythonVenv(options: PythonVenvOptions = {}): Promise<string> {
  const basePython = options.basePython ?? 'python3';
  const requirements = options.requirements ?? PYTHON_REQUIREMENTS;
  await baseInterpreter(basePython); // Python 3.8+, or a one-line error with the fix
  const python = pythonVenvPython(options);
  const venv = path.dirname(path.dirname(python));
  const parent = path.dirname(venv);
  const hash = path.basename(venv);
  if (fs.existsSync(venv)) {
    if (await works(python)) return python;
    // A venv whose interpreter or packages went away (a removed Python): make it again.
    fs.rmSync(venv, { recursive: true, force: true });
  }
  const staging = await makeStagingDir(parent, `.staging-${hash}-`);
  try {
    await run(basePython, ['-m', 'venv', staging], VENV_TIMEOUT_MS, (output) => [
      `${basePython} -m venv failed: ${lastLine(output)}`,
      /ensurepip|No module named venv/i.test(output)
        ? 'install the venv module (Debian: apt-get install python3-venv)'
        : `check that ${basePython} is a working Python 3 and that ${parent} is writable`,
    ]);
    const pipArgs = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-r', requirements];
    await run(path.join(staging, 'bin', 'python'), pipArgs, PIP_TIMEOUT_MS, (output) => [
      `pip install -r ${requirements} failed: ${lastLine(output)}`,
      'check network access to the package index, or the pins in requirements.txt',
    ]);
    try {
      fs.renameSync(staging, venv);
    } catch (error) {
      // Another test finished the same venv first: use that one.
      if (!fs.existsSync(venv)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return python;
}

/**
 * The requirements' wheels for another Python (a container's), fetched once with the venv's pip
 * into `<cache>/python-wheels-<version>-<hash>/`; returns that folder. Binary wheels only: the
 * image has no compiler, and confluent-kafka's manylinux wheel bundles librdkafka.
 */
export async function downloadWheels(options: {
  python: string;
  requirements: string;
  pythonVersion: string;
  cache: string;
}): Promise<string> {
  const pins = fs.readFileSync(options.requirements);
  const dir = path.join(
    options.cache,
    `python-wheels-${options.pythonVersion}-${createHash('sha256').update(pins).digest('hex').slice(0, 12)}`,
  );
  if (fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.whl'))) return dir;
  const machine = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  const staging = await makeStagingDir(options.cache, '.staging-wheels-');
  try {
    const platforms = ['manylinux_2_28', 'manylinux_2_17', 'manylinux2014'].flatMap((tag) => ['--platform', `${tag}_${machine}`]);
    const args = ['-m', 'pip', 'download', '--disable-pip-version-check', '--no-input', '-q', '--only-binary=:all:', '--no-deps'];
    await run(
      options.python,
      [...args, '--python-version', options.pythonVersion, ...platforms, '-r', options.requirements, '-d', staging],
      PIP_TIMEOUT_MS,
      (output) => [
        `pip download of ${options.requirements} for Python ${options.pythonVersion} failed: ${lastLine(output)}`,
        'check network access to the package index, or the pins in requirements.txt',
      ],
    );
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** What identifies the base interpreter: its real path and version. */
async function baseInterpreter(basePython: string): Promise<string> {
  const probe = 'import sys; assert sys.version_info >= (3, 8), sys.version; print(sys.executable, sys.version)';
  return run(basePython, ['-c', probe], PROBE_TIMEOUT_MS, (output) =>
    /AssertionError/.test(output)
      ? [`${basePython} is too old (${lastLine(output)})`, 'install Python 3.8 or newer']
      : [`${basePython} does not run: ${lastLine(output)}`, `check that ${basePython} is a working Python 3`],
  );
}

async function works(python: string): Promise<boolean> {
  try {
    await run(python, ['-c', 'import confluent_kafka'], PROBE_TIMEOUT_MS, () => ['broken venv', 'make it again']);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command to completion within `timeoutMs`; its stdout, or a one-line error. */
function run(
  command: string,
  args: readonly string[],
  timeoutMs: number,
  /** The error's message and fix, from what the command printed. */
  failure: (output: string) => [string, string],
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return reject(
          new MissingToolError(`${command} not found`, {
            fix: 'install Python 3 with its venv module (Debian: apt-get install python3 python3-venv)',
            cause: error,
          }),
        );
      }
      if (error.killed) {
        return reject(
          new TimeoutError(`${command} ${args.slice(0, 3).join(' ')} did not finish within ${timeoutMs / 1000} s`, {
            fix: 'check network access to the package index, then run again',
            cause: error,
          }),
        );
      }
      const [message, fix] = failure(`${stdout}\n${stderr}`);
      reject(new EnvironmentError(message, { fix, cause: error }));
    });
  });
}

function lastLine(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.at(-1) ?? '(no output)';
}
