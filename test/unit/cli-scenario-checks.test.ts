// The preflight's pure parts, on hand-built compiled scenarios: which argument of a step names
// what, the replication/broker/partition/name checks, which SUT each step starts, the SUT
// command checks, and why no scenario is selected.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { selectionProblem, type SelectionFacts } from '../../src/cli/commands/chaos-selection.js';
import { sutOfStep } from '../../src/scenario/default-sut.js';
import { loadHarnessSteps } from '../../src/scenario/harness-steps.js';
import type { CompiledScenario, CompiledStep } from '../../src/scenario/preflight.js';
import { argumentRoles, checkScenarios, type ScenarioFacts } from '../../src/scenario/preflight-scenarios.js';
import { MAX_DURATION_MS, MAX_TIMER_MS, parseLink } from '../../src/scenario/parameters.js';
import { stepById, stepEntries } from '../../src/scenario/step-registry.js';
import { commandProblem } from '../../src/scenario/sut-preflight.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-checks-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

let line = 0;
const step = (id: string, ...values: unknown[]): CompiledStep => ({
  id,
  values,
  uri: 'features/x.feature',
  line: ++line,
  text: stepById(id)?.example ?? assert.fail(`no step ${id}`),
});
const scenario = (...steps: CompiledStep[]): CompiledScenario => ({ uri: 'features/x.feature', name: 's', steps });
const FACTS: ScenarioFacts = { brokers: 3, declaredSuts: ['forwarder'], requestedSut: undefined };
const details = (scenarios: CompiledScenario[], facts = FACTS) => checkScenarios(scenarios, facts).problems.map((p) => p.detail ?? '');

describe('the scenario preflight', () => {
  before(() => loadHarnessSteps()); // fills the step registry, as a run does

  it("reads each argument's role from the step pattern", () => {
    assert.deepEqual(argumentRoles('brokerIsolatedFor'), ['broker', 'other']);
    assert.deepEqual(argumentRoles('linkCutFor'), ['link', 'other']);
    assert.deepEqual(argumentRoles('topicRfIsr'), ['topic', 'other', 'other', 'other']);
    assert.deepEqual(argumentRoles('sutNamedInstances'), ['other', 'other', 'group', 'other']);
    assert.deepEqual(argumentRoles('sutNamedEnv'), ['other', 'other', 'group']);
    assert.deepEqual(argumentRoles('leaderKilled'), ['partition', 'other']);
  });

  it('knows how every step that starts a SUT names it', () => {
    const starting = stepEntries().filter((s) => /consumes \{string\} as group \{string\}/.test(s.pattern));
    assert.equal(starting.length, 14);
    assert.deepEqual(
      starting.filter((s) => s.sut === undefined).map((s) => s.id),
      [],
      'steps that start a SUT without saying how they name it',
    );
  });

  it('takes the cluster size from the cluster step, else the config', () => {
    const rf = step('topicRf', 'orders', 3, 3);
    assert.deepEqual(details([scenario(step('cluster', 3), rf)]), []);
    assert.match(
      details([scenario(rf)], { ...FACTS, brokers: 1 })[0]!,
      /replication factor 3 needs 3 brokers; the scenario's cluster has 1 broker — fix/,
    );
    assert.match(details([scenario(step('cluster', 2), rf)])[0]!, /has 2 brokers/);
    assert.deepEqual(details([scenario(step('cluster', 1), step('topic', 'orders', 3))]), [], 'the default factor follows the brokers');
    // Every cluster step counts, not only the plain one: a versioned or TLS cluster of 1 broker has no broker 2.
    for (const [id, ...rest] of [['clusterVersion', '4.4.0'], ['clusterMinVersion', '4.1.1'], ['clusterTls']] as const) {
      assert.match(details([scenario(step(id, 1, ...rest), step('brokerKilled', 2))])[0] ?? '', /there is no broker 2/, id);
    }
  });

  it('refuses brokers, links and partitions the scenario does not have', () => {
    const problems = details([
      scenario(
        step('cluster', 3),
        step('topic', 'orders', 2),
        step('brokerIsolated', 4),
        step('brokerKilled', 3),
        step('linkCut', parseLink('the link between broker 5 and broker 1')),
        step('linkCut', parseLink('the link between the SUT and broker 6')),
        step('leaderKilled', 2, 'orders'),
        step('leaderKilled', 1, 'orders'),
      ),
    ]);
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0]!, /there is no broker 4/);
    assert.match(problems[1]!, /there is no broker 5/);
    assert.match(problems[2]!, /there is no broker 6/);
    assert.match(problems[3]!, /"orders" has 2 partitions \(0 to 1\), not partition 2/);
  });

  it('refuses names Kafka would refuse (with the suffix the harness appends), once per Background step', () => {
    const bad = step('topic', 'a'.repeat(201), 1);
    const group = step('sut', 'orders', 'bill ing');
    const problems = details([scenario(bad, group), scenario(bad, group)]);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /topic name "a{201}" is not usable/);
    assert.match(problems[1]!, /group name "bill ing" is not usable/);
    assert.deepEqual(details([scenario(step('topic', 'a'.repeat(200), 1), step('sut', 'orders', '..'))]), []);
  });

  it("resolves the SUT of each step: forwarder, named, or the default — ambiguous with two of the user's", () => {
    const two = { ...FACTS, declaredSuts: ['forwarder', 'alpha', 'beta'] };
    assert.throws(() => sutOfStep('sut', ['o', 'g'], undefined, two.declaredSuts), /ambiguous.*\(alpha, beta\).*--sut alpha/);
    assert.equal(sutOfStep('sut', ['o', 'g'], 'beta', two.declaredSuts), 'beta');
    assert.equal(sutOfStep('sutNamed', ['alpha', 'o', 'g'], undefined, two.declaredSuts), 'alpha');
    assert.equal(sutOfStep('forwarderStops', ['o', 'g'], undefined, two.declaredSuts), 'forwarder');
    assert.equal(sutOfStep('sut', ['o', 'g'], undefined, ['forwarder', 'mine']), 'mine');
    assert.equal(sutOfStep('sut', ['o', 'g'], undefined, ['forwarder']), 'forwarder');
    assert.equal(sutOfStep('noLoss', [], undefined, two.declaredSuts), undefined);
    const checked = checkScenarios([scenario(step('sutNamed', 'alpha', 'o', 'g')), scenario(step('sut', 'o', 'g'))], two);
    assert.deepEqual([...checked.suts.keys()], ['alpha']);
    assert.match(checked.problems[0]!.detail!, /ambiguous/);
  });

  it('keeps every step duration within what Node timers hold', () => {
    assert.ok(MAX_DURATION_MS <= MAX_TIMER_MS);
    assert.equal(MAX_TIMER_MS, 2147483647);
  });
});

