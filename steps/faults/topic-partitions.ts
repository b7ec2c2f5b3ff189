// Partitions added to a topic while it is consumed, as an operator scales a topic out. Consumers
// learn of them only when their metadata next refreshes (metadata.max.age.ms, 5 minutes by
// default in the Java client and kafkajs) and the group rebalances; a new partition has no
// committed offset, so where a consumer starts in it is auto.offset.reset's choice — `latest`
// skips everything produced there before the rebalance. The harness produces to the new
// partitions at once, as a producer with fresh metadata does.

import crypto from 'node:crypto';
import { addPartitions, createTopic, partitionsOf } from '../../src/environment/kafka-clients.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault } from '../../src/scenario/scenario-faults.js';
import { ConfigError } from '../../src/util/errors.js';
import { partitions as partitionCount } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

export const growTopic = defineFault<{ topic: string; partitions: number }>({
  name: 'partitions-added',
  layer: 'broker',
  summary: 'partitions added to a topic (CreatePartitions) while it is consumed: over at once, a rebalance follows',
  subject: ({ topic }) => ({ on: 'topic', topic }),
  async inject({ admin }, { topic, partitions }) {
    // partitionsOf asks again while a broker has not caught up with the topic (a new one, in the example).
    const before = (await partitionsOf(admin, topic)).length;
    if (partitions <= before) {
      throw new ConfigError(`topic ${topic} has ${before} partitions already; Kafka only adds partitions`, {
        fix: `grow it to more than ${before}`,
      });
    }
    await addPartitions(admin, topic, partitions);
    return { details: { from: before } };
  },
  // A topic of its own, so growing it changes nothing another fault or scenario relies on.
  async example({ admin }) {
    const topic = `grow-example-${crypto.randomBytes(3).toString('hex')}`;
    await createTopic(admin, { topic, partitions: 1 });
    return { topic, partitions: 2 };
  },
});

defineStep(
  {
    id: 'topicGrows',
    kind: 'fault',
    pattern: 'the topic {string} grows to {int} partitions',
    example: 'the topic "orders" grows to 6 partitions',
    summary: 'partitions added while consuming; the harness produces to all of them from then on',
    validate: (_topic: string, n: number) => partitionCount(n),
  },
  async function (name: string, count: number) {
    const topic = this.session.names.topic(name);
    await injectFault(this.session, growTopic, { topic: topic.real, partitions: count });
    this.session.traffic.repartition(topic, count);
  },
);
