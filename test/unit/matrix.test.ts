// kafka-chaos matrix's pure parts, on hand-built data: which scenarios follow --sut, the cells
// read from a column's cucumber messages (outcome, headline figures of judged checks only, the SUT that really ran),
// the table and the exit code; a version column runs only the scenarios whose cluster is its version.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matrixCells, otherVersionCell, type MatrixCell } from '../../src/matrix/matrix-cells.js';
import { figuresText, matrixExitCode, renderMatrix } from '../../src/matrix/matrix-table.js';
import { runsOnColumn, splitPortable } from '../../src/matrix/portable-scenarios.js';
import type { CompiledScenario } from '../../src/scenario/preflight.js';
import { SUT_FACTS_ATTACHMENT } from '../../src/scenario/scenario-report.js';
import type { Envelope } from '../../src/scenario/scenario-outcome.js';

const KINDS: Record<string, 'default' | 'named' | 'forwarder' | undefined> = {
  sut: 'default',
  sutNamed: 'named',
  forwarderRetries: 'forwarder',
};
const step = (id: string | undefined, text: string) => ({ id, values: [], uri: 'features/a.feature', line: 1, text });
const scenario = (name: string, ...steps: ReturnType<typeof step>[]): CompiledScenario => ({ uri: 'features/a.feature', name, steps });

describe('splitPortable', () => {
  it('keeps scenarios that start only the default SUT; lists pinned ones with the step that pins them', () => {
    const split = splitPortable(
      [
        scenario(
          'portable',
          step('cluster', 'a Kafka cluster of 3 brokers'),
          step('sut', 'the system under test consumes "a" as group "g"'),
        ),
        scenario('pinned by name', step('sutNamed', 'the system under test "go-forwarder" consumes "a" as group "g"')),
        scenario(
          'pinned to the forwarder',
          step('sut', 'x'),
          step('forwarderRetries', 'the forwarder consumes "a" as group "g" and retries on errors'),
        ),
        scenario('no SUT', step('cluster', 'a Kafka cluster of 3 brokers'), step(undefined, 'an undefined step')),
      ],
      (id) => KINDS[id],
    );
    assert.deepEqual(
      split.portable.map((s) => s.name),
      ['portable'],
    );
    assert.deepEqual(
      split.pinned.map((s) => [s.name, s.step]),
      [
        ['pinned by name', 'the system under test "go-forwarder" consumes "a" as group "g"'],
        ['pinned to the forwarder', 'the forwarder consumes "a" as group "g" and retries on errors'],
      ],
    );
    assert.deepEqual(
      split.withoutSut.map((s) => s.name),
      ['no SUT'],
    );
  });

  it('carries what its cluster step asks of Kafka, and a column runs only the scenarios whose cluster is its version', () => {
    const [any, kip848, pinned] = splitPortable(
      [
        scenario('any', step('sut', 'the system under test consumes "a" as group "g"')),
        scenario('kip848', step('clusterMinVersion', 'a Kafka cluster of 3 brokers running Kafka 4.1.1 or newer'), step('sut', 'x')),
        scenario('pinned', step('clusterVersion', 'a Kafka cluster of 3 brokers running Kafka 4.1.1'), step('sut', 'x')),
      ],
      (id) => KINDS[id],
    ).portable;
    assert.deepEqual(
      [any!.kafka, kip848!.kafka, pinned!.kafka],
      [undefined, { version: '4.1.1', orNewer: true }, { version: '4.1.1', orNewer: false }],
    );
    const runs = (kafkaVersion: string) => [any!, kip848!, pinned!].filter((s) => runsOnColumn(s, kafkaVersion)).map((s) => s.name);
    assert.deepEqual(runs('3.9.1'), ['any']);
    assert.deepEqual(runs('4.1.1'), ['any', 'kip848', 'pinned']);
    assert.deepEqual(runs('4.4.0'), ['any', 'kip848']);
    const cell = otherVersionCell(kip848!, 'go-forwarder', '3.9.1');
    assert.equal(cell.status, 'other-version');
    assert.equal(cell.detail, 'not run on Kafka 3.9.1: its cluster step asks for Kafka 4.1.1 or newer');
  });
});

const outage = { feature: 'features/a.feature', name: 'An outage loses nothing' };
const crash = { feature: 'features/a.feature', name: 'A crash loses nothing' };

