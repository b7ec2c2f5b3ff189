// Bounded polling: what it returns, what its timeout says, and what ends it early.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChaosError, ProbeFailedError, TimeoutError } from '../../src/util/errors.js';
import { retry, waitFor } from '../../src/util/wait-for.js';

describe('waitFor', () => {
  it('returns the first value that is not undefined/false', async () => {
    const answers: Array<string | undefined | false> = [undefined, false, 'ready', 'later'];
    let calls = 0;
    const value = await waitFor(() => answers[calls++], { what: 'x', timeoutMs: 500, intervalMs: 1 });
    assert.equal(value, 'ready');
    assert.equal(calls, 3);
  });

  it('treats a throwing probe as not yet, and its last error becomes the timeout’s cause', async () => {
    let calls = 0;
    let last: Error | undefined;
    await assert.rejects(
      waitFor(
        () => {
          last = new Error(`refused #${++calls}`);
          throw last;
        },
        { what: 'the broker', timeoutMs: 100, intervalMs: 10, hint: 'see logs/broker-1.log' },
      ),
      (error: unknown) => {
        assert.ok(error instanceof TimeoutError);
        assert.ok(calls > 1, 'the probe was retried');
        assert.equal(error.cause, last);
        assert.match(error.message, /timed out after 100 ms waiting for the broker; see logs\/broker-1\.log/);
        return true;
      },
    );
  });

  it('says "could not look" (ProbeFailedError) when the last probe threw, and a plain timeout when it saw false', async () => {
    const failing = waitFor(
      () => {
        throw new Error('ECONNREFUSED 127.0.0.1:9092');
      },
      { what: 'lag 0', timeoutMs: 50, intervalMs: 10 },
    );
    await assert.rejects(
      failing,
      (error: unknown) => error instanceof ProbeFailedError && /the last check failed: ECONNREFUSED/.test((error as Error).message),
    );
    let calls = 0;
    const recovered = waitFor(
      () => {
        if (++calls === 1) throw new Error('refused once');
        return false;
      },
      { what: 'lag 0', timeoutMs: 50, intervalMs: 10 },
    );
    // A probe that failed once but then looked and saw "not yet" ends in a real timeout: a finding.
    await assert.rejects(recovered, (error: unknown) => error instanceof TimeoutError && !(error instanceof ProbeFailedError));
  });

  it('asks a function `what` at timeout time', async () => {
    let seen = 0;
    await assert.rejects(
      waitFor(
        () => {
          seen++;
          return false;
        },
        { what: () => `delivery (seen ${seen})`, timeoutMs: 60, intervalMs: 10 },
      ),
      (error: unknown) => error instanceof TimeoutError && error.message.includes(`delivery (seen ${seen})`) && seen > 1,
    );
  });

  it('ends at once on a non-retriable ChaosError', async () => {
    const fatal = new ChaosError('broker 1 exited');
    const started = Date.now();
    await assert.rejects(
      waitFor(
        () => {
          throw fatal;
        },
        { what: 'x', timeoutMs: 500, intervalMs: 10 },
      ),
      (error) => error === fatal,
    );
    assert.ok(Date.now() - started < 200, `took ${Date.now() - started} ms`);
  });

  it('keeps polling through a retriable ChaosError', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        if (++calls < 3) throw new TimeoutError('not yet');
        return calls;
      },
      { what: 'x', timeoutMs: 500, intervalMs: 1 },
    );
    assert.equal(value, 3);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by test')), 30);
    const started = Date.now();
    await assert.rejects(
      waitFor(() => false, { what: 'x', timeoutMs: 500, intervalMs: 10, signal: controller.signal }),
      (error: unknown) => !(error instanceof TimeoutError),
    );
    assert.ok(Date.now() - started < 300, `took ${Date.now() - started} ms`);
    await assert.rejects(
      waitFor(() => 'never asked', { what: 'x', timeoutMs: 500, signal: AbortSignal.abort() }),
      { name: 'AbortError' },
    );
  });
});

describe('retry', () => {
  it('returns the first success', async () => {
    let calls = 0;
    assert.equal(
      await retry(
        async () => {
          if (++calls < 2) throw new Error('flaky');
          return 'ok';
        },
        { what: 'x', attempts: 3, delayMs: 1 },
      ),
      'ok',
    );
    assert.equal(calls, 2);
  });

  it('gives up after N attempts with a TimeoutError whose cause is the last error', async () => {
    let calls = 0;
    let last: Error | undefined;
    await assert.rejects(
      retry(
        async () => {
          last = new Error(`attempt ${++calls}`);
          throw last;
        },
        { what: 'creating the topic', attempts: 3, delayMs: 1 },
      ),
      (error: unknown) => {
        assert.ok(error instanceof TimeoutError);
        assert.equal(error.cause, last);
        assert.match(error.message, /creating the topic failed after 3 attempts/);
        return true;
      },
    );
    assert.equal(calls, 3);
  });
});
