// A broker cut off from the other nodes — its followers, its leaders, the controller — while its
// clients still reach it: the split in which acknowledged writes vanish. The controller fences it
// after broker.session.timeout.ms and elects another leader from the ISR; the cut-off leader,
// which cannot hear that, goes on taking writes. With acks=all it cannot acknowledge one (no
// follower fetches), so the producer gets errors; with acks=1 it acknowledges each, and when the
// cut heals it truncates its log to the new leader's: those acked writes are gone — the
// broker-side-loss check's "acked but not in the log". It heals by restoring exactly those proxies.

import { brokerCut } from '../../src/faults/fault-kind.js';
import { defineFault } from '../../src/faults/fault-registry.js';
import { injectFault, leaderOf } from '../../src/scenario/scenario-faults.js';
import { partitionNumber } from '../support/argument-ranges.js';
import { defineStep } from '../support/define-step.js';

export const cutBrokerFromPeers = defineFault<{ broker: number }>({
  name: 'broker-peers-cut',
  layer: 'network',
  summary: 'every proxy between a broker and the other nodes disabled (replication, controller); its clients still reach it',
  ...brokerCut((env, broker) => env.network.cutPeers(broker)),
});

defineStep(
  {
    id: 'leaderPeersCutFor',
    kind: 'fault',
    pattern: 'the leader of partition {int} of {string} is cut off from its peers for {duration}',
    example: 'the leader of partition 0 of "payments" is cut off from its peers for 20 seconds',
    summary: 'its followers and the controller lose it, its producers and consumers do not; then it rejoins',
    validate: (p: number) => partitionNumber(p),
  },
  async function (partition: number, topic: string, ms: number) {
    const broker = await leaderOf(this.session, topic, partition);
    await injectFault(this.session, cutBrokerFromPeers, { broker }, ms);
  },
);
