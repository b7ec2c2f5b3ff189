// Test support for the Gherkin layer: runs `kafka-chaos chaos` as a child process from the
// project root (where cucumber.mjs is) on the process runtime, with its run directories and
// Allure results in temp dirs, and reads back the Allure results it wrote.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/setup/project-paths.js';

const cli = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');

export interface ChaosRun {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export function runChaos(
  args: readonly string[],
  options: { runsRoot: string; resultsDir?: string; timeoutMs?: number },
): Promise<ChaosRun> {
  const formatOptions = options.resultsDir ? ['--format-options', JSON.stringify({ resultsDir: options.resultsDir })] : [];
  return runKafkaChaos('chaos', [...args, ...formatOptions], options);
}

/** Any kafka-chaos command, as runChaos runs chaos (e.g. matrix, which runs chaos itself). */
export function runKafkaChaos(
  command: string,
  args: readonly string[],
  options: { runsRoot: string; timeoutMs?: number },
): Promise<ChaosRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, command, ...args],
      {
        cwd: packageRoot,
        env: { ...process.env, CHAOS_RUNTIME: 'process', KAFKA_CHAOS_RUNS_DIR: options.runsRoot, FORCE_COLOR: '0' },
        timeout: options.timeoutMs ?? 600_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, durationMs: Date.now() - started });
      },
    );
  });
}

export interface AllureResult {
  uuid: string;
  name: string;
  status: string;
  statusDetails?: { message?: string };
  labels: { name: string; value: string }[];
  parameters?: { name: string; value: string }[];
}

interface AllureContainer {
  children: string[];
  afters?: { name?: string; steps?: { name: string; attachments?: { name: string; source: string; type: string }[] }[] }[];
}

export function readResults(resultsDir: string): AllureResult[] {
  return fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as AllureResult);
}

/** name → attachment file content, of what the After hook attached to a result. */
export function afterAttachments(resultsDir: string, resultUuid: string): Map<string, string> {
  const attachments = new Map<string, string>();
  for (const file of fs.readdirSync(resultsDir).filter((f) => f.endsWith('-container.json'))) {
    const container = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8')) as AllureContainer;
    if (!container.children.includes(resultUuid)) continue;
    for (const fixture of container.afters ?? []) {
      for (const step of fixture.steps ?? []) {
        for (const a of step.attachments ?? []) attachments.set(a.name, fs.readFileSync(path.join(resultsDir, a.source), 'utf8'));
      }
    }
  }
  return attachments;
}

export const label = (result: AllureResult, name: string): string[] => result.labels.filter((l) => l.name === name).map((l) => l.value);
