// The self-test's table: which scenarios each broken forwarder mode runs, and the check each must
// fail with — the category its failure message starts with. The correct forwarder runs every
// scenario named here and must pass them all. Only the scenarios a mode needs are run, to keep
// the whole self-test within minutes. sut/forwarder/README.md describes each mode's bug.

import { CATEGORIES } from '../scenario/failure-category.js';
import type { SelftestPlan } from './detection-matrix.js';
import type { ScenarioRef } from '../scenario/scenario-outcome.js';

const SCENARIOS = {
  seedStop: {
    id: 'seed-stop',
    feature: 'features/seed-000-http-outage.feature',
    name: 'An unreachable HTTP server stops the pipeline without a commit',
  },
  seedRecover: {
    id: 'seed-recover',
    feature: 'features/seed-000-http-outage.feature',
    name: 'Restarting the server and the pipeline recovers the failed and the queued message',
  },
  retryOutage: {
    id: 'retry-outage',
    feature: 'features/target-outage-retry.feature',
    name: 'A 10-second outage under steady traffic loses nothing',
  },
  zombie: {
    id: 'zombie',
    feature: 'features/group-zombie.feature',
    name: 'An instance frozen for 15 seconds under a slow sink is evicted, its partitions move, and it wakes up',
  },
  partitionsAdded: {
    id: 'partitions-added',
    feature: 'features/partitions-added.feature',
    name: 'The topic grows from 2 to 4 partitions under traffic and the new ones are read from their start',
  },
  javaStop: {
    id: 'java-stop',
    feature: 'features/java-consumer-commit.feature',
    name: 'An unreachable HTTP server stops the Java consumer without a commit',
  },
  javaRecover: {
    id: 'java-recover',
    feature: 'features/java-consumer-commit.feature',
    name: 'Restarted after the outage, the Java consumer delivers the message that stopped it',
  },
} satisfies Record<string, ScenarioRef>;

export const SELFTEST_PLAN: SelftestPlan = {
  scenarios: Object.values(SCENARIOS),
  broken: [
    {
      mode: 'auto-commit',
      bug: 'hands delivery to an in-memory queue while kafkajs auto-commits what was fetched',
      expectations: [
        // The fetched message is committed before its failed POST stops the pipeline…
        { scenario: SCENARIOS.seedStop.id, expect: CATEGORIES.unsafeCommit },
        // …so the restarted pipeline starts after it: it never arrives.
        { scenario: SCENARIOS.seedRecover.id, expect: CATEGORIES.loss },
      ],
    },
    {
      mode: 'commit-before-send',
      bug: 'commits each offset before posting its record',
      expectations: [
        { scenario: SCENARIOS.seedStop.id, expect: CATEGORIES.unsafeCommit },
        { scenario: SCENARIOS.seedRecover.id, expect: CATEGORIES.loss },
      ],
    },
    {
      mode: 'ignore-errors',
      bug: 'logs a failed POST, skips the record and commits it',
      // Everything sent during the 10 s outage is skipped: the final drain never sees it.
      expectations: [{ scenario: SCENARIOS.retryOutage.id, expect: CATEGORIES.loss }],
    },
    {
      mode: 'skip-after-retries',
      bug: 'retries a few times with backoff, then skips and commits',
      // Three attempts last well under a second; the outage lasts ten.
      expectations: [{ scenario: SCENARIOS.retryOutage.id, expect: CATEGORIES.loss }],
    },
    {
      mode: 'unordered-parallel',
      bug: 'posts the records of a batch concurrently',
      // Nothing lost, nothing committed early: the first claim to fail is the order of the backlog.
      expectations: [{ scenario: SCENARIOS.retryOutage.id, expect: CATEGORIES.order }],
    },
    {
      mode: 'double-send',
      bug: 'posts every record twice',
      // Every claim before it holds (order counts first deliveries); 100% duplicates exceed 1%.
      expectations: [{ scenario: SCENARIOS.retryOutage.id, expect: CATEGORIES.duplicates }],
    },
    {
      mode: 'stale-batch',
      bug: 'delivers the rest of a fetched batch after the group gave its partition away (a zombie)',
      // Lost, unsafe commit: neither (the zombie's commit fails for its old generation). Its
      // deliveries after the partition moved follow no rewind: duplicates-explained fails.
      expectations: [{ scenario: SCENARIOS.zombie.id, expect: CATEGORIES.duplicates }],
    },
    {
      mode: 'ignore-commit-failure',
      bug: 'ignores a commit that failed because the group moved on, and goes on with the batch',
      // As the zombie's, its commits after the partition moved fail: nothing lost, nothing
      // unsafe; its deliveries meanwhile follow no rewind: duplicates-explained fails.
      expectations: [{ scenario: SCENARIOS.zombie.id, expect: CATEGORIES.duplicates }],
    },
    {
      mode: 'offset-reset-latest',
      bug: 'starts a partition without a committed offset at its end (auto.offset.reset=latest)',
      // The added partitions' first messages, produced before the rebalance assigned them, are skipped.
      expectations: [{ scenario: SCENARIOS.partitionsAdded.id, expect: CATEGORIES.loss }],
    },
    {
      mode: 'java-auto-commit',
      bug: 'the Java forwarder with enable.auto.commit=true: close() commits the position poll() handed out',
      sut: { name: 'java-forwarder', env: { FORWARDER_COMMIT: 'auto' } },
      expectations: [
        // Stopping on the refused record closes the consumer, which commits past it…
        { scenario: SCENARIOS.javaStop.id, expect: CATEGORIES.unsafeCommit },
        // …so the restarted consumer starts after it: it never arrives.
        { scenario: SCENARIOS.javaRecover.id, expect: CATEGORIES.loss },
      ],
    },
  ],
};
