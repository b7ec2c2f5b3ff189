// The chart's data, derived from a Timeline (src/verify/timeline.ts): per bucket of seconds, the
// messages acked (produced), first delivered with a 2xx, committed (how far the group's committed
// offsets advanced, summed over partitions) and the total lag. A long run is downsampled to at
// most MAX_POINTS buckets: rates are averaged over the bucket, the lag keeps the bucket's peak,
// so a short outage still shows as a bump rather than vanishing into an average.

import type { Timeline } from '../verify/index.js';

/** More points than this are wider than the chart has pixels for. */
export const MAX_POINTS = 600;

export interface ChartPoint {
  /** Seconds since the start: the bucket covers [fromS, toS). */
  fromS: number;
  toS: number;
  /** Messages per second, averaged over the bucket. */
  produced: number;
  delivered: number;
  committed: number;
  /** Acked messages not yet committed, summed over partitions: the bucket's peak. */
  lag: number;
}

export interface ChartSeries {
  /** Seconds per bucket: 1 unless the run was downsampled. */
  bucketS: number;
  /** The charted span in seconds: the timeline's seconds, stretched to cover every fault. */
  durationS: number;
  points: ChartPoint[];
  faults: { label: string; fromS: number; toS: number; healed: boolean }[];
  /** The group's generations within the charted span. */
  generations: { atS: number; label: string }[];
  /** Where the group was WARN or ERR in Burrow's terms, within the charted span. */
  lagStatus: NonNullable<Timeline['lagStatus']>;
}

interface SecondFigures {
  produced: number;
  delivered: number;
  committed: number;
  lag: number;
}

/** Per second: how far the committed offsets advanced (a regression counts as 0, a first commit from offset 0). */
function perSecond(timeline: Timeline): SecondFigures[] {
  const previous = new Map<string, number>();
  return timeline.seconds.map((second) => {
    let committed = 0;
    for (const [partition, offset] of Object.entries(second.committed)) {
      committed += Math.max(0, offset - (previous.get(partition) ?? 0));
      previous.set(partition, Math.max(offset, previous.get(partition) ?? 0));
    }
    const lag = Object.values(second.lag).reduce((sum, value) => sum + value, 0);
    return { produced: second.produced, delivered: second.delivered, committed, lag };
  });
}

export function chartSeries(timeline: Timeline, maxPoints = MAX_POINTS): ChartSeries {
  const seconds = perSecond(timeline);
  const bucketS = Math.max(1, Math.ceil(seconds.length / maxPoints));
  const points: ChartPoint[] = [];
  for (let from = 0; from < seconds.length; from += bucketS) {
    const bucket = seconds.slice(from, from + bucketS);
    const mean = (pick: (s: SecondFigures) => number) => bucket.reduce((sum, s) => sum + pick(s), 0) / bucket.length;
    points.push({
      fromS: from,
      toS: from + bucket.length,
      produced: mean((s) => s.produced),
      delivered: mean((s) => s.delivered),
      committed: mean((s) => s.committed),
      lag: Math.max(...bucket.map((s) => s.lag)),
    });
  }
  const faults = timeline.faults.map((f) => ({
    label: f.subject && f.subject !== f.fault ? `${f.fault} (${f.subject})` : f.fault,
    fromS: Math.max(0, f.fromS),
    toS: f.toS ?? Infinity,
    healed: f.toS !== null,
  }));
  // A fault injected or healed after the last recorded second still belongs on the chart.
  const faultEnds = faults.flatMap((f) => (f.healed ? [f.fromS, f.toS] : [f.fromS]));
  const durationS = Math.max(1, seconds.length, ...faultEnds.map((s) => Math.ceil(s)));
  // A timeline.json written before generations were recorded has none.
  const generations = (timeline.generations ?? []).filter((g) => g.atS >= 0 && g.atS <= durationS);
  const lagStatus = (timeline.lagStatus ?? []).filter((s) => s.fromS < durationS).map((s) => ({ ...s, toS: Math.min(s.toS, durationS) }));
  return { bucketS, durationS, points, faults: faults.map((f) => ({ ...f, toS: Math.min(f.toS, durationS) })), generations, lagStatus };
}
