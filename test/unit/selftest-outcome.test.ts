// Reading a scenario's outcome from hand-built cucumber envelopes: the failure category from the
// message prefix, environment errors never counted as a failure of the SUT, retried attempts,
// the strict rule (the first failure alone decides; cut short or undecided is no finding), outlines.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomesFromEnvelopes, reliabilityCategory, type Envelope, type ScenarioRef } from '../../src/scenario/scenario-outcome.js';

const scenario: ScenarioRef = { id: 'stop', feature: 'features/seed.feature', name: 'An unreachable server stops the pipeline' };

/** The envelopes of one attempt of one pickle whose steps end with `statuses` (and messages). */
function attempt(
  n: number,
  steps: { status: string; message?: string; exception?: string }[],
  extra: Envelope[] = [],
  pickle = 'p1',
): Envelope[] {
  return [
    { testCaseStarted: { id: `tcs${pickle}-${n}`, testCaseId: `tc-${pickle}`, attempt: n } },
    ...steps.map((s, i): Envelope => ({
      testStepFinished: {
        testCaseStartedId: `tcs${pickle}-${n}`,
        testStepId: `step${i}`,
        testStepResult: {
          status: s.status,
          message: s.message,
          exception: s.exception === undefined ? undefined : { message: s.exception },
        },
      },
    })),
    ...extra.map((e) => (e.attachment ? { attachment: { ...e.attachment, testCaseStartedId: `tcs${pickle}-${n}` } } : e)),
    { testCaseFinished: { testCaseStartedId: `tcs${pickle}-${n}`, willBeRetried: false } },
  ];
}

function loaded(pickle = 'p1', uri = scenario.feature, name = scenario.name): Envelope[] {
  return [{ pickle: { id: pickle, uri, name } }, { testCase: { id: `tc-${pickle}`, pickleId: pickle } }];
}

const outcome = (envelopes: Envelope[]) => outcomesFromEnvelopes('auto-commit', envelopes, [scenario])[0]!;

describe('reliabilityCategory', () => {
  it('reads the fixed prefix, with or without the error name in front', () => {
    assert.equal(reliabilityCategory('Message loss: 3 of 21 messages never got a 2xx'), 'Message loss');
    assert.equal(reliabilityCategory('ReliabilityAssertionError: Unsafe offset commit: 2 commits\n    at step'), 'Unsafe offset commit');
    assert.equal(reliabilityCategory('Pipeline did not stop: the forwarder kept running'), 'Pipeline did not stop');
  });

  it('does not read an environment failure or an unclassified error as a reliability category', () => {
    assert.equal(reliabilityCategory('Environment failure: broker 2 did not start'), undefined);
    assert.equal(reliabilityCategory('TypeError: cannot read properties of undefined'), undefined);
    assert.equal(reliabilityCategory('the log says Message loss: but later'), undefined);
  });
});

