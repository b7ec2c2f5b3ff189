// What npm test runs on a machine: the process half always, the container half and the report's
// browser half when the machine has what they need — named when left out, fatal when required.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideTestPlan, planOfRun, RequiredPartMissing, type MachineProbes } from '../support/test-plan.js';

const everything: MachineProbes = { docker: { answers: true }, localImages: { ok: true }, chromium: { path: '/usr/bin/chromium' } };
const bare: MachineProbes = {
  docker: { answers: false, why: 'no Docker daemon answers at unix:///tmp/none.sock (connect ENOENT)' },
  localImages: { ok: true },
  chromium: { path: undefined, why: 'there is no Chromium at /usr/bin/chromium' },
};

describe('decideTestPlan', () => {
  it('runs everything on a machine that has everything, and names nothing', () => {
    assert.deepEqual(decideTestPlan({}, everything), { runtimes: ['process', 'container'], browser: true, notRun: [] });
  });

  it('runs the process half alone without a daemon or Chromium, naming each part left out, why and how to run it', () => {
    const plan = decideTestPlan({}, bare);
    assert.deepEqual(plan.runtimes, ['process']);
    assert.equal(plan.browser, false);
    assert.equal(plan.notRun.length, 2);
    assert.match(
      plan.notRun[0]!,
      /container half did not run.*no Docker daemon answers at unix:\/\/\/tmp\/none\.sock.*dockerd.*KAFKA_CHAOS_TEST_RUNTIMES=process,container/,
    );
    assert.match(plan.notRun[1]!, /browser half did not run.*no Chromium at \/usr\/bin\/chromium.*KAFKA_CHAOS_TEST_REQUIRE=chromium/);
  });

  it('leaves the container half out when the local images cannot be built, even with a daemon', () => {
    const plan = decideTestPlan({}, { ...everything, localImages: { ok: false, why: 'debootstrap is not installed' } });
    assert.deepEqual(plan.runtimes, ['process']);
    assert.match(plan.notRun[0]!, /debootstrap is not installed/);
  });

  it('fails at once, on one line, when a required part is missing', () => {
    assert.throws(
      () => decideTestPlan({ KAFKA_CHAOS_TEST_RUNTIMES: 'process,container' }, bare),
      (e: unknown) =>
        e instanceof RequiredPartMissing &&
        !e.message.includes('\n') &&
        /container half is required \(KAFKA_CHAOS_TEST_RUNTIMES=process,container\).*no Docker daemon.*fix:/.test(e.message),
    );
    assert.throws(
      () => decideTestPlan({ KAFKA_CHAOS_TEST_REQUIRE: 'chromium' }, bare),
      (e: unknown) => e instanceof RequiredPartMissing && /Chromium is required.*fix: apt-get install chromium/.test(e.message),
    );
  });

  it('runs exactly the named runtimes when they are named, and refuses an unknown name or part', () => {
    assert.deepEqual(decideTestPlan({ KAFKA_CHAOS_TEST_RUNTIMES: 'process' }, everything).runtimes, ['process']);
    assert.deepEqual(decideTestPlan({ KAFKA_CHAOS_TEST_RUNTIMES: 'process' }, bare).notRun.length, 1, 'only the browser is named');
    assert.throws(() => decideTestPlan({ KAFKA_CHAOS_TEST_RUNTIMES: 'docker' }, everything), /unknown runtime "docker"/);
    assert.throws(() => decideTestPlan({ KAFKA_CHAOS_TEST_REQUIRE: 'gpu' }, everything), /unknown part "gpu"/);
  });

  it('hands the plan to each test file through one variable', () => {
    assert.equal(planOfRun({}), undefined);
    assert.deepEqual(planOfRun({ KAFKA_CHAOS_TEST_PLAN: '{"runtimes":["process"],"browser":false}' }), {
      runtimes: ['process'],
      browser: false,
    });
  });
});
