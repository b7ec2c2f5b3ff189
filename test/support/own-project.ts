// A user's service repository, made from nothing in a temp dir outside this repository: its own
// package.json (CommonJS, as `npm init` makes it), kafka-chaos installed from the tarball
// `npm pack` makes of this checkout, and commands run there as the user types them
// (`npx kafka-chaos …`) — with the node given (KAFKA_CHAOS_TEST_NODE: a Node binary's
// folder first on PATH) and the per-user cache kept, as a CI job with a cached path has it.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/setup/project-paths.js';

export interface Ran {
  code: number | null;
  output: string;
  ms: number;
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  tarball: string;
  sizeBytes: number;
  files: PackedFile[];
}

/** `npm pack` of this checkout (already built by pretest: scripts are not run again). */
export function packThisCheckout(destination: string): Packed {
  const result = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm pack failed (${result.status}): ${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as Array<{ filename: string; size: number; files: PackedFile[] }>;
  return { tarball: path.join(destination, info!.filename), sizeBytes: info!.size, files: info!.files };
}

export class OwnProject {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-own-project-'));
  readonly dir = path.join(this.root, 'orders-service');
  private readonly pathPrefix: string;

  constructor(nodeBinDir?: string) {
    fs.mkdirSync(this.dir);
    this.pathPrefix = nodeBinDir ? `${nodeBinDir}${path.delimiter}` : '';
  }

  write(relative: string, content: string, mode?: number): void {
    const file = path.join(this.dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, mode === undefined ? undefined : { mode });
  }

  read(relative: string): string {
    return fs.readFileSync(path.join(this.dir, relative), 'utf8');
  }

  exists(relative: string): boolean {
    return fs.existsSync(path.join(this.dir, relative));
  }

  /** Runs a command in the project, bounded by timeoutMs, and returns its merged output. */
  run(command: string, args: readonly string[], timeoutMs: number, env: Record<string, string> = {}): Promise<Ran> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...env };
    childEnv.PATH = `${this.pathPrefix}${process.env.PATH ?? ''}`;
    // The project's own defaults must apply: its config file, its reports/.
    for (const name of ['KAFKA_CHAOS_CONFIG', 'KAFKA_CHAOS_RUNS_DIR', 'npm_config_prefix']) delete childEnv[name];
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: this.dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      // SIGINT first, as Ctrl-C: kafka-chaos then tears down what it started.
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGINT'), timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const ms = Date.now() - started;
        resolve({
          code: ms >= timeoutMs ? null : code,
          output: ms >= timeoutMs ? `timed out after ${timeoutMs} ms\n${output}` : output,
          ms,
        });
      });
    });
  }

  /** `npx kafka-chaos <args>`, as the user runs it. */
  kafkaChaos(args: readonly string[], timeoutMs: number, env: Record<string, string> = {}): Promise<Ran> {
    return this.run('npx', ['--no-install', 'kafka-chaos', ...args], timeoutMs, { CHAOS_RUNTIME: 'process', ...env });
  }

  /** The run directories of reports/runs, oldest first. */
  runs(): string[] {
    const dir = path.join(this.dir, 'reports', 'runs');
    return fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .sort()
          .map((name) => path.join(dir, name))
      : [];
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