const verdict = (lost: number, duplicates: Record<string, number>, unsafeCommits: number) =>
  JSON.stringify({
    valid: lost === 0,
    judged: [],
    findings: [],
    warnings: [],
    checks: [
      { name: 'lost', valid: lost === 0, judged: true, figures: { logged: 100, lost } },
      { name: 'duplicates', valid: true, judged: true, figures: { duplicateDeliveries: duplicates.total ?? 0, ...duplicates } },
      { name: 'unsafe-commit', valid: unsafeCommits === 0, judged: true, figures: { commits: 9, unsafeCommits } },
      { name: 'order', valid: true, judged: false, figures: { outOfOrder: 0 } },
    ],
  });

/** One column's envelopes: each scenario's step status and attachments. */
function column(runs: { scenario: typeof outage; status: string; message?: string; attach: Record<string, string> }[]): Envelope[] {
  return runs.flatMap((run, i): Envelope[] => [
    { pickle: { id: `p${i}`, uri: run.scenario.feature, name: run.scenario.name } },
    { testCase: { id: `tc${i}`, pickleId: `p${i}` } },
    { testCaseStarted: { id: `s${i}`, testCaseId: `tc${i}` } },
    { testStepFinished: { testCaseStartedId: `s${i}`, testStepId: 'x', testStepResult: { status: run.status, message: run.message } } },
    ...Object.entries(run.attach).map(([fileName, body]): Envelope => ({
      attachment: { testCaseStartedId: `s${i}`, fileName, body, mediaType: 'application/json' },
    })),
    { testCaseFinished: { testCaseStartedId: `s${i}` } },
  ]);
}

const ran = (sut: string, kafkaVersion = '3.9.1') =>
  JSON.stringify({ sut, configuredEnv: {}, runtime: 'process', kafkaVersion, sutFromCommandLine: sut });

describe('matrixCells', () => {
  it('reads each scenario’s outcome and its headline figures', () => {
    const envelopes = column([
      {
        scenario: outage,
        status: 'PASSED',
        attach: { 'verdict.json': verdict(0, { total: 3, rewind: 2, retry: 1 }, 0), [SUT_FACTS_ATTACHMENT]: ran('go-forwarder') },
      },
      {
        scenario: crash,
        status: 'FAILED',
        message: 'Message loss: 4 of 100 messages never got a 2xx',
        attach: { 'verdict.json': verdict(4, {}, 0), [SUT_FACTS_ATTACHMENT]: ran('go-forwarder') },
      },
    ]);
    const [first, second] = matrixCells(envelopes, [outage, crash], 'go-forwarder', '3.9.1');
    assert.equal(first!.status, 'passed');
    assert.deepEqual(first!.figures, {
      lost: 0,
      duplicates: { total: 3, rewind: 2, retry: 1, coordinator: 0, unexplained: 0 },
      unsafeCommits: 0,
      judged: ['lost', 'duplicates', 'unsafe-commit'],
    });
    assert.equal(second!.status, 'failed');
    assert.equal(second!.category, 'Message loss');
    assert.equal(second!.figures?.lost, 4);
  });

  it('never credits one client with another’s run, and says a scenario that did not run', () => {
    const envelopes = column([{ scenario: outage, status: 'PASSED', attach: { [SUT_FACTS_ATTACHMENT]: ran('forwarder') } }]);
    const [wrongSut, notRun] = matrixCells(envelopes, [outage, crash], 'java-forwarder', '3.9.1');
    assert.equal(wrongSut!.status, 'env-error');
    assert.match(wrongSut!.detail, /it ran "forwarder" on Kafka 3\.9\.1, not "java-forwarder" on 3\.9\.1/);
    assert.equal(notRun!.status, 'env-error');
    assert.match(notRun!.detail, /did not load/);
    const wrongVersion = matrixCells(
      column([{ scenario: outage, status: 'PASSED', attach: { [SUT_FACTS_ATTACHMENT]: ran('forwarder', '4.1.1') } }]),
      [outage],
      'forwarder',
      '4.4.0',
    );
    assert.equal(wrongVersion[0]!.status, 'env-error');
  });

  it('a client that refuses the scenario’s knobs at start is unsupported, not a failure', () => {
    const refused =
      'Environment failure: SUT sut-forwarder-1 exited at start with code 2 (see x.log); last log lines: FORWARDER_STATIC is "true", which this forwarder cannot do';
    const envelopes = column([{ scenario: outage, status: 'FAILED', message: refused, attach: {} }]);
    const [cell] = matrixCells(envelopes, [outage], 'forwarder', '3.9.1');
    assert.equal(cell!.status, 'unsupported');
    assert.equal(matrixExitCode([cell!]), 0);
    const crashed = column([{ scenario: outage, status: 'FAILED', message: refused.replace('code 2', 'code 1'), attach: {} }]);
    assert.equal(
      matrixCells(crashed, [outage], 'forwarder', '3.9.1')[0]!.status,
      'env-error',
      'any other early exit stays an environment failure',
    );
  });

  it('an environment failure is no finding', () => {
    const envelopes = column([{ scenario: outage, status: 'FAILED', message: 'Environment failure: broker 2 did not start', attach: {} }]);
    assert.equal(matrixCells(envelopes, [outage], 'forwarder', '3.9.1')[0]!.status, 'env-error');
  });
});

