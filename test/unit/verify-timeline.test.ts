// timeline.json from hand-built ledgers: per-second acks and first deliveries, committed
// offsets and lag per partition at each second's end, fault windows in seconds.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline } from '../../src/verify/index.js';
import { GROUP, TOPIC, answered, classicGeneration, commit, fault, groupMember, ledgers, produced } from '../support/verify-fixtures.js';

describe('buildTimeline', () => {
  it('charts acks, first 2xx deliveries, commits, lag and faults second by second', () => {
    const t0 = 1_000_000;
    const history = ledgers({
      produced: [produced('a', 0, 0, t0), produced('b', 0, 1, t0 + 100), produced('c', 1, 0, t0 + 1200)],
      delivered: [answered('a', t0 + 50), answered('a', t0 + 2100), answered('b', t0 + 2200), answered('c', t0 + 2300)],
      commits: [commit(0, 1, t0 + 500), commit(0, 2, t0 + 2500), commit(1, 1, t0 + 2600), commit(0, 9, t0 + 2700, 'other-group')],
      faults: [fault('target-down', t0 + 1000, t0 + 2000)],
    });
    const timeline = buildTimeline(history, GROUP);
    assert.equal(timeline.startMs, t0);
    assert.equal(timeline.seconds.length, 3);
    const p0 = `${TOPIC}/0`;
    const p1 = `${TOPIC}/1`;
    assert.deepEqual(
      timeline.seconds.map((s) => [s.t, s.produced, s.delivered, s.committed[p0], s.lag[p0], s.committed[p1], s.lag[p1]]),
      [
        [0, 2, 1, 1, 1, undefined, 0], // nothing acked on p1 yet: no lag
        [1, 1, 0, 1, 1, undefined, 1],
        [2, 0, 2, 2, 0, 1, 0], // a's second 2xx is not a first delivery; other-group's commit is ignored
      ],
    );
    assert.deepEqual(timeline.faults, [{ fault: 'target-down', subject: 'target', fromS: 1, toS: 2 }]);
  });

  it("marks each new generation of the group as the broker stored it, and no other group's", () => {
    const t0 = 1_000_000;
    const generation = (at: number, n: number, members: number, group = GROUP) =>
      classicGeneration(
        at,
        n,
        Array.from({ length: members }, (_, k) => groupMember(`m${k}`)),
        'range',
        group,
      );
    const history = ledgers({
      produced: [produced('a', 0, 0, t0)],
      group: [
        generation(t0 + 500, 1, 1),
        generation(t0 + 900, 1, 1), // the same generation stored again: one mark
        generation(t0 + 1500, 2, 2),
        generation(t0 + 1600, 7, 1, 'other-group'),
        { at: t0 + 2500, group: GROUP, kind: 'consumer-epoch', epoch: 3 },
      ],
    });
    assert.deepEqual(buildTimeline(history, GROUP).generations, [
      { atS: 0.5, label: 'generation 1 (1 member)' },
      { atS: 1.5, label: 'generation 2 (2 members)' },
      { atS: 2.5, label: 'group epoch 3' },
    ]);
  });

  it("spans the seconds in which the group was not OK in Burrow's terms", () => {
    const t0 = 1_000_000;
    // Two messages a second, one commit a second moving by one: the lag grows (WARN) for 5 s;
    // then no commit (STOP, ERR) until the consumer catches up at 12.1 s (OK).
    const history = ledgers({
      produced: Array.from({ length: 25 }, (_, i) => produced(`m${i}`, 0, i, t0 + 500 * i)),
      commits: [...Array.from({ length: 5 }, (_, i) => commit(0, i + 1, t0 + 1000 * i + 600)), commit(0, 25, t0 + 12_100)],
    });
    const spans = buildTimeline(history, GROUP).lagStatus!;
    // The first second is ERR as Burrow has it: a window of one commit that lags counts as stopped.
    assert.deepEqual(
      spans.map((s) => [s.status, s.fromS, s.toS]),
      [
        ['ERR', 0, 1],
        ['WARN', 1, 8],
        ['ERR', 8, 12],
      ],
      'ERR from the 9th second (no commit for longer than the 4 s window) until the catch-up commit in the 13th',
    );
  });

  it('gives an empty run an empty timeline', () => {
    const timeline = buildTimeline(ledgers({}), GROUP);
    assert.equal(timeline.seconds.length, 1);
    assert.deepEqual(timeline.faults, []);
  });
});
