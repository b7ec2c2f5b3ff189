// Traffic steps: messages produced by the harness, in a batch or continuously.

import { produce, startProducing, stopProducing } from '../src/scenario/scenario-production.js';
import { keys } from './support/argument-ranges.js';
import { defineStep } from './support/define-step.js';

defineStep(
  {
    id: 'produce',
    kind: 'traffic',
    pattern: '{count} message(s) is/are produced to {string}',
    example: '500 messages are produced to "orders"',
    summary: 'acks=all, round-robin over partitions; waits for the acks',
  },
  async function (count: number, topic: string) {
    await produce(this.session, topic, count);
  },
);

defineStep(
  {
    id: 'produceMore',
    kind: 'traffic',
    pattern: '{count} more message(s) is/are produced to {string}',
    example: '1 more message is produced to "orders"',
    summary: 'the same, read as a continuation',
  },
  async function (count: number, topic: string) {
    await produce(this.session, topic, count);
  },
);

defineStep(
  {
    id: 'produceAtRate',
    kind: 'traffic',
    pattern: '{count} message(s) is/are produced to {string} at {rate}',
    example: '1,000 messages are produced to "orders" at 200 per second',
    summary: 'paced; waits until all are sent',
  },
  async function (count: number, topic: string, rate: number) {
    await produce(this.session, topic, count, { rate });
  },
);

defineStep(
  {
    id: 'produceKeys',
    kind: 'traffic',
    pattern: '{count} message(s) is/are produced to {string} with {int} distinct key(s)',
    example: '1,000 messages are produced to "orders" with 10 distinct keys',
    summary: 'keyed: each key always on its partition',
    validate: (_c: number, _t: string, k: number) => keys(k),
  },
  async function (count: number, topic: string, distinct: number) {
    await produce(this.session, topic, count, { keys: distinct });
  },
);

defineStep(
  {
    id: 'produceContinuously',
    kind: 'traffic',
    pattern: 'messages are produced continuously to {string} at {rate}',
    example: 'messages are produced continuously to "orders" at 100 per second',
    summary: 'in the background until "production stops" or a wait (bounded: 5 minutes)',
  },
  async function (topic: string, rate: number) {
    await startProducing(this.session, topic, rate);
  },
);

defineStep(
  {
    id: 'produceContinuouslyKeys',
    kind: 'traffic',
    pattern: 'messages are produced continuously to {string} at {rate} with {int} distinct key(s)',
    example: 'messages are produced continuously to "orders" at 100 per second with 10 distinct keys',
    summary: 'the same, keyed',
    validate: (_t: string, _r: number, k: number) => keys(k),
  },
  async function (topic: string, rate: number, distinct: number) {
    await startProducing(this.session, topic, rate, distinct);
  },
);

defineStep(
  {
    id: 'productionStops',
    kind: 'traffic',
    pattern: 'production stops',
    example: 'production stops',
    summary: 'ends background production and waits for its last acks',
  },
  async function () {
    await stopProducing(this.session);
  },
);
