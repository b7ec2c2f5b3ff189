// The recording target's defences, on the real entry point: its control API refuses a caller
// without the run's secret (403, nothing changes, the refusal is logged), its command line and
// environment hold neither its ports nor the secret, and a body over the cap is answered 413,
// recorded as a failed attempt, on a connection that stays usable.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import type { DeliveryRecord } from '../../src/target/delivery-record.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/target/target-options.js';
import { LOOPBACK } from '../../src/util/ports.js';
import { waitFor } from '../../src/util/wait-for.js';
import { startTarget, stopTarget, type TargetProcess } from '../support/target-process.js';

const ROUTES: [string, string, unknown?][] = [
  ['GET', '/state'],
  ['POST', '/down'],
  ['POST', '/up'],
  ['PUT', '/behavior', { status: 503 }],
  ['POST', '/reset'],
  ['GET', '/no-such-route'],
];

async function ledgerRecord(target: TargetProcess, id: string): Promise<DeliveryRecord> {
  return waitFor(async () => (await readJsonl<DeliveryRecord>(target.ledgerPath)).records.find((r) => r.id === id), {
    what: `the ledger record of ${id}`,
    timeoutMs: 2000,
    intervalMs: 20,
  });
}

/** One POST through `agent`, answering the status and whether it reused a kept-alive socket. */
function send(url: string, body: Buffer, headers: http.OutgoingHttpHeaders, agent: http.Agent, chunked = false) {
  return new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
    // Settled once the answer has arrived and the whole body has been written: a 413 comes back
    // before the client has sent its body, and only then is the socket free for the next request.
    let answered: { status: number; reused: boolean } | undefined;
    let written = false;
    const settle = () => answered && written && resolve(answered);
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      response.resume();
      response.once('end', () => {
        answered = { status: response.statusCode!, reused: request.reusedSocket };
        settle();
      });
    });
    request.once('finish', () => {
      written = true;
      settle();
    });
    request.once('error', reject);
    if (chunked) {
      // No Content-Length: the cap must be found while reading.
      for (let at = 0; at < body.length; at += 64 * 1024) request.write(body.subarray(at, at + 64 * 1024));
      request.end();
    } else request.end(body);
  });
}

describe('recording target: control API without the secret', { timeout: 20_000 }, () => {
  let target: TargetProcess;
  before(async () => {
    target = await startTarget();
    await target.control.answerStatus(500, { fraction: 0.5 });
  });
  after(() => stopTarget(target));

  test('every route refuses no credentials and wrong ones with 403, and nothing changes', async () => {
    const before = await target.control.state();
    const logged = target.stdout.length;
    for (const authorization of [
      undefined,
      'Bearer ' + 'f'.repeat(64),
      `Bearer ${target.secret}x`,
      target.secret,
      `Basic ${target.secret}`,
    ]) {
      for (const [method, path, body] of ROUTES) {
        const response = await fetch(`http://${LOOPBACK}:${target.control.controlPort}${path}`, {
          method,
          headers: authorization === undefined ? {} : { authorization },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        assert.equal(response.status, 403, `${method} ${path} with ${authorization ?? 'no Authorization'}`);
        assert.doesNotMatch(await response.text(), new RegExp(target.secret));
      }
    }
    assert.deepEqual(await target.control.state(), before, 'state and behaviour unchanged');
    const refusals = target.stdout.slice(logged).map((line) => JSON.parse(line) as { event: string; call: string });
    assert.equal(refusals.filter((r) => r.event === 'control-refused').length, 5 * ROUTES.length);
    assert.ok(
      refusals.every((r) => r.event === 'control-refused'),
      'no change was logged',
    );
    assert.ok(!target.stdout.join('\n').includes(target.secret), 'the secret is never logged');
  });

  test('the same calls with the secret work', async () => {
    assert.equal((await target.control.down()).listening, false);
    const state = await target.control.reset();
    assert.equal(state.listening, true);
    assert.deepEqual(state.behavior, {});
  });

  test('neither the command line nor the environment shows a port or the secret', () => {
    const pid = target.child.pid!;
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
    for (const secretive of [target.secret, String(target.port), String(target.control.controlPort), target.ledgerPath]) {
      assert.ok(!cmdline.includes(secretive), `cmdline holds ${secretive}`);
      assert.ok(!environ.includes(secretive), `environ holds ${secretive}`);
    }
  });
});

describe('recording target: body cap', { timeout: 30_000 }, () => {
  let target: TargetProcess;
  let small: TargetProcess;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  before(async () => {
    target = await startTarget();
    small = await startTarget({ maxBodyBytes: 1024 });
  });
  after(async () => {
    agent.destroy();
    await stopTarget(target);
    await stopTarget(small);
  });

  test('a body one byte over the default 4 MiB gets 413, recorded as failed; the connection stays usable', async () => {
    const url = `http://${LOOPBACK}:${target.port}/messages`;
    const over = await send(url, Buffer.alloc(DEFAULT_MAX_BODY_BYTES + 1, 'x'), { 'chaos-id': 'big-1' }, agent);
    assert.equal(over.status, 413);
    const record = await ledgerRecord(target, 'big-1');
    assert.equal(record.outcome, 'answered');
    assert.equal(record.status, 413);
    assert.ok(record.bytes <= DEFAULT_MAX_BODY_BYTES, `held ${record.bytes} bytes, not the whole body`);
    const next = await send(url, Buffer.from('{}'), { 'chaos-id': 'after-big-1' }, agent);
    assert.deepEqual(next, { status: 200, reused: true }, 'the next request on the same connection is answered');
    const state = await target.control.state();
    assert.equal(state.answeredByStatus['413'], 1);
  });

  test('a body of exactly the cap is accepted', async () => {
    const url = `http://${LOOPBACK}:${small.port}/messages`;
    assert.equal((await send(url, Buffer.alloc(1024, 'y'), { 'chaos-id': 'at-cap' }, agent)).status, 200);
    assert.equal((await ledgerRecord(small, 'at-cap')).bytes, 1024);
  });

  test('a chunked body (no Content-Length) over the cap gets 413 whatever the behaviour', async () => {
    await small.control.answerAfter(5000); // a refused body never waits for the behaviour
    const url = `http://${LOOPBACK}:${small.port}/messages`;
    const started = Date.now();
    const over = await send(url, Buffer.alloc(256 * 1024, 'z'), { 'chaos-id': 'chunked-big' }, agent, true);
    assert.equal(over.status, 413);
    assert.ok(Date.now() - started < 4000, 'answered without the 5 s delay');
    const record = await ledgerRecord(small, 'chunked-big');
    assert.equal(record.status, 413);
    assert.ok(record.bytes <= 1024);
    await small.control.reset();
    assert.equal((await send(url, Buffer.from('{}'), { 'chaos-id': 'after-chunked' }, agent)).status, 200);
  });
});