describe('the matrix table and exit code', () => {
  const cell = (sut: string, status: MatrixCell['status'], lost = 0): MatrixCell => ({
    feature: outage.feature,
    scenario: outage.name,
    sut,
    kafkaVersion: '3.9.1',
    status,
    detail: status === 'passed' ? 'passed' : 'Message loss: 4 of 100',
    ...(status === 'failed' ? { category: 'Message loss' } : {}),
    figures: { lost, duplicates: { total: 2, rewind: 2, retry: 0, coordinator: 0, unexplained: 0 }, unsafeCommits: 0, judged: ['lost'] },
  });

  it('shows a column per client with figures, the failures in full, and the pinned scenarios', () => {
    const text = renderMatrix(
      [
        { sut: 'forwarder', kafkaVersion: '3.9.1' },
        { sut: 'go-forwarder', kafkaVersion: '3.9.1' },
      ],
      [cell('forwarder', 'passed'), cell('go-forwarder', 'failed', 4)],
      [{ feature: 'features/b.feature', name: 'Static', step: 'the system under test "go-forwarder" consumes …' }],
    );
    assert.match(text, /\| scenario\s+\| forwarder @ 3\.9\.1\s+\| go-forwarder @ 3\.9\.1\s+\|/);
    assert.match(text, /passed · 0 lost · 2 dup \(2 rewind\) · 0 unsafe/);
    assert.match(text, /FAILED Message loss · 4 lost/);
    assert.match(text, /go-forwarder @ 3\.9\.1 × "An outage loses nothing" \(features\/a\.feature\): Message loss: 4 of 100/);
    assert.match(text, /"Static" \(features\/b\.feature\): the system under test "go-forwarder"/);
    assert.match(text, /1 of 2 cells passed/);
  });

  it('marks a scenario a version column does not run as "other Kafka", says why once, and leaves it out of the count', () => {
    const kip848 = { feature: 'features/k.feature', name: 'KIP-848', kafka: { version: '4.1.1', orNewer: true } };
    const columns = [
      { sut: 'go-forwarder', kafkaVersion: '3.9.1' },
      { sut: 'go-forwarder', kafkaVersion: '4.4.0' },
    ];
    const ran = { ...otherVersionCell(kip848, 'go-forwarder', '4.4.0'), status: 'passed' as const, detail: 'passed' };
    const text = renderMatrix(columns, [otherVersionCell(kip848, 'go-forwarder', '3.9.1'), ran], []);
    assert.match(text, /\| KIP-848\s+\| other Kafka\s+\| passed · no verdict\s+\|/);
    assert.match(text, /"KIP-848" @ 3\.9\.1: not run on Kafka 3\.9\.1: its cluster step asks for Kafka 4\.1\.1 or newer/);
    assert.doesNotMatch(text, /failed, undecided/);
    assert.match(text, /1 of 1 cells passed/);
  });

  it('exits 0 only when every cell passed, 1 on a finding, 2 when a cell is undecided', () => {
    assert.equal(matrixExitCode([cell('a', 'passed'), cell('b', 'passed')]), 0);
    assert.equal(matrixExitCode([cell('a', 'env-error'), cell('b', 'failed')]), 1);
    assert.equal(matrixExitCode([cell('a', 'passed'), cell('b', 'env-error')]), 2);
    assert.equal(
      matrixExitCode([cell('a', 'passed'), cell('b', 'other-version'), cell('c', 'unsupported')]),
      0,
      'said in the table, not undecided',
    );
    assert.equal(figuresText(undefined), 'no verdict');
    assert.equal(
      figuresText({ judged: ['commit-during-outage'] }),
      'judged: commit-during-outage',
      'a figure whose check was not judged is not shown',
    );
  });
});
