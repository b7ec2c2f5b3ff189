// For one partition: by when had every logged offset below N had its first 2xx? The prefix
// maximum of first-2xx times over the partition's offsets answers it for every N at once, so a
// commit can be judged in O(log n). Shared by unsafe-commit and commit-during-outage.

import { EXCUSED_DELIVERY, type MessageIndex } from './message-index.js';
import { lowerBound } from './partitions.js';

export interface DeliveredBy {
  /** The partition's logged offsets, ascending. */
  offsets: Float64Array;
  /** firstOkAtMs[i]: when offsets[i] first had a 2xx (Infinity: never; -Infinity: not judgeable). */
  firstOkAtMs: Float64Array;
  /** deliveredByMs[i]: when offsets[0..i] all had a 2xx (non-decreasing). */
  deliveredByMs: Float64Array;
}

export function deliveredBy(messages: MessageIndex, partition: number): DeliveredBy | undefined {
  const positions = messages.positions[partition];
  if (!positions) return undefined;
  const size = positions.offsets.length;
  const firstOkAtMs = new Float64Array(size);
  const deliveredByMs = new Float64Array(size);
  let latest = -Infinity;
  for (let i = 0; i < size; i++) {
    const message = positions.messages[i]!;
    // A record without a chaos id cannot be judged and never holds the window open; nor can a
    // message whose delivery record was torn (its 2xx time is lost).
    const atMs =
      message < 0
        ? -Infinity
        : messages.firstOkAnsweredAt[message] === Infinity && messages.excused[message]! & EXCUSED_DELIVERY
          ? -Infinity
          : messages.firstOkAnsweredAt[message]!;
    firstOkAtMs[i] = atMs;
    if (atMs > latest) latest = atMs;
    deliveredByMs[i] = latest;
  }
  return { offsets: positions.offsets, firstOkAtMs, deliveredByMs };
}

/** When every logged offset below `committed` had its 2xx (-Infinity when none is below). */
export function allBelowDeliveredAtMs(delivered: DeliveredBy, committed: number): number {
  const below = lowerBound(delivered.offsets, committed);
  return below === 0 ? -Infinity : delivered.deliveredByMs[below - 1]!;
}

/** The first logged offset below `committed` that had no 2xx by `atMs` (for examples). */
export function firstUndeliveredBelow(delivered: DeliveredBy, committed: number, atMs: number): number | undefined {
  const below = lowerBound(delivered.offsets, committed);
  for (let i = 0; i < below; i++) if (delivered.firstOkAtMs[i]! > atMs) return delivered.offsets[i];
  return undefined;
}
