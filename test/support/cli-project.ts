// Test support for the CLI: a scratch project in a temp dir — its own features/ and
// kafka-chaos.config.json, its runs directory inside it — and `kafka-chaos` run there as a child
// process. Its cache of Kafka and Toxiproxy is empty on purpose: should a preflight let a bad
// scenario through, the run fails fast for want of Kafka instead of booting a cluster.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/setup/project-paths.js';

export const CLI = path.join(packageRoot, 'dist', 'src', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class CliProject {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-cli-'));
  readonly runsDir = path.join(this.dir, 'reports', 'runs');

  /** Writes features/<name> (lines joined), returning its path relative to the project. */
  feature(name: string, lines: readonly string[]): string {
    fs.mkdirSync(path.join(this.dir, 'features'), { recursive: true });
    fs.writeFileSync(path.join(this.dir, 'features', name), `${lines.join('\n')}\n`);
    return path.join('features', name);
  }

  config(content: unknown): void {
    fs.writeFileSync(
      path.join(this.dir, 'kafka-chaos.config.json'),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }

  run(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): CliRun {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      CHAOS_RUNTIME: 'process',
      KAFKA_CHAOS_RUNS_DIR: this.runsDir,
      KAFKA_CHAOS_CACHE: path.join(this.dir, 'empty-cache'),
      FORCE_COLOR: '0',
      ...env,
    };
    delete childEnv.KAFKA_CHAOS_CONFIG;
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: this.dir, env: childEnv, encoding: 'utf8', timeout: timeoutMs });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** The run directories created: none means no environment was started. */
  runs(): string[] {
    return fs.existsSync(this.runsDir) ? fs.readdirSync(this.runsDir) : [];
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A scenario every check passes, on the default SUT. */
export const GOOD_SCENARIO = [
  'Feature: Good',
  '  @smoke',
  '  Scenario: Carried through',
  '    Given a Kafka cluster of 3 brokers',
  '    And a topic "orders" with 3 partitions',
  '    And the HTTP target is up',
  '    And the system under test consumes "orders" as group "billing"',
  '    When 10 messages are produced to "orders"',
  '    Then within 30 seconds every produced message is delivered',
  '    And no message is lost',
];
