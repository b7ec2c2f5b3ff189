// order: per partition, messages first reached the target (first 2xx, by receivedAt) in offset
// order. Kafka orders a partition; a pipeline that promises per-partition order must keep it.
// Counted as descents: a message first delivered right after one with a higher offset. Ties in
// receivedAt are not violations. Redeliveries do not count — only each message's first 2xx.

import type { EvidenceIndex } from '../evidence-index.js';
import { Examples, type CheckOutcome } from '../types.js';
import { CATEGORIES } from '../check-category.js';
import { defineCheck } from '../define-check.js';

declare module '../check-name.js' {
  interface CheckNames {
    order: true;
  }
}

export function checkOrder(index: EvidenceIndex): CheckOutcome {
  const messages = index.messages();
  const examples = new Examples();
  let outOfOrder = 0;
  let judged = 0;
  for (let p = 0; p < messages.positions.length; p++) {
    const positions = messages.positions[p];
    if (!positions) continue;
    const { offsets } = positions;
    const firstMs = new Float64Array(offsets.length);
    let count = 0;
    const chosen = new Int32Array(offsets.length);
    for (let i = 0; i < offsets.length; i++) {
      const message = positions.messages[i]!;
      // each message once, at its own (first) position
      if (message < 0 || messages.offset[message] !== offsets[i] || messages.partition[message] !== p) continue;
      const atMs = messages.firstOkReceivedAt[message]!;
      if (atMs === Infinity) continue;
      firstMs[i] = atMs;
      chosen[count++] = i;
    }
    judged += count;
    const order = chosen.subarray(0, count);
    let inOrder = true; // the common case: already in offset order, nothing to sort
    for (let k = 1; k < count && inOrder; k++) inOrder = firstMs[order[k - 1]!]! <= firstMs[order[k]!]!;
    if (inOrder) continue;
    order.sort((a, b) => firstMs[a]! - firstMs[b]! || a - b);
    for (let k = 1; k < order.length; k++) {
      const previous = offsets[order[k - 1]!]!;
      const offset = offsets[order[k]!]!;
      if (offset >= previous) continue;
      outOfOrder++;
      examples.add(() => `${index.partitions.position(p, offset)} after ${index.partitions.position(p, previous)}`);
    }
  }
  return {
    name: 'order',
    valid: outOfOrder === 0,
    figures: { delivered: judged, outOfOrder },
    examples: examples.list,
    explanation:
      outOfOrder === 0
        ? `The ${judged} delivered messages were first delivered in offset order within each partition.`
        : `${outOfOrder} messages were first delivered after a message with a higher offset of the same partition.`,
  };
}

export const orderCheck = defineCheck({
  name: 'order',
  order: 60,
  category: CATEGORIES.order,
  summary: 'Per partition, messages were first delivered in offset order.',
  needs: ['log', 'delivered'],
  run: checkOrder,
});
