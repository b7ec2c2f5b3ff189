// Reusing a chaos run's results for the self-test's correct forwarder, from hand-built cucumber
// envelopes: reused only when the scenario's system-under-test.json shows the configuration the
// self-test would use (the correct mode, same runtime, same Kafka); otherwise run again, and why.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUT_FACTS_ATTACHMENT, type SystemUnderTestFacts } from '../../src/scenario/scenario-report.js';
import { splitCorrectRuns } from '../../src/selftest/reused-correct-runs.js';
import type { Envelope, ScenarioRef } from '../../src/scenario/scenario-outcome.js';

const outage: ScenarioRef = { id: 'retry-outage', feature: 'features/retry.feature', name: 'A 10-second outage loses nothing' };
const zombie: ScenarioRef = { id: 'zombie', feature: 'features/zombie.feature', name: 'A frozen instance wakes up' };
const wanted = { runtime: 'process', kafkaVersion: '3.9.1' };

const facts = (over: Partial<SystemUnderTestFacts> = {}): SystemUnderTestFacts => ({
  sut: 'forwarder',
  configuredEnv: {},
  runtime: 'process',
  kafkaVersion: '3.9.1',
  sutFromCommandLine: null,
  ...over,
});

/** One pickle, one attempt per entry of `attempts`: its step status and the facts it attached (or none). */
function ran(scenario: ScenarioRef, attempts: { status: string; facts?: SystemUnderTestFacts | string }[]): Envelope[] {
  const pickle = `p-${scenario.id}`;
  const envelopes: Envelope[] = [
    { pickle: { id: pickle, uri: scenario.feature, name: scenario.name } },
    { testCase: { id: `tc-${pickle}`, pickleId: pickle } },
  ];
  attempts.forEach((a, n) => {
    const started = `tcs-${pickle}-${n}`;
    envelopes.push({ testCaseStarted: { id: started, testCaseId: `tc-${pickle}`, attempt: n } });
    envelopes.push({
      testStepFinished: {
        testCaseStartedId: started,
        testStepId: 's1',
        testStepResult: { status: a.status, message: a.status === 'FAILED' ? 'Message loss: 3 of 9' : undefined },
      },
    });
    if (a.facts !== undefined) {
      const body = typeof a.facts === 'string' ? a.facts : JSON.stringify(a.facts);
      envelopes.push({ attachment: { testCaseStartedId: started, body, mediaType: 'application/json', fileName: SUT_FACTS_ATTACHMENT } });
    }
    envelopes.push({ testCaseFinished: { testCaseStartedId: started, willBeRetried: n < attempts.length - 1 } });
  });
  return envelopes;
}

describe('splitCorrectRuns', () => {
  it('reuses a scenario run on the correct forwarder, as passed or as failed', () => {
    const envelopes = [...ran(outage, [{ status: 'PASSED', facts: facts() }]), ...ran(zombie, [{ status: 'FAILED', facts: facts() }])];
    const split = splitCorrectRuns(envelopes, [outage, zombie], wanted);
    assert.deepEqual(split.toRun, []);
    assert.deepEqual(
      split.reused.map((o) => [o.mode, o.scenario, o.status]),
      [
        ['correct', 'retry-outage', 'passed'],
        ['correct', 'zombie', 'failed'],
      ],
    );
  });

  it('accepts the correct mode named explicitly', () => {
    const envelopes = ran(outage, [{ status: 'PASSED', facts: facts({ configuredEnv: { FORWARDER_MODE: 'correct' } }) }]);
    assert.equal(splitCorrectRuns(envelopes, [outage], wanted).reused.length, 1);
  });

  it('runs again a scenario missing from the run, or without its facts, and says why', () => {
    const split = splitCorrectRuns([...ran(outage, [{ status: 'PASSED' }])], [outage, zombie], wanted);
    assert.deepEqual(split.reused, []);
    assert.deepEqual(
      split.toRun.map((s) => s.id),
      ['retry-outage', 'zombie'],
    );
    assert.match(split.notes[0]!, /retry-outage: runs again: it left no system-under-test\.json/);
    assert.match(split.notes[1]!, /zombie: runs again: it is not in that run/);
  });

  it('runs again a scenario whose SUT was configured otherwise, ran elsewhere or left unreadable facts', () => {
    const cases: [SystemUnderTestFacts | string, RegExp][] = [
      [facts({ configuredEnv: { FORWARDER_MODE: 'double-send' } }), /configured with FORWARDER_MODE=double-send/],
      [facts({ configuredEnv: { FORWARDER_PARTITIONS_IN_FLIGHT: '3' } }), /configured with FORWARDER_PARTITIONS_IN_FLIGHT=3/],
      [facts({ runtime: 'container' }), /on the container runtime, the self-test on process/],
      [facts({ sut: 'go-forwarder', sutFromCommandLine: 'go-forwarder' }), /it ran with --sut go-forwarder/],
      [facts({ kafkaVersion: '4.4.0' }), /on Kafka 4\.4\.0, the self-test on 3\.9\.1/],
      ['{not json', /is not JSON/],
    ];
    for (const [given, why] of cases) {
      const split = splitCorrectRuns(ran(outage, [{ status: 'PASSED', facts: given }]), [outage], wanted);
      assert.deepEqual(split.reused, [], String(why));
      assert.match(split.notes[0]!, why);
    }
  });

  it('judges by the latest attempt: a retry that attached no facts is not reused on its predecessor’s', () => {
    const envelopes = ran(outage, [{ status: 'FAILED', facts: facts() }, { status: 'PASSED' }]);
    const split = splitCorrectRuns(envelopes, [outage], wanted);
    assert.deepEqual(
      split.toRun.map((s) => s.id),
      ['retry-outage'],
    );
  });
});
