// Burrow's consumer lag evaluation rules, one test per rule and status, on hand-built windows and
// ledgers: the status a partition gets and how the group's follows from its partitions.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProducedRecord } from '../../src/evidence/ledger-records.js';
import { groupStatus, LagEvaluator, partitionStatus, type WindowCommit } from '../../src/verify/lag-status.js';
import { commit, GROUP, TOPIC } from '../support/verify-fixtures.js';

/** Commits one second apart from t = 1000: [offset, lag] pairs. */
const window = (...commits: [number, number][]): WindowCommit[] =>
  commits.map(([offset, lag], i) => ({ offset, lag, atMs: 1000 * (i + 1) }));

describe('Burrow rules for a partition', () => {
  it('rule 1: OK when the current lag is 0, or when the lag was 0 at any commit of the window', () => {
    assert.equal(partitionStatus(window([5, 3], [5, 3], [5, 3]), 0, 3000), 'OK');
    assert.equal(partitionStatus(window([5, 3], [8, 0], [8, 4]), 4, 3000), 'OK');
  });
  it('an empty window is OK (Burrow: incomplete, nothing to judge)', () => {
    assert.equal(partitionStatus([], 50, 3000), 'OK');
  });
  it('rule 2: REWIND when a commit is below the one before it', () => {
    assert.equal(partitionStatus(window([10, 5], [12, 6], [7, 12]), 12, 3000), 'REWIND');
  });
  it('rule 3: STOP when no commit came for longer than the window spans', () => {
    // The window spans 2 s (1000 → 3000); at 5500 the last commit is 2.5 s old.
    assert.equal(partitionStatus(window([10, 5], [12, 4], [14, 3]), 3, 5500), 'STOP');
    assert.equal(partitionStatus(window([10, 5], [12, 4], [14, 3]), 3, 4500), 'OK', 'within the span: still judged by the others');
  });
  it('rule 4: STALL when every commit holds the same offset while lag stays', () => {
    assert.equal(partitionStatus(window([10, 5], [10, 6], [10, 8]), 8, 3000), 'STALL');
  });
  it('rule 5: WARN when offsets advance but the lag never goes down', () => {
    assert.equal(partitionStatus(window([10, 5], [12, 5], [14, 7]), 7, 3000), 'WARN');
  });
  it('OK when the offsets advance and the lag goes down somewhere (catching up)', () => {
    assert.equal(partitionStatus(window([10, 5], [12, 7], [16, 4]), 4, 3000), 'OK');
  });
});

describe('the group in Burrow’s terms', () => {
  it('is the worst of its partitions, with STOP, STALL and REWIND as ERR', () => {
    assert.equal(groupStatus(['OK', 'OK']), 'OK');
    assert.equal(groupStatus(['OK', 'WARN']), 'WARN');
    for (const error of ['STOP', 'STALL', 'REWIND'] as const) assert.equal(groupStatus(['WARN', error, 'OK']), 'ERR', error);
  });

  it('from a run’s ledgers: lag at each commit from the acks, STOP during a halt, OK once caught up', () => {
    const acked = (offset: number, atMs: number): ProducedRecord => ({
      id: `m${offset}`,
      topic: TOPIC,
      key: null,
      checksum: '',
      sentAt: atMs,
      endedAt: atMs,
      outcome: 'ok',
      partition: 0,
      offset,
    });
    // Two messages a second on partition 0, a commit a second that moves by one: the lag grows
    // (WARN). Then no commit (the target is down) until 12 s, when the consumer catches up at once.
    const produced = Array.from({ length: 25 }, (_, i) => acked(i, 500 * i));
    const commits = [...Array.from({ length: 5 }, (_, i) => commit(0, i + 1, 1000 * i + 600)), commit(0, 25, 12_100)];
    const lag = new LagEvaluator(commits, produced, GROUP, TOPIC);
    assert.deepEqual(lag.partitionAt(0, 4700), { status: 'WARN', lag: 5, commits: 5 });
    assert.equal(lag.partitionAt(0, 11_000).status, 'STOP', 'lag and no commit for 6.4 s, longer than the 4 s window');
    assert.equal(lag.groupAt(11_000).status, 'ERR');
    assert.equal(lag.partitionAt(0, 12_500).status, 'OK', 'caught up: lag 0 at the last commit');
    assert.equal(lag.partitionAt(0, 20_000).status, 'OK', 'a window with a zero lag stays OK (rule 1)');
    assert.equal(lag.logEnd(0, 11_000), 23);
  });
});