describe('outcomesFromEnvelopes', () => {
  it('passes when every step passed', () => {
    const result = outcome([...loaded(), ...attempt(0, [{ status: 'PASSED' }, { status: 'PASSED' }])]);
    assert.deepEqual(result, { mode: 'auto-commit', scenario: 'stop', status: 'passed', categories: [], detail: 'passed' });
  });

  it('fails with the category of the first failing step', () => {
    const result = outcome([
      ...loaded(),
      ...attempt(0, [
        { status: 'PASSED' },
        { status: 'FAILED', exception: 'Unsafe offset commit: 1 commit passed offset 1' },
        { status: 'SKIPPED' },
      ]),
    ]);
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.categories, ['Unsafe offset commit']);
    assert.equal(result.detail, 'Unsafe offset commit: 1 commit passed offset 1');
  });

  it('falls back to the formatted message when there is no exception', () => {
    const result = outcome([
      ...loaded(),
      ...attempt(0, [{ status: 'FAILED', message: 'ReliabilityAssertionError: Message loss: 2 lost\n  at x' }]),
    ]);
    assert.deepEqual(result.categories, ['Message loss']);
  });

  it('keeps only the first failure’s category, whatever else an attached verdict.json shows violated', () => {
    const verdict = {
      valid: false,
      checks: [
        { name: 'unsafe-commit', valid: false },
        { name: 'lost', valid: false },
        { name: 'order', valid: true },
      ],
    };
    const result = outcome([
      ...loaded(),
      ...attempt(
        0,
        [{ status: 'FAILED', exception: 'Pipeline did not stop: after 30s 1 of 1 instances still ran' }],
        [
          {
            attachment: {
              body: Buffer.from(JSON.stringify(verdict)).toString('base64'),
              contentEncoding: 'BASE64',
              fileName: 'verdict.json',
              mediaType: 'application/json',
            },
          },
        ],
      ),
    ]);
    assert.deepEqual(result.categories, ['Pipeline did not stop']);
  });

  it('reports a scenario cut short after a failing step as env-error, not a failure', () => {
    const cut = attempt(0, [{ status: 'FAILED', exception: 'Message loss: 1 lost' }]).filter((e) => !e.testCaseFinished);
    const result = outcome([...loaded(), ...cut]);
    assert.equal(result.status, 'env-error');
    assert.match(result.detail, /did not finish.*it had failed: Message loss/);
  });

  it('reports a finding followed by an environment failure (an After hook) as env-error', () => {
    const result = outcome([
      ...loaded(),
      ...attempt(0, [
        { status: 'FAILED', exception: 'Message loss: 1 lost' },
        { status: 'SKIPPED' },
        { status: 'FAILED', exception: 'Environment failure: after the scenario: broker 2 did not rejoin' },
      ]),
    ]);
    assert.equal(result.status, 'env-error');
    assert.match(result.detail, /broker 2 did not rejoin/);
  });

  it('reports "Checker could not decide" as env-error: missing evidence is no finding', () => {
    const result = outcome([
      ...loaded(),
      ...attempt(0, [{ status: 'FAILED', exception: 'Checker could not decide: offsets.json is missing' }]),
    ]);
    assert.equal(result.status, 'env-error');
  });

  it('reports an environment failure as env-error, whatever the verdict attachment says', () => {
    const result = outcome([
      ...loaded(),
      ...attempt(
        0,
        [{ status: 'FAILED', exception: 'Environment failure: timed out waiting for broker 2' }],
        [
          {
            attachment: {
              body: '{"checks":[{"name":"lost","valid":false}]}',
              contentEncoding: 'IDENTITY',
              fileName: 'verdict.json',
              mediaType: 'application/json',
            },
          },
        ],
      ),
    ]);
    assert.equal(result.status, 'env-error');
    assert.deepEqual(result.categories, []);
    assert.match(result.detail, /^Environment failure: timed out/);
  });

  it('reports an unclassified error as env-error', () => {
    assert.equal(outcome([...loaded(), ...attempt(0, [{ status: 'FAILED', exception: 'TypeError: x is undefined' }])]).status, 'env-error');
  });

  it('reports undefined and ambiguous steps as env-error, naming the status', () => {
    const result = outcome([...loaded(), ...attempt(0, [{ status: 'PASSED' }, { status: 'UNDEFINED' }, { status: 'SKIPPED' }])]);
    assert.equal(result.status, 'env-error');
    assert.match(result.detail, /a step is undefined/);
    assert.equal(outcome([...loaded(), ...attempt(0, [{ status: 'AMBIGUOUS', message: 'two patterns match' }])]).status, 'env-error');
  });

  it('reports a scenario that never started, or did not finish, or was skipped, as env-error', () => {
    assert.match(outcome(loaded()).detail, /never started/);
    const cut = attempt(0, [{ status: 'PASSED' }]).filter((e) => !e.testCaseFinished);
    assert.match(outcome([...loaded(), ...cut]).detail, /did not finish/);
    assert.match(outcome([...loaded(), ...attempt(0, [{ status: 'SKIPPED' }, { status: 'SKIPPED' }])]).detail, /every step was skipped/);
  });

  it('reports a scenario cucumber did not load as env-error', () => {
    const result = outcome(loaded('p1', 'features/seed.feature', 'Some other scenario'));
    assert.equal(result.status, 'env-error');
    assert.match(result.detail, /did not load "An unreachable server stops the pipeline" from features\/seed\.feature/);
  });

  it('judges the last attempt of a retried scenario', () => {
    const result = outcome([
      ...loaded(),
      ...attempt(0, [{ status: 'FAILED', exception: 'Environment failure: port in use' }]),
      ...attempt(1, [{ status: 'FAILED', exception: 'Message loss: 1 lost' }]),
    ]);
    assert.equal(result.status, 'failed');
    assert.deepEqual(result.categories, ['Message loss']);
  });

  it('matches the feature path with or without ./, and joins an outline’s examples', () => {
    const envelopes = [
      ...loaded('p1', './features/seed.feature'),
      ...loaded('p2', 'features/seed.feature'),
      ...attempt(0, [{ status: 'PASSED' }], [], 'p1'),
      ...attempt(0, [{ status: 'FAILED', exception: 'Duplicates over bound: 40 > 10' }], [], 'p2'),
    ];
    assert.deepEqual(outcome(envelopes).categories, ['Duplicates over bound']);
    const withEnvError = [...envelopes, ...loaded('p3'), ...attempt(0, [{ status: 'UNDEFINED' }], [], 'p3')];
    assert.equal(outcome(withEnvError).status, 'env-error');
  });
});
