// The recording target as each runtime starts it (a local process, or a container reached by its
// address), driven through env.target: down refuses and up listens again at the same URL, and
// every HTTP fault mode answers as the scenario asked — on both runtimes alike.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import type { DeliveryRecord } from '../../src/target/delivery-record.js';
import { waitFor } from '../../src/util/wait-for.js';
import { postTo } from '../support/http-post.js';
import { environmentForSuite, runtimesUnderTest } from '../support/test-environment.js';

for (const runtime of runtimesUnderTest())
  describe(`${runtime} runtime: the HTTP target`, () => {
    const suite = environmentForSuite(`target-${runtime}`, undefined, runtime);
    const track = suite.track;
    let env: StartedEnvironment;
    let sent = 0;
    before(() => ({ env } = suite));

    const post = (headers: Record<string, string> = {}) => {
      const id = `${runtime}-${++sent}`;
      return postTo(env.target.harnessUrl, JSON.stringify({ id }), { 'content-type': 'application/json', 'chaos-id': id, ...headers });
    };

    it(
      'goes down (connections refused) and comes back up at the same URL',
      track(async () => {
        assert.equal((await post()).status, 200);
        await env.target.control.down();
        await assert.rejects(post(), /ECONNREFUSED/);
        await env.target.control.up();
        assert.equal((await post()).status, 200);
      }),
    );

    it(
      'answers a status to all requests, then to exactly half of 10',
      track(async () => {
        await env.target.control.answerStatus(503);
        assert.equal((await post()).status, 503);
        await env.target.control.answerStatus(500, { fraction: 0.5 });
        const statuses = [];
        for (let i = 0; i < 10; i++) statuses.push((await post()).status);
        assert.equal(statuses.filter((s) => s === 500).length, 5);
        assert.equal(statuses.filter((s) => s === 200).length, 5);
        await env.target.control.reset();
      }),
    );

    it(
      'answers 429 with Retry-After, answers slowly, and drops connections',
      track(async () => {
        await env.target.control.answerStatus(429, { retryAfterSeconds: 7 });
        const throttled = await post();
        assert.equal(throttled.status, 429);
        assert.equal(throttled.headers['retry-after'], '7');
        await env.target.control.answerAfter(300);
        const slow = await post();
        assert.equal(slow.status, 200);
        assert.ok(slow.ms >= 300, `answered after ${slow.ms.toFixed(0)} ms`);
        await env.target.control.dropConnections();
        const dropId = `${runtime}-${sent + 1}`;
        await assert.rejects(post(), /socket hang up|ECONNRESET/);
        await env.target.control.reset();
        const dropped = await waitFor(
          async () => (await readJsonl<DeliveryRecord>(env.target.ledgerPath)).records.find((r) => r.id === dropId),
          { what: `the drop of ${dropId} in ${env.target.ledgerPath}`, timeoutMs: 5000, intervalMs: 50 },
        );
        assert.equal(dropped.outcome, 'dropped');
      }),
    );
  });
