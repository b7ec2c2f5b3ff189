// Named errors: a fix in the message, retriable flags, subclass names, one-line descriptions.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChaosError, ConfigError, EnvironmentError, MissingToolError, TimeoutError, describeError } from '../../src/util/errors.js';

describe('ChaosError', () => {
  it('appends the fix to the message and keeps it', () => {
    const error = new ChaosError('java not found', { fix: 'install a JDK 17' });
    assert.equal(error.message, 'java not found — fix: install a JDK 17');
    assert.equal(error.fix, 'install a JDK 17');
    assert.equal(new ChaosError('plain').message, 'plain');
  });

  it('is not retriable by default; a TimeoutError is, unless told otherwise', () => {
    assert.equal(new ChaosError('x').retriable, false);
    assert.equal(new ConfigError('x').retriable, false);
    assert.equal(new ChaosError('x', { retriable: true }).retriable, true);
    assert.equal(new TimeoutError('x').retriable, true);
    assert.equal(new TimeoutError('x', { retriable: false }).retriable, false);
  });

  it('is named after its subclass and keeps the prototype chain', () => {
    const error = new MissingToolError('mvn missing');
    assert.equal(error.name, 'MissingToolError');
    assert.ok(error instanceof EnvironmentError);
    assert.ok(error instanceof ChaosError);
    assert.equal(new TimeoutError('x').name, 'TimeoutError');
    assert.equal(new ConfigError('x').name, 'ConfigError');
    assert.match(String(new ConfigError('bad')), /^ConfigError: bad/);
  });

  it('carries its cause', () => {
    const cause = new Error('ECONNREFUSED');
    assert.equal(new TimeoutError('x', { cause }).cause, cause);
  });
});

describe('describeError', () => {
  it('adds the cause’s message once', () => {
    const error = new TimeoutError('broker 1 not ready', { cause: new Error('ECONNREFUSED') });
    assert.equal(describeError(error), 'broker 1 not ready (cause: ECONNREFUSED)');
  });

  it('leaves out a cause the message already includes, or one that is not an Error', () => {
    assert.equal(describeError(new ChaosError('failed: ECONNREFUSED', { cause: new Error('ECONNREFUSED') })), 'failed: ECONNREFUSED');
    assert.equal(describeError(new ChaosError('failed', { cause: 'text' })), 'failed');
    assert.equal(describeError(new Error('bare')), 'bare');
    assert.equal(describeError('a string'), 'a string');
  });
});
