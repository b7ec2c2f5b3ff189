// The recording target as the harness uses it: the real entry point in a child process (options
// on stdin), driven through TargetControl and real HTTP requests on loopback.

import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { checksum } from '../../src/evidence/checksum.js';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import type { DeliveryRecord } from '../../src/target/delivery-record.js';
import { LOOPBACK } from '../../src/util/ports.js';
import { waitFor } from '../../src/util/wait-for.js';
import { postTo, type Answer } from '../support/http-post.js';
import { startTarget, stopTarget, TARGET_MAIN, type TargetProcess as Target } from '../support/target-process.js';

/** One request on a fresh connection to the target's data port. */
function post(port: number, body: string, headers: http.OutgoingHttpHeaders = {}): Promise<Answer> {
  return postTo(`http://${LOOPBACK}:${port}/messages`, body, headers);
}

async function ledgerRecord(target: Target, id: string): Promise<DeliveryRecord> {
  return waitFor(async () => (await readJsonl<DeliveryRecord>(target.ledgerPath)).records.find((r) => r.id === id), {
    what: `the ledger record of ${id} in ${target.ledgerPath}`,
    timeoutMs: 1000,
    intervalMs: 20,
  });
}

describe('recording target', { timeout: 20_000 }, () => {
  let target: Target;
  let sequence = 0;
  const nextId = () => `m-${++sequence}`;

  before(async () => {
    target = await startTarget();
  });
  after(() => stopTarget(target));
  beforeEach(() => target.control.reset());

  test('answers 200 and records the id, status and checksum of the body', async () => {
    const id = nextId();
    const body = JSON.stringify({ payload: 'héllo', n: 1 });
    const headers = { 'chaos-id': id, 'sut-instance': 'sut-0', 'content-type': 'application/json' };
    const answer = await post(target.port, body, headers);
    assert.equal(answer.status, 200);
    const record = await ledgerRecord(target, id);
    assert.equal(record.outcome, 'answered');
    assert.equal(record.status, 200);
    assert.equal(record.checksum, checksum(body));
    assert.equal(record.bytes, Buffer.byteLength(body));
    assert.equal(record.sutInstance, 'sut-0');
    assert.equal(record.method, 'POST');
    assert.equal(record.path, '/messages');
    assert.ok(record.answeredAt !== null && record.answeredAt >= record.receivedAt);
  });

  test('takes the id from the JSON body when there is no chaos-id header', async () => {
    const id = nextId();
    assert.equal((await post(target.port, JSON.stringify({ chaosId: id, value: 7 }))).status, 200);
    assert.equal((await ledgerRecord(target, id)).sutInstance, null);
  });

  test('down refuses connections and destroys open ones; up listens again on the same port', async () => {
    const idle = net.connect({ host: LOOPBACK, port: target.port });
    await once(idle, 'connect');
    idle.on('error', () => {}); // closed by a reset or a FIN: either way the connection is gone
    const idleClosed = new Promise((resolve) => idle.once('close', resolve));
    assert.equal((await target.control.down()).listening, false);
    await idleClosed;
    await assert.rejects(post(target.port, '{}', { 'chaos-id': nextId() }), (error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'ECONNREFUSED');
      return true;
    });
    assert.equal((await target.control.up()).listening, true);
    assert.equal((await post(target.port, '{}', { 'chaos-id': nextId() })).status, 200);
  });

  test('answers 503 to every request', async () => {
    await target.control.answerStatus(503);
    for (let i = 0; i < 3; i++) assert.equal((await post(target.port, '{}', { 'chaos-id': nextId() })).status, 503);
  });

  test('answers 500 to exactly half of 10 requests', async () => {
    const before = await target.control.answerStatus(500, { fraction: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(target.port, '{}', { 'chaos-id': nextId() })).status);
    assert.equal(statuses.filter((s) => s === 500).length, 5);
    assert.equal(statuses.filter((s) => s === 200).length, 5);
    const state = await target.control.state();
    assert.equal(state.requests - before.requests, 10);
    assert.equal((state.answeredByStatus['500'] ?? 0) - (before.answeredByStatus['500'] ?? 0), 5);
  });

  test('answers 429 with Retry-After', async () => {
    await target.control.answerStatus(429, { retryAfterSeconds: 2 });
    const answer = await post(target.port, '{}', { 'chaos-id': nextId() });
    assert.equal(answer.status, 429);
    assert.equal(answer.headers['retry-after'], '2');
  });

  test('answers after the delay, with the status set', async () => {
    await target.control.setBehavior({ status: 503, delayMs: 300 });
    const answer = await post(target.port, '{}', { 'chaos-id': nextId() });
    assert.equal(answer.status, 503);
    assert.ok(answer.ms >= 300, `answered after ${answer.ms} ms, expected at least 300`);
  });

  test('drops the connection without answering and records the drop', async () => {
    const before = await target.control.dropConnections();
    const id = nextId();
    await assert.rejects(post(target.port, '{}', { 'chaos-id': id }), (error: NodeJS.ErrnoException) => {
      assert.equal(error.code, 'ECONNRESET', error.message);
      return true;
    });
    const record = await ledgerRecord(target, id);
    assert.equal(record.outcome, 'dropped');
    assert.equal(record.status, null);
    assert.equal(record.answeredAt, null);
    const state = await target.control.state();
    assert.equal(state.dropped - before.dropped, 1);
    assert.deepEqual(state.answeredByStatus, before.answeredByStatus);
  });

  test('reset returns to normal behaviour', async () => {
    await target.control.answerStatus(503);
    await target.control.down();
    const state = await target.control.reset();
    assert.equal(state.listening, true);
    assert.deepEqual(state.behavior, {});
    assert.equal((await post(target.port, '{}', { 'chaos-id': nextId() })).status, 200);
  });

  test('refuses bad control input with 400 and a one-line error', async () => {
    for (const [behavior, field] of [
      [{ status: 42 }, 'status'],
      [{ status: 500, fraction: 2 }, 'fraction'],
    ] as const) {
      const response = await fetch(`http://${LOOPBACK}:${target.control.controlPort}/behavior`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${target.secret}` },
        body: JSON.stringify(behavior),
      });
      assert.equal(response.status, 400);
      const { error } = (await response.json()) as { error: string };
      assert.match(error, new RegExp(`behavior\\.${field} must be .* from \\d+ to \\d+`));
      assert.doesNotMatch(error, /\n/);
    }
    const refused = /PUT \/behavior on 127\.0\.0\.1:\d+ was refused with 400: .*status/;
    await assert.rejects(target.control.answerStatus(42), refused);
  });

  test('logs each control change on stdout', async () => {
    const logged = target.stdout.length;
    await target.control.answerStatus(503);
    await target.control.down();
    const changes = await waitFor(() => target.stdout.length >= logged + 2 && target.stdout.slice(logged), {
      what: 'two control lines on stdout',
      timeoutMs: 1000,
      intervalMs: 20,
    });
    assert.deepEqual(
      changes.map((line) => JSON.parse(line) as unknown),
      [
        { event: 'control', change: 'PUT /behavior', listening: true, behavior: { status: 503 } },
        { event: 'control', change: 'POST /down', listening: false, behavior: { status: 503 } },
      ],
    );
  });
});

describe('recording target process', { timeout: 20_000 }, () => {
  let target: Target | undefined;
  after(() => stopTarget(target));

  test('on SIGTERM exits 0 with every request in the ledger', async () => {
    target = await startTarget();
    const ids = Array.from({ length: 20 }, (_, i) => `term-${i}`);
    for (const id of ids) assert.equal((await post(target.port, '{}', { 'chaos-id': id })).status, 200);
    await target.control.answerAfter(10_000);
    const pending = post(target.port, '{}', { 'chaos-id': 'term-pending' }).catch((error: Error) => error);
    const control = target.control;
    await waitFor(async () => (await control.state()).requests === ids.length + 1, {
      what: 'the pending request to reach the target',
      timeoutMs: 1000,
      intervalMs: 20,
    });

    const exit = once(target.child, 'exit');
    target.child.kill('SIGTERM');
    assert.deepEqual(await exit, [0, null]);
    assert.ok((await pending) instanceof Error, 'the request pending at shutdown must not be answered');
    const { records } = await readJsonl<DeliveryRecord>(target.ledgerPath);
    for (const id of ids) assert.equal(records.find((r) => r.id === id)?.status, 200, `${id} in the ledger`);
    assert.equal(records.find((r) => r.id === 'term-pending')?.outcome, 'dropped');
  });

  test('rejects bad options on stdin with one line on stderr and exit code 2', async () => {
    for (const [line, message] of [
      [
        '{"port":70000,"controlPort":1,"ledger":"x","controlSecret":"' + 'a'.repeat(32) + '"}',
        /port must be a port from 0 to 65535 .*got 70000/,
      ],
      ['{"port":1,"controlPort":2,"ledger":"x","controlSecret":"short"}', /controlSecret must be a string of 32 or more characters/],
      ['--port 8080', /options are not JSON/],
    ] as const) {
      const child = spawn(process.execPath, [TARGET_MAIN]);
      child.stdin.end(`${line}\n`);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = await once(child, 'close');
      assert.equal(code, 2);
      assert.match(stderr, /^recording target: [^\n]*\n$/);
      assert.match(stderr, message);
    }
  });
});
