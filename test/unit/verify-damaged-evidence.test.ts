// Damaged evidence never changes what a verdict says, only how sure it is. From real run
// directories (test/fixtures/runs, one real seed-000 run) and from fast-check histories, every
// ledger is deleted, torn (its last line cut short), given garbage mid-file, or emptied; then:
//   - delete / garbage / empty: exactly the checks that need the ledger become unknown, every
//     other check keeps its outcome — so holds never becomes violated nor violated holds;
//   - torn: the rest of the ledger is judged, the torn message excused: a holding verdict stays
//     holding (unknown only when the fragment lost its id, or the ledger holds no messages), and
//     only checks that read the torn ledger can change.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LedgerName, Ledgers } from '../../src/evidence/ledger-records.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { CHECKS, type Verdict } from '../../src/verify/index.js';
import { DAMAGES, LEDGERS, copyDir, damage, judgeDir, writeRunDir, type Damage } from '../support/run-dir-damage.js';
import { GROUP, TOPIC, answered, commit, event, fault, finalOffsets, ledgers, logged, produced } from '../support/verify-fixtures.js';

const FIXTURES = path.join(packageRoot, 'test', 'fixtures', 'runs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-damage-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const needs = (check: string): readonly LedgerName[] => CHECKS.find((c) => c.name === check)?.needs ?? [];
const outcomes = (verdict: Verdict) => new Map(verdict.checks.map((c) => [c.name, c.valid]));

/** The property, for one damage to one ledger of a directory whose undamaged verdict was `base`. */
function assertDamageRespected(base: Verdict, damaged: Verdict, ledger: LedgerName, kind: Damage, tornIdLost: boolean): void {
  const label = `${kind} ${ledger}: ${base.valid} → ${damaged.valid}`;
  const before = outcomes(base);
  for (const check of damaged.checks) {
    const reads = needs(check.name).includes(ledger);
    if (!reads) assert.equal(check.valid, before.get(check.name), `${label}: ${check.name} does not read ${ledger}, yet changed`);
    else if (kind !== 'torn') assert.equal(check.valid, 'unknown', `${label}: ${check.name} needs ${ledger}: ${check.explanation}`);
  }
  if (kind === 'torn') {
    assert.ok(!(base.valid === true && damaged.valid === false), `${label}: a torn line made a holding verdict violated`);
    const surely = !tornIdLost && ledger !== 'faults' && ledger !== 'offsets';
    if (base.valid === true && surely) assert.equal(damaged.valid, true, `${label}: the torn message is excused, so the rest still holds`);
  } else {
    assert.ok(damaged.valid === base.valid || damaged.valid === 'unknown', `${label}: damage flipped the verdict`);
  }
}

async function damagedVerdict(
  source: string,
  ledger: LedgerName,
  kind: Damage,
  cut: number,
): Promise<{ verdict: Verdict; tornIdLost: boolean } | undefined> {
  const dir = copyDir(source, path.join(scratch, `d-${path.basename(source)}-${ledger}-${kind}`));
  if (!damage(dir, ledger, kind, cut)) return undefined;
  const verdict = await judgeDir(dir);
  return { verdict, tornIdLost: kind === 'torn' && verdict.warnings.some((w) => w.includes('its id is lost with it')) };
}

describe('damaged evidence from a real run directory', () => {
  for (const fixture of ['seed-000-recovers', 'seed-000-recovers-violated', 'seed-000-stops']) {
    it(`${fixture}: every ledger deleted, torn, given garbage or emptied`, async () => {
      const source = path.join(FIXTURES, fixture);
      const base = await judgeDir(copyDir(source, path.join(scratch, `base-${fixture}`)));
      assert.equal(base.valid, fixture === 'seed-000-recovers-violated' ? false : true, `${fixture} as committed`);
      let damaged = 0;
      for (const ledger of LEDGERS) {
        for (const kind of DAMAGES) {
          const result = await damagedVerdict(source, ledger, kind, 0.6);
          if (!result) continue;
          damaged++;
          assertDamageRespected(base, result.verdict, ledger, kind, result.tornIdLost);
        }
      }
      assert.ok(damaged >= 20, `only ${damaged} damages applied`);
    });
  }

  it('seed-000-recovers: deleting any ledger its judged checks need makes the verdict unknown, naming the file', async () => {
    for (const ledger of ['produced', 'log', 'delivered', 'commits', 'offsets', 'faults'] as const) {
      const result = (await damagedVerdict(path.join(FIXTURES, 'seed-000-recovers'), ledger, 'delete', 0))!;
      assert.equal(result.verdict.valid, 'unknown', ledger);
      const undecided = result.verdict.checks.filter((c) => c.judged && c.valid === 'unknown');
      assert.ok(
        undecided.length > 0 &&
          undecided.every((c) => c.explanation.includes(`${ledger === 'offsets' ? 'offsets.json' : `${ledger}.jsonl`} is missing`)),
        ledger,
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Histories: messages on up to 3 partitions, each delivered (a 503 first, sometimes; a second 2xx,
// sometimes) and then committed; a target outage before the first delivery; optionally one
// anomaly, and a duplicates bound.

type Anomaly = 'none' | 'lost' | 'unsafe' | 'phantom';

interface History {
  sizes: number[];
  retried: boolean[];
  redelivered: boolean[];
  bound: number | null;
  anomaly: Anomaly;
  asserted: 'absent' | 'all' | 'lost-only';
}

const arbHistory: fc.Arbitrary<History> = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
  retried: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  redelivered: fc.array(fc.constantFrom(false, false, false, true), { minLength: 12, maxLength: 12 }),
  bound: fc.option(fc.nat({ max: 2 })),
  anomaly: fc.constantFrom<Anomaly>('none', 'none', 'lost', 'unsafe', 'phantom'),
  asserted: fc.constantFrom<History['asserted']>('absent', 'all', 'lost-only'),
});

function build({ sizes, retried, redelivered, anomaly }: History): Ledgers {
  const history = ledgers({ faults: [fault('target-down', 50, 90)], events: [event('sut-start', 0)] });
  let nowMs = 100;
  let n = 0;
  sizes.forEach((size, p) => {
    for (let offset = 0; offset < size; offset++) {
      const id = `p${p}-${offset}`;
      history.produced.push(produced(id, p, offset, offset));
      history.log.push(logged(id, p, offset));
      if (retried[n++ % retried.length]) history.delivered.push(answered(id, nowMs++, 503));
      const lose = anomaly === 'lost' && p === 0 && offset === size - 1;
      history.delivered.push(answered(id, nowMs, lose ? 500 : 200));
      nowMs += 10;
      if (!lose && redelivered[n % redelivered.length]) history.delivered.push(answered(id, nowMs++));
      if (!lose) history.commits.push(commit(p, offset + 1, nowMs++));
    }
  });
  if (anomaly === 'unsafe') history.commits.unshift(commit(0, sizes[0]!, 95));
  if (anomaly === 'phantom') history.delivered.push(answered('never-produced', nowMs++));
  const ends = Object.fromEntries(sizes.map((s, p) => [p, s]));
  history.offsets = finalOffsets(anomaly === 'lost' ? { ...ends, 0: sizes[0]! - 1 } : ends, ends);
  return history;
}

describe('damaged evidence from fast-check histories', () => {
  it('never flips a verdict: only the checks that need the damaged ledger become unknown (a torn line: excused)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        arbHistory,
        fc.constantFrom(...LEDGERS),
        fc.constantFrom(...DAMAGES),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        async (history, ledger, kind, cut) => {
          const dir = path.join(scratch, `h${runs++}`);
          const assertedChecks =
            history.asserted === 'absent'
              ? undefined
              : history.asserted === 'all'
                ? CHECKS.filter((c) => !c.onlyWhenAsserted).map((c) => c.name)
                : ['lost'];
          const bound = history.bound === null ? {} : { maxDuplicates: history.bound };
          await writeRunDir(dir, build(history), {
            group: GROUP,
            topics: [TOPIC],
            drainEndedAt: null,
            ...bound,
            ...(assertedChecks ? { assertedChecks } : {}),
          });
          const base = await judgeDir(dir);
          const duplicated = history.bound !== null && base.checks.find((c) => c.name === 'duplicates')!.valid === false;
          if (history.anomaly === 'none' && !duplicated) assert.equal(base.valid, true, 'an undamaged correct history holds');
          if (history.anomaly === 'lost') assert.equal(base.valid, false, 'an undamaged lossy history is violated');
          const result = await damagedVerdict(dir, ledger, kind, cut);
          if (result) assertDamageRespected(base, result.verdict, ledger, kind, result.tornIdLost);
          fs.rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 150 },
    );
  });
});
