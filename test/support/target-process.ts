// Test support: the recording target's real entry point as a child process, given its options on
// stdin as the process runtime does, with its stdout's JSON lines collected.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { newControlSecret } from '../../src/target/control-secret.js';
import { TargetControl } from '../../src/target/target-control.js';
import { freePorts } from '../../src/util/ports.js';
import { waitFor } from '../../src/util/wait-for.js';

export const TARGET_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/target/main.js');

export interface TargetProcess {
  child: ChildProcess;
  port: number;
  control: TargetControl;
  secret: string;
  ledgerPath: string;
  stdout: string[];
}

export async function startTarget(extra: { maxBodyBytes?: number } = {}): Promise<TargetProcess> {
  const { port, controlPort } = await freePorts(['port', 'controlPort']);
  const ledgerPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'target-test-')), 'delivered.jsonl');
  const secret = newControlSecret();
  const child = spawn(process.execPath, [TARGET_MAIN], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.end(JSON.stringify({ port, controlPort, ledger: ledgerPath, controlSecret: secret, ...extra }) + '\n');
  const stdout: string[] = [];
  let stderr = '';
  readline.createInterface({ input: child.stdout! }).on('line', (line) => stdout.push(line));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const target: TargetProcess = { child, port, control: new TargetControl({ port: controlPort, secret }), secret, ledgerPath, stdout };
  const exited = new AbortController();
  child.once('close', (code) => exited.abort(new Error(`the target exited with ${code} before it was ready: ${stderr}`)));
  const events = () => stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
  try {
    const ready = await waitFor(() => events().find((event) => event.event === 'ready'), {
      what: "the target's ready line on stdout",
      timeoutMs: 5000,
      intervalMs: 20,
      signal: exited.signal,
    });
    assert.equal(ready.port, port);
    assert.equal(ready.controlPort, controlPort);
  } catch (error) {
    await stopTarget(target);
    throw new Error(`the target did not start (stderr: ${stderr.trim() || 'nothing'})`, { cause: error });
  }
  return target;
}

export async function stopTarget(target: TargetProcess | undefined): Promise<void> {
  if (!target) return;
  if (target.child.exitCode === null && target.child.signalCode === null) {
    target.child.kill('SIGKILL');
    await once(target.child, 'exit');
  }
  fs.rmSync(path.dirname(target.ledgerPath), { recursive: true, force: true });
}
