// The Gherkin parameter types: what each accepts, what it returns, and the one-line error (with
// a fix) for a value out of range — the preflight shows those before any cluster starts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_DURATION_MS,
  PARAMETER_TYPES,
  parseBroker,
  parseCount,
  parseDuration,
  parseLink,
  parsePercentage,
  parseRate,
  parseStatus,
  parseVersion,
  requireInRange,
} from '../../src/scenario/parameters.js';
import { ConfigError } from '../../src/util/errors.js';

const rejects = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (error: unknown) => error instanceof ConfigError && pattern.test(error.message) && /fix:/.test(error.message));

describe('scenario parameter types', () => {
  it('reads durations in ms, seconds and minutes', () => {
    assert.equal(parseDuration('500 ms'), 500);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('10 seconds'), 10_000);
    assert.equal(parseDuration('1 second'), 1000);
    assert.equal(parseDuration('1.5 s'), 1500);
    assert.equal(parseDuration('1 minute'), 60_000);
    assert.equal(parseDuration('2 min'), 120_000);
    assert.equal(parseDuration('10 minutes'), MAX_DURATION_MS);
  });

  it('refuses a duration of zero, beyond the bound, or in an unknown unit', () => {
    rejects(() => parseDuration('0 seconds'), /out of range/);
    rejects(() => parseDuration('11 minutes'), /out of range/);
    rejects(() => parseDuration('2 hours'), /not a duration/);
    rejects(() => parseDuration('soon'), /not a duration/);
  });

  it('reads counts with thousands separators and refuses zero unless allowed', () => {
    assert.equal(parseCount('1'), 1);
    assert.equal(parseCount('1,000'), 1000);
    assert.equal(parseCount('0', 0), 0);
    rejects(() => parseCount('0'), /out of range/);
    rejects(() => parseCount('2,000,000'), /out of range/);
    rejects(() => parseCount('ten'), /not a count/);
  });

  it('reads rates, percentages, brokers, statuses and versions', () => {
    assert.equal(parseRate('200 per second'), 200);
    assert.equal(parseRate('1,000 messages per second'), 1000);
    rejects(() => parseRate('0 per second'), /out of range/);
    assert.equal(parsePercentage('30%'), 0.3);
    assert.equal(parsePercentage('2.5%'), 0.025);
    rejects(() => parsePercentage('0%'), /out of range/);
    rejects(() => parsePercentage('150%'), /out of range/);
    assert.equal(parseBroker('broker 2'), 2);
    rejects(() => parseBroker('broker 0'), /does not name a broker/);
    assert.equal(parseStatus('503'), 503);
    rejects(() => parseStatus('100'), /HTTP status/);
    assert.equal(parseVersion('4.1.1'), '4.1.1');
  });

  it('reads links from the SUT, the harness or a broker to a broker', () => {
    assert.deepEqual(parseLink('the link between the SUT and broker 2'), {
      from: 'sut',
      to: 2,
      text: 'the link between the SUT and broker 2',
    });
    assert.equal(parseLink('the link between the harness and broker 3').from, 'harness');
    assert.deepEqual(
      { ...parseLink('the link between broker 1 and broker 3') },
      { from: 1, to: 3, text: 'the link between broker 1 and broker 3' },
    );
    rejects(() => parseLink('the link between broker 2 and broker 2'), /itself/);
    rejects(() => parseLink('the cable to broker 2'), /does not name a link/);
  });

  it('has a regular expression matching each type’s own example, with no capturing group', () => {
    for (const type of PARAMETER_TYPES) {
      const whole = new RegExp(`^(?:${type.regexp.source})$`);
      assert.ok(whole.test(type.example), `${type.name} matches ${type.example}`);
      assert.equal(new RegExp(`${type.regexp.source}|`).exec('')!.length, 1, `${type.name} has no capturing group`);
      assert.doesNotThrow(() => type.parse(type.example), type.name);
    }
  });

  it('checks plain {int} arguments against a named range', () => {
    assert.equal(requireInRange(3, 'brokers', 1, 9), 3);
    rejects(() => requireInRange(0, 'partitions', 1, 1000), /0 partitions is out of range/);
  });
});
