// Property-based: random correct at-least-once histories — messages over a few partitions,
// delivered in offset order with 2xx (after some failed attempts), commits only after delivery,
// restarts that rewind to the last commit and redeliver — always pass; and each single injected
// anomaly is found by the check that owns it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DeliveryRecord } from '../../src/evidence/ledger-records.js';
import { verify, type Ledgers } from '../../src/verify/index.js';
import { isSuccess } from '../../src/verify/types.js';
import { answered, checkOf, commit, dropped, event, finalOffsets, ledgers, logged, produced, OPTIONS } from '../support/verify-fixtures.js';

interface Action {
  kind: 'deliver' | 'commit' | 'restart';
  partition: number;
  failures: number;
  dropFailures: boolean;
}

const arbAction: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom<Action['kind']>('deliver', 'deliver', 'deliver', 'deliver', 'commit', 'restart'),
  partition: fc.nat({ max: 2 }),
  failures: fc.nat({ max: 2 }),
  dropFailures: fc.boolean(),
});

const arbScenario: fc.Arbitrary<Scenario> = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
  actions: fc.array(arbAction, { maxLength: 60 }),
  pick: fc.nat(),
  pick2: fc.nat(),
});
type Scenario = { sizes: number[]; actions: Action[]; pick: number; pick2: number };

const id = (p: number, offset: number) => `p${p}-${offset}`;

/** Simulates a correct at-least-once consumer; every message ends delivered and committed. */
function simulate({ sizes, actions }: Scenario): Ledgers {
  const history = ledgers({});
  sizes.forEach((size, p) => {
    for (let offset = 0; offset < size; offset++) {
      history.produced.push(produced(id(p, offset), p, offset, 0));
      history.log.push(logged(id(p, offset), p, offset));
    }
  });
  let nowMs = 1;
  const position = sizes.map(() => 0);
  const committed = sizes.map(() => 0);
  const deliver = (p: number, failures: number, dropFailures: boolean) => {
    const message = id(p, position[p]!);
    for (let k = 0; k < failures; k++)
      history.delivered.push(dropFailures ? dropped(message, nowMs++) : answered(message, nowMs++, 503, nowMs++));
    history.delivered.push(answered(message, nowMs, 200, nowMs + 1));
    nowMs += 2;
    position[p]!++;
  };
  const commitPosition = (p: number) => {
    history.commits.push(commit(p, position[p]!, nowMs++));
    committed[p] = position[p]!;
  };
  for (const action of actions) {
    const p = action.partition % sizes.length;
    if (action.kind === 'deliver' && position[p]! < sizes[p]!) deliver(p, action.failures, action.dropFailures);
    else if (action.kind === 'commit') commitPosition(p);
    else if (action.kind === 'restart') {
      history.events.push(event('sut-kill', nowMs++));
      position.forEach((_, q) => (position[q] = committed[q]!));
      history.events.push(event('sut-start', nowMs++));
    }
  }
  sizes.forEach((size, p) => {
    while (position[p]! < size) deliver(p, 0, false);
    commitPosition(p);
    commitPosition(p); // a periodic commit of the same offset
  });
  history.offsets = finalOffsets(Object.fromEntries(sizes.map((s, p) => [p, s])), Object.fromEntries(sizes.map((s, p) => [p, s])));
  return history;
}

const firstOk = (history: Ledgers, messageId: string): DeliveryRecord =>
  history.delivered.filter((d) => d.id === messageId && isSuccess(d)).sort((a, b) => a.receivedAt - b.receivedAt)[0]!;

const RUNS = { numRuns: 100 };

describe('random correct at-least-once histories', () => {
  it('pass every judged check, with every duplicate explained by a rewind', () => {
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const verdict = verify(simulate(scenario), OPTIONS);
        assert.deepEqual(
          verdict.checks.filter((c) => c.judged && c.valid !== true).map((c) => `${c.name}: ${c.explanation}`),
          [],
        );
        assert.equal(checkOf(verdict, 'duplicates').judged, false, 'without a bound duplicates are not judged');
        assert.equal(verdict.valid, true);
        assert.equal(checkOf(verdict, 'lost').figures.lost, 0);
        assert.equal(checkOf(verdict, 'unsafe-commit').figures.unsafeCommits, 0);
        assert.equal(checkOf(verdict, 'unsafe-commit').figures.messagesExposed, 0);
        assert.equal(checkOf(verdict, 'commit-regression').figures.regressions, 0);
        assert.equal(checkOf(verdict, 'phantom-corrupt').figures.phantomIds, 0);
        const duplicates = checkOf(verdict, 'duplicates').figures;
        assert.equal(duplicates.unexplained, 0);
        assert.equal(duplicates.rewind, duplicates.duplicateDeliveries);
      }),
      RUNS,
    );
  });
});

