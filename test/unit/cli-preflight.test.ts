// `kafka-chaos chaos` in a scratch project of its own: every case the preflight must catch exits 2
// with one line naming feature:line (or the file), the cause and the fix — before anything starts
// (no run directory appears) — and a good project passes --dry-run with 0. No cluster is needed:
// the preflight is all that runs (the scratch project's Kafka cache is empty, see cli-project.ts).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CliProject, GOOD_SCENARIO, type CliRun } from '../support/cli-project.js';

const projects: CliProject[] = [];
after(() => projects.forEach((p) => p.remove()));

function project(): CliProject {
  const p = new CliProject();
  projects.push(p);
  return p;
}

/** Exit 2, nothing started, and the expected cause on a line of its own. */
function assertRefused(p: CliProject, run: CliRun, cause: RegExp): void {
  assert.equal(run.code, 2, `exit code\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stderr, cause);
  assert.deepEqual(p.runs(), [], 'no run directory: nothing was started');
}

/** GOOD_SCENARIO with one line replaced (by its text) or added before the When. */
function scenarioWith(replace: string | undefined, ...lines: string[]): string[] {
  const base = GOOD_SCENARIO.filter((l) => replace === undefined || !l.includes(replace));
  const when = base.findIndex((l) => l.trim().startsWith('When'));
  return [...base.slice(0, when), ...lines.map((l) => `    And ${l}`), ...base.slice(when)];
}

describe('kafka-chaos chaos: what is selected', () => {
  it('a good project passes --dry-run with 0 and starts nothing', () => {
    const p = project();
    p.feature('good.feature', GOOD_SCENARIO);
    const run = p.run(['chaos', '--dry-run']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.deepEqual(p.runs(), []);
  });

  it('a feature path that does not exist → 2, naming it', () => {
    const p = project();
    p.feature('good.feature', GOOD_SCENARIO);
    assertRefused(
      p,
      p.run(['chaos', 'features/nope.feature']),
      /^kafka-chaos: the feature path features\/nope\.feature does not exist .* — fix: correct the path/m,
    );
  });

  it('no features/ directory → 2', () => {
    const p = project();
    assertRefused(
      p,
      p.run(['chaos']),
      /^kafka-chaos: no scenario selected: there is no features\/ directory in .* — fix: put your \.feature files in features\//m,
    );
  });

  it('--tags matching nothing → 2, naming the tags and how many scenarios there were', () => {
    const p = project();
    p.feature('good.feature', GOOD_SCENARIO);
    assertRefused(
      p,
      p.run(['chaos', '--tags', '@nothing']),
      /no scenario selected: --tags "@nothing" matches none of the 1 scenarios in 1 feature file — fix/,
    );
  });

  it('an unknown flag → 2 with one line (cucumber alone would exit 1: a reliability failure)', () => {
    const p = project();
    p.feature('good.feature', GOOD_SCENARIO);
    const run = p.run(['chaos', '--bogus-flag']);
    assertRefused(p, run, /^kafka-chaos: chaos: unknown option --bogus-flag — fix: see `kafka-chaos chaos --help`/);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  });
});

describe('kafka-chaos chaos: the config, also for --dry-run', () => {
  it('malformed JSON → 2', () => {
    const p = project();
    p.feature('good.feature', GOOD_SCENARIO);
    p.config('{ "sut": ');
    assertRefused(p, p.run(['chaos', '--dry-run']), /kafka-chaos\.config\.json is not valid JSON/);
  });

  it("startupGraceMs 1e12 (it would overflow Node's timer into 1 ms) → 2", () => {
    const p = project();
    p.feature('good.feature', GOOD_SCENARIO);
    p.config('{ "sut": { "forwarder": { "startupGraceMs": 1e12 } } }');
    assertRefused(
      p,
      p.run(['chaos', '--dry-run']),
      /sut\.forwarder\.startupGraceMs must be a whole number of milliseconds from 0 to 2147483647, not 1000000000000/,
    );
  });
});

describe('kafka-chaos chaos: scenarios that could only fail after a cluster booted', () => {
  it('a replication factor above the broker count → 2 at its feature:line', () => {
    const p = project();
    p.feature('rf.feature', scenarioWith(undefined, 'a topic "audit" with 1 partition and replication factor 5'));
    assertRefused(
      p,
      p.run(['chaos']),
      /features\/rf\.feature:8 {2}cannot run .*: replication factor 5 needs 5 brokers; the scenario's cluster has 3 brokers — fix/,
    );
  });

  it("the config's broker count is the cluster of a scenario that declares none", () => {
    const p = project();
    p.config({ kafka: { brokers: 2 } });
    p.feature('rf.feature', scenarioWith('a Kafka cluster', 'a topic "audit" with 1 partition and replication factor 3'));
    assertRefused(
      p,
      p.run(['chaos', '--dry-run']),
      /rf\.feature:7 {2}cannot run .*replication factor 3 needs 3 brokers; the scenario's cluster has 2 brokers/,
    );
  });

  it('broker 9 on 3 brokers → 2', () => {
    const p = project();
    p.feature('b9.feature', scenarioWith(undefined, 'broker 9 is isolated for 5 seconds'));
    assertRefused(
      p,
      p.run(['chaos', '--dry-run']),
      /b9\.feature:8 {2}cannot run "broker 9 is isolated for 5 seconds": there is no broker 9: the scenario's cluster has 3 brokers — fix: name broker 1 to broker 3/,
    );
  });

  it('a topic name Kafka refuses → 2', () => {
    const p = project();
    p.feature('name.feature', scenarioWith(undefined, 'a topic "bad/name" with 1 partition'));
    assertRefused(p, p.run(['chaos', '--dry-run']), /name\.feature:8 {2}cannot run .*the topic name "bad\/name" is not usable — fix/);
  });
});

describe('kafka-chaos chaos: the SUT the user meant', () => {
  it('a SUT command that does not exist → 2 before any cluster (no run directory)', () => {
    const p = project();
    p.config({ sut: { mine: { command: ['./no-such-service.sh'] } } });
    p.feature('good.feature', GOOD_SCENARIO);
    // Not a dry run: a real run must refuse as early.
    assertRefused(
      p,
      p.run(['chaos']),
      /good\.feature:7 {2}cannot run .*process runtime: SUT "mine": its program \.\/no-such-service\.sh does not exist .* — fix/,
    );
  });

  it('a program not on PATH → 2', () => {
    const p = project();
    p.config({ sut: { mine: { command: ['no-such-program-kafka-chaos'] } } });
    p.feature('good.feature', GOOD_SCENARIO);
    assertRefused(p, p.run(['chaos', '--dry-run']), /SUT "mine": its program "no-such-program-kafka-chaos" is not on PATH/);
  });

  it('two user SUTs and no --sut → 2 before anything starts; --sut naming one is accepted', () => {
    const p = project();
    fs.writeFileSync(path.join(p.dir, 'service.js'), '');
    p.config({ sut: { alpha: { command: [process.execPath, 'service.js'] }, beta: { command: [process.execPath, 'service.js'] } } });
    p.feature('good.feature', GOOD_SCENARIO);
    assertRefused(
      p,
      p.run(['chaos']),
      /good\.feature:7 {2}cannot run .*"the system under test" is ambiguous: kafka-chaos\.config\.json declares 2 systems under test \(alpha, beta\) — fix: pass --sut alpha/,
    );
    const chosen = p.run(['chaos', '--dry-run', '--sut', 'beta']);
    assert.equal(chosen.code, 0, `${chosen.stdout}\n${chosen.stderr}`);
    assert.deepEqual(p.runs(), []);
  });

  it('a step naming its SUT needs no --sut, and an unknown name → 2', () => {
    const p = project();
    fs.writeFileSync(path.join(p.dir, 'service.js'), '');
    p.config({ sut: { alpha: { command: [process.execPath, 'service.js'] }, beta: { command: [process.execPath, 'service.js'] } } });
    const named = GOOD_SCENARIO.map((l) => l.replace('the system under test consumes', 'the system under test "alpha" consumes'));
    p.feature('named.feature', named);
    assert.equal(p.run(['chaos', '--dry-run']).code, 0);
    p.feature(
      'named.feature',
      named.map((l) => l.replace('"alpha"', '"gamma"')),
    );
    assertRefused(
      p,
      p.run(['chaos', '--dry-run']),
      /named\.feature:7 {2}cannot run .*there is no SUT "gamma" in kafka-chaos\.config\.json — fix: use one of: forwarder, go-forwarder, java-forwarder, python-forwarder, alpha, beta/,
    );
  });

  it('one user SUT is the default (its missing script is found at the step that starts it)', () => {
    const p = project();
    p.config({ sut: { mine: { command: [process.execPath, 'missing-service.js'] } } });
    p.feature('good.feature', GOOD_SCENARIO);
    assertRefused(
      p,
      p.run(['chaos', '--dry-run']),
      /good\.feature:7 {2}cannot run .*SUT "mine": its script missing-service\.js does not exist/,
    );
  });
});
