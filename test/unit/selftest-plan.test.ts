// The self-test's table and its inputs: every broken forwarder mode is planned with a known
// failure category, `--only` restricts it, a mode's config extends the built-in forwarder, and
// scenario names reach cucumber as exact, escaped patterns.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/chaos-config.js';
import { CATEGORIES } from '../../src/scenario/failure-category.js';
import { restrictPlan, scenariosFor } from '../../src/selftest/detection-matrix.js';
import { FAST_FORWARDER_ENV, modeConfig, writeModeConfig } from '../../src/selftest/mode-config.js';
import { SELFTEST_PLAN } from '../../src/selftest/plan.js';
import { exactName } from '../../src/scenario/scenario-outcome.js';
import { ConfigError } from '../../src/util/errors.js';
import { MODES } from '../../sut/forwarder/forwarder-config.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-selftest-unit-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the self-test plan', () => {
  it('plans every broken mode of the forwarder, and other reference SUTs only under modes that name them', () => {
    const ofForwarder = SELFTEST_PLAN.broken.filter((m) => m.sut === undefined).map((m) => m.mode);
    assert.deepEqual(ofForwarder.sort(), MODES.filter((m) => m !== 'correct').sort());
    const others = SELFTEST_PLAN.broken.filter((m) => m.sut !== undefined);
    assert.deepEqual(
      others.map((m) => [m.mode, m.sut?.name]),
      [['java-auto-commit', 'java-forwarder']],
    );
  });

  it('expects a reliability category for every planned cell, on a scenario of the plan', () => {
    const reliability = Object.values(CATEGORIES).filter((c) => c !== CATEGORIES.environment) as string[];
    const ids = SELFTEST_PLAN.scenarios.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'scenario ids are unique');
    for (const mode of SELFTEST_PLAN.broken) {
      assert.ok(mode.expectations.length > 0, `${mode.mode} runs something`);
      for (const e of mode.expectations) {
        assert.ok(ids.includes(e.scenario), `${mode.mode}: ${e.scenario} is in the plan`);
        assert.ok(reliability.includes(e.expect), `${mode.mode}: "${e.expect}" is a reliability category`);
      }
    }
  });

  it('restricts to the modes --only names, and rejects an unknown one', () => {
    const only = restrictPlan(SELFTEST_PLAN, ['double-send']);
    assert.deepEqual(
      only.broken.map((m) => m.mode),
      ['double-send'],
    );
    assert.deepEqual(scenariosFor(only, 'correct'), scenariosFor(only, 'double-send'), 'correct runs just what double-send needs');
    assert.throws(
      () => restrictPlan(SELFTEST_PLAN, ['sometimes']),
      (e: unknown) => e instanceof ConfigError && /"sometimes"/.test(e.message),
    );
  });
});

describe('a mode’s config file', () => {
  it('keeps the user’s kafka and runtime, drops their SUTs, and sets the forwarder’s mode', () => {
    const base = { kafka: { version: '4.1.1', brokers: 3 }, runtime: 'container', sut: { mine: { command: ['./svc'] } } };
    assert.deepEqual(modeConfig(base, 'auto-commit'), {
      kafka: { version: '4.1.1', brokers: 3 },
      runtime: 'container',
      sut: { forwarder: { env: { FORWARDER_MODE: 'auto-commit' } } },
    });
    assert.deepEqual(modeConfig({}, 'correct'), { sut: { forwarder: { env: { FORWARDER_MODE: 'correct' } } } });
  });

  it('runs a forwarder mode in the fast configuration when asked, the mode itself unchanged', () => {
    assert.deepEqual(modeConfig({}, 'double-send', undefined, FAST_FORWARDER_ENV), {
      sut: { forwarder: { env: { ...FAST_FORWARDER_ENV, FORWARDER_MODE: 'double-send' } } },
    });
    assert.deepEqual(
      modeConfig({}, 'java-auto-commit', { name: 'java-forwarder', env: { FORWARDER_COMMIT: 'auto' } }, FAST_FORWARDER_ENV),
      {
        sut: { 'java-forwarder': { env: { FORWARDER_COMMIT: 'auto' } } },
      },
    );
    const config = loadConfig(writeModeConfig(scratch, {}, 'stale-batch', undefined, FAST_FORWARDER_ENV));
    assert.equal(config.sut.forwarder?.env?.FORWARDER_PARTITIONS_IN_FLIGHT, '3');
    assert.equal(config.sut.forwarder?.env?.FORWARDER_MODE, 'stale-batch');
  });

  it('configures another reference SUT for a mode that names one', () => {
    const sut = { name: 'java-forwarder', env: { FORWARDER_COMMIT: 'auto' } };
    assert.deepEqual(modeConfig({ runtime: 'process' }, 'java-auto-commit', sut), {
      runtime: 'process',
      sut: { 'java-forwarder': { env: { FORWARDER_COMMIT: 'auto' } } },
    });
    const config = loadConfig(writeModeConfig(scratch, {}, 'java-auto-commit', sut));
    assert.equal(config.sut['java-forwarder']?.env?.FORWARDER_COMMIT, 'auto');
    assert.equal(config.sut.forwarder?.env?.FORWARDER_MODE, undefined, 'the TypeScript forwarder is left as built in');
  });

  it('loads as the built-in forwarder with the mode in its env', () => {
    const file = writeModeConfig(scratch, { runtime: 'process' }, 'double-send');
    const config = loadConfig(file);
    assert.equal(config.runtime, 'process');
    assert.equal(config.sut.forwarder?.env?.FORWARDER_MODE, 'double-send');
    assert.ok(config.sut.forwarder?.command?.some((part) => part.endsWith(path.join('sut', 'forwarder', 'main.js'))));
  });
});

describe('exactName', () => {
  it('anchors and escapes a scenario name for cucumber’s name filter', () => {
    const pattern = exactName('Outage (10 s) + retry? [5xx]');
    assert.equal(pattern, '^Outage \\(10 s\\) \\+ retry\\? \\[5xx\\]$');
    assert.ok(new RegExp(pattern).test('Outage (10 s) + retry? [5xx]'));
    assert.ok(!new RegExp(pattern).test('Outage (10 s) + retry? [5xx] again'));
  });
});
