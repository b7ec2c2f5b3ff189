// The commit log on a real cluster: every explicit commit of a group, read back from
// __consumer_offsets in order with the broker's commit timestamps, and no other group's.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import type { AdminClient } from '../../src/environment/kafka-client-seam.js';
import { createTopic } from '../../src/environment/kafka-clients.js';
import type { StartedEnvironment } from '../../src/environment/runtime.js';
import { readJsonl } from '../../src/evidence/jsonl-reader.js';
import { LEDGER_FILES, type CommitRecord } from '../../src/evidence/ledger-records.js';
import { readCommits, writeWholeLedger } from '../../src/traffic/commit-log.js';
import { waitFor } from '../../src/util/wait-for.js';
import { kafkajsOf } from '../support/kafkajs-client.js';
import { environmentForSuite } from '../support/test-environment.js';

/** Joins `groupId` on `topic` with autoCommit off and makes each commit, timing it by the wall clock. */
async function commitEach(
  kafka: Kafka,
  groupId: string,
  topic: string,
  offsets: readonly number[],
): Promise<Array<{ offset: number; before: number; after: number }>> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
  const made: Array<{ offset: number; before: number; after: number }> = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await waitFor(() => joined, { what: `group ${groupId} to join`, timeoutMs: 30_000 });
    for (const offset of offsets) {
      const before = Date.now();
      await consumer.commitOffsets([{ topic, partition: 0, offset: String(offset) }]);
      const after = Date.now();
      made.push({ offset, before, after });
      await sleep(50);
    }
  } finally {
    await consumer.disconnect();
  }
  return made;
}

for (const version of ['3.9.1', '4.4.0']) {
  describe(`commit log on Kafka ${version}`, () => {
    const label = `commitlog-${version.replace(/\./g, '')}`;
    const suite = environmentForSuite(label, (environment) => environment.withKafkaVersion(version));
    const track = suite.track;
    let env: StartedEnvironment;
    let admin: AdminClient;
    before(() => ({ env, admin } = suite));

    it(
      "returns exactly the group's commits in order, stamped between the wall-clock bounds",
      track(async () => {
        const topic = 'commit-log';
        const groupId = 'commit-log-group';
        await createTopic(admin, { topic, partitions: 1 });
        const producer = kafkajsOf(env, 'commit-log-producer').producer();
        await producer.connect();
        await producer.send({ topic, messages: Array.from({ length: 12 }, (_, i) => ({ partition: 0, value: `m${i}` })) });
        await producer.disconnect();

        const made = await commitEach(kafkajsOf(env, 'commit-log-consumer'), groupId, topic, [1, 5, 10]);
        await commitEach(kafkajsOf(env, 'commit-log-other'), 'commit-log-other-group', topic, [3]);

        const log = await readCommits(env.kafka('commit-log-reader'), { groupId, timeoutMs: 30_000 });
        assert.deepEqual(log.malformed, []);
        assert.ok(log.skipped > 0, "the other group's records were skipped");
        // The group's own history, as the broker stored it: a generation with the one member
        // holding the partition, then (the member left) an empty one.
        assert.ok(log.group.length >= 2 && log.group.every((g) => g.group === groupId), JSON.stringify(log.group));
        const generations = log.group.filter((g) => g.kind === 'classic-generation');
        const held = generations.find((g) => g.members.length === 1)!;
        assert.equal(held.protocolType, 'consumer');
        assert.deepEqual(held.members[0]!.assignment, [{ topic, partitions: [0] }]);
        assert.ok(held.at >= made[0]!.before - 30_000 && held.at <= made[0]!.after, 'stored before the first commit');
        assert.equal(generations.at(-1)!.members.length, 0, 'emptied when the consumer left');
        assert.ok(generations.at(-1)!.generation > held.generation);
        assert.deepEqual(
          log.commits.map(({ commitTimestamp: _t, ...rest }) => rest),
          made.map(({ offset }) => ({
            group: groupId,
            topic,
            partition: 0,
            offset,
            leaderEpoch: null,
            metadata: '',
            expireTimestamp: null,
          })),
        );
        log.commits.forEach((commit, i) => {
          const { before, after } = made[i]!;
          assert.ok(
            commit.commitTimestamp >= before && commit.commitTimestamp <= after,
            `commit of offset ${commit.offset} stamped ${commit.commitTimestamp}, outside ${before}..${after}`,
          );
        });

        const other = await readCommits(env.kafka('commit-log-reader-2'), { groupId: 'commit-log-other-group' });
        assert.deepEqual(
          other.commits.map((c) => [c.group, c.offset]),
          [['commit-log-other-group', 3]],
        );
        const filtered = await readCommits(env.kafka('commit-log-reader-3'), { groupId, topics: ['no-such-topic'] });
        assert.deepEqual(filtered.commits, []);

        const ledger = env.run.file(LEDGER_FILES.commits);
        writeWholeLedger(log.commits, ledger);
        assert.deepEqual((await readJsonl<CommitRecord>(ledger)).records, log.commits);
      }),
    );
  });
}
