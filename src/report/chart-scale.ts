// Axis arithmetic for the timeline chart: linear scales and "nice" tick steps (1, 2, 5 × 10^k
// for counts; whole seconds and minutes for time), so axes read 0, 50, 100 rather than 0, 47, 94.

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  const scale = ((value: number) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0))) as Scale;
  scale.domain = [d0, d1];
  return scale;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k (at least 1: counts are whole) that is ≥ rough. */
export function niceStep(rough: number): number {
  if (!(rough > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    if (factor * power >= rough) return factor * power;
  }
  return 10 * power;
}

/** Ticks from 0 to a nice maximum ≥ max, about `count` of them. */
export function valueTicks(max: number, count = 4): number[] {
  const step = niceStep(max / count);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) ticks.push(value);
  return ticks;
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

/** Ticks in seconds from 0 to durationS, at most maxTicks + 1 of them. */
export function timeTicks(durationS: number, maxTicks = 10): number[] {
  const step = TIME_STEPS_S.find((s) => durationS / s <= maxTicks) ?? Math.ceil(durationS / maxTicks);
  const ticks: number[] = [];
  for (let t = 0; t <= durationS; t += step) ticks.push(t);
  return ticks;
}

/** A tick label: "45s" under two minutes, "2m", "2m30s" and "1h5m" beyond. */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m > 0 ? `${m}m` : ''}`;
  return `${m}m${s > 0 ? `${s}s` : ''}`;
}

/** A coordinate with at most one decimal, so the SVG text is deterministic and short. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
