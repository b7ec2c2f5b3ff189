// Named errors: one family under ChaosError, each of a kind; a fix in the message, retriable
// flags, subclass names, one-line descriptions.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as errors from '../../src/util/errors.js';
import {
  ChaosError,
  ConfigError,
  EnvironmentError,
  MissingToolError,
  ReliabilityError,
  TimeoutError,
  UsageError,
  describeError,
  type ErrorKind,
} from '../../src/util/errors.js';

/** Every error class errors.ts exports, with the kind it must carry; a new one must be added here. */
const EXPECTED_KIND: Record<string, ErrorKind> = {
  ChaosError: 'environment',
  EnvironmentError: 'environment',
  MissingToolError: 'environment',
  FetchError: 'environment',
  PortInUseError: 'environment',
  TimeoutError: 'environment',
  ProbeFailedError: 'environment',
  ProcessExitedError: 'environment',
  ReliabilityError: 'reliability',
  UsageError: 'usage',
  ConfigError: 'usage',
};

const ROOTS = [EnvironmentError, ReliabilityError, UsageError];

describe('the error family', () => {
  // Every exported function whose prototype is an Error's is an error class.
  const classes = (Object.entries(errors) as [string, unknown][]).filter(
    (entry): entry is [string, new (message: string) => Error] =>
      typeof entry[1] === 'function' && (entry[1] as { prototype?: unknown }).prototype instanceof Error,
  );

  it('exports only ChaosErrors, each of the kind it is listed with', () => {
    assert.deepEqual(classes.map(([name]) => name).sort(), Object.keys(EXPECTED_KIND).sort());
    for (const [name, ErrorClass] of classes) {
      const error = new ErrorClass('x');
      assert.ok(error instanceof ChaosError, `${name} is a ChaosError`);
      assert.equal(error.kind, EXPECTED_KIND[name], name);
      assert.equal(error.name, name);
    }
  });

  it('roots every class but ChaosError itself under the one root its kind names', () => {
    for (const [name, ErrorClass] of classes.filter(([name]) => name !== 'ChaosError')) {
      const error = new ErrorClass('x') as ChaosError;
      const roots = ROOTS.filter((root) => error instanceof root);
      assert.equal(roots.length, 1, `${name} under exactly one root`);
      assert.equal(new roots[0]!('x').kind, error.kind, name);
    }
  });

  it('files a bare ChaosError as the environment\u2019s: never a verdict on the SUT', () => {
    assert.equal(new ChaosError('x').kind, 'environment');
  });
});

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