describe('the SUT command preflight', () => {
  const script = path.join(scratch, 'svc.sh');
  fs.writeFileSync(script, '#!/bin/sh\n');
  fs.chmodSync(script, 0o755);
  fs.writeFileSync(path.join(scratch, 'plain.txt'), '');

  it("accepts a program on PATH, or an executable file relative to the SUT's cwd, with its script present", () => {
    assert.equal(commandProblem('s', { command: [process.execPath, 'svc.sh'], cwd: scratch }), undefined);
    assert.equal(commandProblem('s', { command: ['./svc.sh', '--flag.js'], cwd: scratch }), undefined);
    assert.equal(commandProblem('s', { command: ['sh', '-c', 'exit 0'], cwd: scratch }, { PATH: '/bin:/usr/bin' }), undefined);
  });

  it('names what is missing', () => {
    assert.match(commandProblem('s', { command: ['./nope.sh'], cwd: scratch })!, /its program \.\/nope\.sh does not exist/);
    assert.match(commandProblem('s', { command: ['./plain.txt'], cwd: scratch })!, /is not an executable file — fix: chmod \+x/);
    assert.match(commandProblem('s', { command: ['sh'], cwd: scratch }, { PATH: '' })!, /"sh" is not on PATH/);
    assert.match(commandProblem('s', { command: [process.execPath, 'gone.js'], cwd: scratch })!, /its script gone\.js does not exist/);
    assert.match(commandProblem('s', { command: ['./svc.sh'], cwd: path.join(scratch, 'nowhere') })!, /its cwd .* is not a directory/);
    assert.match(commandProblem('s', { image: 'x:1' })!, /has no "command", which the process runtime needs/);
  });
});

describe('why no scenario is selected', () => {
  const facts = (over: Partial<SelectionFacts>): SelectionFacts => ({
    cwd: scratch,
    givenPaths: [],
    paths: ['features/**/*.feature'],
    tagExpression: '',
    tagsGiven: false,
    names: [],
    featureFiles: 1,
    scenariosFound: 2,
    scenariosSelected: 0,
    ...over,
  });

  it('says which cause, in one line with its fix', () => {
    assert.match(selectionProblem(facts({ featureFiles: 0 }))!, /there is no features\/ directory/);
    assert.match(
      selectionProblem(facts({ givenPaths: ['missing.feature:3'], scenariosSelected: 1 }))!,
      /the feature path missing\.feature does not exist/,
    );
    assert.match(
      selectionProblem(facts({ tagExpression: '(@x)', tagsGiven: true }))!,
      /--tags "@x" matches none of the 2 scenarios in 1 feature file/,
    );
    assert.match(selectionProblem(facts({ tagExpression: 'not @slow' }))!, /the configured tag expression "not @slow" matches none/);
    assert.match(selectionProblem(facts({ scenariosFound: 0 }))!, /hold no scenario/);
    fs.mkdirSync(path.join(scratch, 'features'), { recursive: true });
    fs.writeFileSync(path.join(scratch, 'features', 'a.feature'), '');
    assert.match(selectionProblem(facts({ givenPaths: ['features/a.feature:9'] }))!, /the line features\/a\.feature:9 matches none/);
    assert.match(selectionProblem(facts({ featureFiles: 0 }))!, /no feature file found at features\/\*\*\/\*\.feature/);
    for (const text of [selectionProblem(facts({ tagExpression: 'a', names: ['b'] }))!])
      assert.ok(!text.includes('\n') && /match none/.test(text), text);
  });

  it('is silent when a scenario is selected', () => {
    assert.equal(selectionProblem(facts({ scenariosSelected: 1 })), undefined);
  });
});
