// `npm test`'s runner: decides once what this machine can run (test-plan.ts), says what it leaves
// out and why, then runs the unit tests and the integration tests one file at a time with node's
// test runner, and closes with the same notice and one line of totals. A required part that is
// missing stops it before any test starts: exit 2, one line.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { debianBaseImage } from '../../src/images/debian-base.js';
import { assertDockerAvailable, dockerClient } from '../../src/images/docker-client.js';
import { imageSource } from '../../src/images/image-source.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { findExecutable } from '../../src/setup/find-executable.js';
import { describeError } from '../../src/util/errors.js';
import { chromiumExecutable, decideTestPlan, PLAN_VARIABLE, RequiredPartMissing, type MachineProbes } from './test-plan.js';

async function probeMachine(env: NodeJS.ProcessEnv): Promise<MachineProbes> {
  let docker: MachineProbes['docker'] = { answers: true };
  try {
    await assertDockerAvailable(5000);
  } catch (error) {
    docker = { answers: false, why: describeError(error).replace(/ — fix: .*$/, '') };
  }
  let localImages: MachineProbes['localImages'] = { ok: true };
  // Tests never pull (test-environment.ts): the local base image is built with debootstrap, as root.
  if (docker.answers && imageSource({ ...env, KAFKA_CHAOS_IMAGES: env.KAFKA_CHAOS_IMAGES ?? 'local' }) === 'local') {
    const built = await dockerClient()
      .getImage(debianBaseImage())
      .inspect()
      .then(
        () => true,
        () => false,
      );
    if (!built && !findExecutable('debootstrap', env))
      localImages = { ok: false, why: 'debootstrap is not installed to build the local images' };
    else if (!built && process.getuid?.() !== 0) localImages = { ok: false, why: 'building the local images with debootstrap needs root' };
  }
  const chromiumPath = chromiumExecutable(env);
  const chromium: MachineProbes['chromium'] =
    chromiumPath !== undefined && fs.existsSync(chromiumPath)
      ? { path: chromiumPath }
      : { path: undefined, why: env.CHROMIUM_PATH ? `there is no Chromium at ${env.CHROMIUM_PATH}` : 'there is no chromium on PATH' };
  return { docker, localImages, chromium };
}

function testFiles(folder: string): string[] {
  const root = path.join(packageRoot, 'dist', 'test', folder);
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(root, f))
    .sort();
}

function notice(lines: readonly string[]): void {
  for (const line of lines) process.stdout.write(`npm test: ${line}\n`);
}

/** node's totals from its TAP report ("# pass N", "# fail N", …). */
function totals(tap: string): { pass: number; fail: number; cancelled: number } {
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return { pass: count('pass'), fail: count('fail'), cancelled: count('cancelled') };
}

async function main(): Promise<number> {
  let plan;
  try {
    plan = decideTestPlan(process.env, await probeMachine(process.env));
  } catch (error) {
    if (!(error instanceof RequiredPartMissing)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  notice([`runtimes: ${plan.runtimes.join(', ')}; report in a browser: ${plan.browser ? 'yes' : 'no'}`, ...plan.notRun]);
  const tapFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-tests-')), 'report.tap');
  const args = [
    '--test',
    '--test-concurrency=1',
    '--test-timeout=600000',
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...testFiles('unit'),
    ...testFiles('integration'),
  ];
  const env = { ...process.env, [PLAN_VARIABLE]: JSON.stringify({ runtimes: plan.runtimes, browser: plan.browser }) };
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  // Ctrl-C reaches the child through the terminal's process group; the runner only waits for it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const code = await new Promise<number>((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1))));
  const { pass, fail, cancelled } = totals(fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '');
  fs.rmSync(path.dirname(tapFile), { recursive: true, force: true });
  notice(plan.notRun.length > 0 ? ['not run on this machine:', ...plan.notRun] : ['every part ran']);
  process.stdout.write(`tests: ${pass} passed, ${fail + cancelled} failed\n`);
  return code;
}

process.exitCode = await main();
