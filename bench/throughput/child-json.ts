// bench:throughput runs its baselines and its load in processes of their own, so that no two
// share one event loop: this starts one such script and reads what it prints, within a bound.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs `script` (a file beside this one) to its end and parses its last stdout line as JSON. */
export function runJsonChild<T>(script: string, args: readonly string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited ${code} within ${timeoutMs} ms: ${err.trim() || last}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON line: ${last}`));
      }
    });
  });
}

/** Starts a server script that prints its port first; `stop()` ends it (stdin closed, then SIGKILL). */
export async function startServerChild(script: string, timeoutMs = 10_000): Promise<{ port: number; stop(): Promise<void> }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [path.join(here, script)], { stdio: 'pipe' });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} printed no port within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve(Number(chunk.toString().trim()));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code} before printing its port`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin.end();
      }),
  };
}