describe('one injected anomaly is found by its check', () => {
  const found = (mutate: (history: Ledgers, scenario: Scenario) => void, assertFound: (history: Ledgers) => void) => () =>
    fc.assert(
      fc.property(arbScenario, (scenario) => {
        const history = simulate(scenario);
        mutate(history, scenario);
        assertFound(history);
      }),
      RUNS,
    );
  const pickMessage = (history: Ledgers, pick: number) => history.log[pick % history.log.length]!;

  it(
    'a dropped delivery: lost',
    found(
      (history, { pick }) => {
        const victim = pickMessage(history, pick).id;
        history.delivered = history.delivered.filter((d) => d.id !== victim || !isSuccess(d));
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'lost');
        assert.equal(result.valid, false);
        assert.equal(result.figures.lost, 1);
        assert.equal(result.examples.length, 1);
      },
    ),
  );

  it(
    'an early commit: unsafe-commit',
    found(
      (history, { pick }) => {
        const { partition } = pickMessage(history, pick);
        const first = firstOk(history, id(partition, 0));
        history.commits.push(commit(partition, 1, first.answeredAt! - 0.5));
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'unsafe-commit');
        assert.equal(result.valid, false);
        assert.equal(result.figures.unsafeCommits, 1);
        assert.equal(result.figures.messagesExposed, 1);
        assert.match(result.examples[0]!, /^p\d commit 1 at .* while offset 0 undelivered$/);
      },
    ),
  );

  it(
    'a lowered commit: commit-regression',
    found(
      (history, { pick }) => {
        const { partition } = pickMessage(history, pick);
        const last = history.commits.findLastIndex((c) => c.partition === partition);
        history.commits[last] = { ...history.commits[last]!, offset: history.commits[last]!.offset - 1 };
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'commit-regression');
        assert.equal(result.valid, false);
        assert.equal(result.figures.regressions, 1);
      },
    ),
  );

  it(
    'two deliveries swapped in time within a partition: order',
    found(
      (history, { pick, pick2 }) => {
        const candidates = history.log.filter((r) => history.log.some((s) => s.partition === r.partition && s.offset !== r.offset));
        fc.pre(candidates.length > 0);
        const one = candidates[pick % candidates.length]!;
        const others = history.log.filter((r) => r.partition === one.partition && r.offset !== one.offset);
        const other = others[pick2 % others.length]!;
        const a = firstOk(history, one.id!);
        const b = firstOk(history, other.id!);
        [a.receivedAt, b.receivedAt] = [b.receivedAt, a.receivedAt];
        [a.answeredAt, b.answeredAt] = [b.answeredAt, a.answeredAt];
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'order');
        assert.equal(result.valid, false);
        assert.ok(result.figures.outOfOrder! >= 1);
      },
    ),
  );

  it(
    'a delivery with an unknown id: phantom',
    found(
      (history) => {
        history.delivered.push(answered('ghost', 5));
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'phantom-corrupt');
        assert.equal(result.valid, false);
        assert.equal(result.figures.phantomIds, 1);
        assert.equal(result.figures.corruptDeliveries, 0);
        assert.deepEqual(result.examples, ['ghost']);
      },
    ),
  );

  it(
    'a changed checksum: corrupt',
    found(
      (history, { pick }) => {
        const index = pick % history.delivered.length;
        history.delivered[index] = { ...history.delivered[index]!, checksum: 'tampered' };
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'phantom-corrupt');
        assert.equal(result.valid, false);
        assert.equal(result.figures.corruptDeliveries, 1);
        assert.equal(result.figures.phantomIds, 0);
      },
    ),
  );

  it(
    'an acked id removed from the log: broker-side-loss',
    found(
      (history, { pick }) => {
        history.log.splice(pick % history.log.length, 1);
      },
      (history) => {
        const result = checkOf(verify(history, OPTIONS), 'broker-side-loss');
        assert.equal(result.valid, false);
        assert.equal(result.figures.missingFromLog, 1);
        assert.equal(result.examples.length, 1);
      },
    ),
  );
});
