// The claims steps make from a judged run's figures and group records, without a cluster: a
// scenario session stands in with a hand-built judgement (its verdict, events and group.jsonl).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventRecord, GroupRecord } from '../../src/evidence/ledger-records.js';
import { CATEGORIES, ReliabilityAssertionError } from '../../src/scenario/failure-category.js';
import { assertLagStatusOkAfterHeal, assertRebalancesAtMost, assertUnexplainedAtMost } from '../../src/scenario/scenario-assertions.js';
import type { ScenarioSession } from '../../src/scenario/scenario-session.js';
import type { CheckResult, Ledgers, Validity } from '../../src/verify/index.js';
import { classicGeneration, commit, fault, GROUP, groupMember, ledgers, produced, TOPIC } from '../support/verify-fixtures.js';

function session(judgement: { checks?: CheckResult[]; group?: GroupRecord[]; events?: EventRecord[] } & Partial<Ledgers>): ScenarioSession {
  const judged = {
    verdict: { valid: true, judged: [], checks: judgement.checks ?? [], findings: [], warnings: [] },
    ledgers: { ...ledgers(judgement), group: judgement.group, events: judgement.events ?? [] },
  };
  return { requireSut: () => ({ group: GROUP, topic: { real: TOPIC } }), judgement: async () => judged } as unknown as ScenarioSession;
}

const explained = (valid: Validity, unexplained?: number): CheckResult => ({
  name: 'duplicates-explained',
  valid,
  judged: false,
  figures: unexplained === undefined ? {} : { unexplained },
  examples: [],
  explanation: 'hand-built',
});

async function failure(claim: Promise<void>): Promise<ReliabilityAssertionError> {
  const error = await claim.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ReliabilityAssertionError, `expected a finding, got ${String(error)}`);
  return error;
}

describe('at most N duplicates are unexplained', () => {
  it('holds at the bound and fails above it as duplicates over bound', async () => {
    await assertUnexplainedAtMost(session({ checks: [explained(false, 2)] }), 2);
    const over = await failure(assertUnexplainedAtMost(session({ checks: [explained(false, 3)] }), 2));
    assert.equal(over.category, CATEGORIES.duplicates);
    assert.match(over.message, /3 duplicate deliveries .* at most 2/);
  });
  it('cannot decide when the figure is unknown: never a pass', async () => {
    const unknown = await failure(assertUnexplainedAtMost(session({ checks: [explained('unknown')] }), 5));
    assert.equal(unknown.category, CATEGORIES.undecided);
  });
});

describe('the group rebalances at most N times once it is ready', () => {
  const ready: EventRecord = { at: 100, kind: 'group-ready', subject: GROUP };
  const a = groupMember('instance-1-a', [0]);
  const b = groupMember('instance-2-b', [1]);
  it('counts generations after the group-ready event only', async () => {
    const group = [classicGeneration(50, 1, [a, b]), classicGeneration(300, 2, [b]), classicGeneration(400, 3, [a, b])];
    await assertRebalancesAtMost(session({ group, events: [ready] }), 2);
    const over = await failure(assertRebalancesAtMost(session({ group, events: [ready] }), 1));
    assert.equal(over.category, CATEGORIES.other);
    assert.match(over.message, /rebalanced 2 times after it was ready \(at \+0\.2 s, \+0\.3 s after group-ready\); expected at most 1/);
  });
  it('cannot decide without group.jsonl or a group-ready event', async () => {
    const noGroup = await failure(assertRebalancesAtMost(session({ events: [ready] }), 0));
    assert.equal(noGroup.category, CATEGORIES.undecided);
    const noReady = await failure(assertRebalancesAtMost(session({ group: [classicGeneration(50, 1, [a])] }), 0));
    assert.equal(noReady.category, CATEGORIES.undecided);
  });
});

describe("the group's status is OK within D after the last fault heals (Burrow's rules)", () => {
  // Two messages a second for 12 s; a commit a second moving by one (lag grows) until 4.6 s, then
  // none while the target is down (1 s to 10 s); caught up at catchUpMs.
  const run = (catchUpMs: number | undefined, healedAt: number | null = 10_000) => ({
    produced: Array.from({ length: 25 }, (_, i) => produced(`m${i}`, 0, i, 500 * i)),
    commits: [
      ...Array.from({ length: 5 }, (_, i) => commit(0, i + 1, 1000 * i + 600)),
      ...(catchUpMs === undefined ? [] : [commit(0, 25, catchUpMs)]),
    ],
    faults: [fault('target-down', 1000, healedAt)],
  });
  it('holds when the group is OK within the bound', async () => {
    await assertLagStatusOkAfterHeal(session(run(12_100)), 5000);
  });
  it('fails when it is still not OK at the bound, naming the partitions', async () => {
    const late = await failure(assertLagStatusOkAfterHeal(session({ ...run(40_000) }), 5000));
    assert.equal(late.category, CATEGORIES.other);
    assert.match(late.message, /not OK in Burrow's terms within 5 s after the last fault healed: .*ERR \(p0 STOP\)/);
  });
  it('cannot decide without a healed fault, or when the evidence ends before the bound', async () => {
    const noFault = await failure(assertLagStatusOkAfterHeal(session({ ...run(12_100), faults: [] }), 5000));
    assert.equal(noFault.category, CATEGORIES.undecided);
    const unhealed = await failure(assertLagStatusOkAfterHeal(session(run(12_100, null)), 5000));
    assert.equal(unhealed.category, CATEGORIES.undecided);
    const short = await failure(assertLagStatusOkAfterHeal(session(run(undefined)), 60_000));
    assert.equal(short.category, CATEGORIES.undecided);
    assert.match(short.message, /place this step after a drain/);
  });
});
