// The one way setup runs an external tool (java -version, mvn, go, toxiproxy-server -version):
// stdout and stderr are captured together, in order, and streamed to a log file when one is given,
// so a slow build can be followed with `tail -f` and a failure can be diagnosed from the file.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { stripAnsi } from '../util/ansi.js';
import { EnvironmentError } from '../util/errors.js';

export interface RunToolOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Truncated, then receives the command line and everything the tool prints. */
  logFile?: string;
}

export interface RunToolResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export function runTool(command: string, args: readonly string[], options: RunToolOptions): Promise<RunToolResult> {
  return new Promise((resolve, reject) => {
    const log = options.logFile ? fs.createWriteStream(options.logFile) : undefined;
    // Quote arguments with spaces so the logged command line can be pasted back into a shell.
    const shown = [command, ...args].map((arg) => (/\s/.test(arg) ? `'${arg}'` : arg));
    log?.write(`$ ${shown.join(' ')}\n`);
    const chunks: Buffer[] = [];
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer): void => {
      chunks.push(chunk);
      log?.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let settled = false;
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      log?.end();
      reject(new EnvironmentError(`could not start ${command}: ${error.message}`, { cause: error }));
    });
    child.once('close', (exitCode, signal) => {
      if (settled) return;
      settled = true;
      const result = { exitCode, signal, output: Buffer.concat(chunks).toString('utf8') };
      // Resolve only once the log is flushed, so a caller that reads the file sees all of it.
      if (log) log.end(() => resolve(result));
      else resolve(result);
    });
  });
}

/**
 * The tool's output (or a log file runTool wrote) as trimmed, non-empty lines, without terminal
 * colour codes and without the "$ command" line at the top of a log, which is not the tool speaking.
 */
export function outputLines(output: string): string[] {
  return stripAnsi(output)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('$ '));
}
