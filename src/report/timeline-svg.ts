// The run's timeline as a self-contained SVG chart for the Allure report. The upper panel shows
// messages per second — acked by Kafka (produced), first answered 2xx by the target (delivered),
// and committed by the group (how far its committed offsets advanced) — the lower panel the
// group's lag; every fault window is shaded across both with its name, an unhealed one up to the
// end; a strip under the lag panel marks where the group was WARN (amber) or ERR (red) in Burrow's
// terms. So the seed story reads at a glance: during "target-down" delivered and committed drop to
// 0 while the lag grows and the strip turns red, and both catch up after the heal. Pure and deterministic.

import type { Timeline } from '../verify/index.js';
import { formatSeconds, linearScale, px, timeTicks, valueTicks, type Scale } from './chart-scale.js';
import { escapeMarkup as esc, formatNumber } from './markup.js';
import { chartSeries, type ChartPoint, type ChartSeries } from './timeline-series.js';

const WIDTH = 960;
const HEIGHT = 470;
const LEFT = 66;
const RIGHT = WIDTH - 20;
const RATES = { top: 78, bottom: 318 };
const LAG = { top: 352, bottom: 420 };
const AXIS_LABEL_Y = LAG.bottom + 18;

const SERIES = [
  { key: 'produced', label: 'produced/s (acked by Kafka)', colour: '#1f77b4', dash: '', width: 1.5 },
  { key: 'delivered', label: 'delivered/s (first 2xx)', colour: '#2ca02c', dash: '', width: 3 },
  { key: 'committed', label: 'committed/s (offsets advanced)', colour: '#ff7f0e', dash: '6 3', width: 2.2 },
] as const;
const DRAW_ORDER = ['delivered', 'produced', 'committed'] as const;
const LAG_COLOUR = '#7b3fa0';
const GENERATION_COLOUR = '#57606a';
const FAULT_COLOURS = ['#d62728', '#8c564b', '#e377c2', '#bcbd22', '#17becf', '#9467bd'];

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ` ${attributes}` : ''}>${esc(content)}</text>`;
}

/** A point's x: the middle of its bucket of seconds. */
const middle = (p: ChartPoint, x: Scale) => x((p.fromS + p.toS) / 2);

function polyline(points: ChartPoint[], x: Scale, y: Scale, value: (p: ChartPoint) => number): string {
  return points.map((p) => `${px(middle(p, x))},${px(y(value(p)))}`).join(' ');
}

function faultLayer(series: ChartSeries, x: Scale): string {
  return series.faults
    .map((fault, i) => {
      const colour = FAULT_COLOURS[i % FAULT_COLOURS.length]!;
      const from = x(fault.fromS);
      const width = Math.max(2, x(fault.toS) - from);
      const label = fault.healed ? fault.label : `${fault.label} \u2014 not healed`;
      // Labels stack in three rows so overlapping windows stay legible.
      const labelY = RATES.top + 13 + (i % 3) * 14;
      const nearRightEdge = from > LEFT + (RIGHT - LEFT) * 0.65;
      const labelX = nearRightEdge ? Math.min(from + width, RIGHT) - 4 : from + 4;
      return (
        `<g class="fault" data-fault="${esc(fault.label)}" data-healed="${fault.healed}">` +
        `<title>${esc(`${label}: ${formatNumber(fault.fromS)}s to ${fault.healed ? `${formatNumber(fault.toS)}s` : 'the end'}`)}</title>` +
        `<rect x="${px(from)}" y="${RATES.top}" width="${px(width)}" height="${LAG.bottom - RATES.top}" fill="${colour}" fill-opacity="0.13"/>` +
        `<line x1="${px(from)}" y1="${RATES.top}" x2="${px(from)}" y2="${LAG.bottom}" stroke="${colour}" stroke-width="1" stroke-dasharray="3 2"/>` +
        (fault.healed
          ? `<line x1="${px(from + width)}" y1="${RATES.top}" x2="${px(from + width)}" y2="${LAG.bottom}" stroke="${colour}" stroke-width="1" stroke-dasharray="3 2"/>`
          : '') +
        text(labelX, labelY, label, `fill="${colour}" font-size="11" font-weight="bold"${nearRightEdge ? ' text-anchor="end"' : ''}`) +
        '</g>'
      );
    })
    .join('');
}

/** A small mark on the rates panel's top edge per generation of the group, titled with what changed. */
function generationLayer(series: ChartSeries, x: Scale): string {
  return series.generations
    .map((g) => {
      const at = px(x(g.atS));
      return (
        `<g class="generation" data-generation="${esc(g.label)}"><title>${esc(`${g.label} at ${formatNumber(g.atS)}s`)}</title>` +
        `<line x1="${at}" y1="${RATES.top}" x2="${at}" y2="${LAG.bottom}" stroke="${GENERATION_COLOUR}" stroke-width="1" stroke-opacity="0.5"/>` +
        `<path d="M${at},${RATES.top} l-4,-7 h8 z" fill="${GENERATION_COLOUR}"/></g>`
      );
    })
    .join('');
}

function valueAxis(ticks: number[], y: Scale, title: string, panel: { top: number; bottom: number }): string {
  const grid = ticks
    .map(
      (tick) =>
        `<line x1="${LEFT}" y1="${px(y(tick))}" x2="${RIGHT}" y2="${px(y(tick))}" stroke="#e1e4e8" stroke-width="1"/>` +
        text(LEFT - 6, y(tick) + 4, formatNumber(tick), 'text-anchor="end" font-size="11" fill="#57606a"'),
    )
    .join('');
  const middle = (panel.top + panel.bottom) / 2;
  return `<g class="y-axis">${grid}${text(16, middle, title, `font-size="11" fill="#424a53" text-anchor="middle" transform="rotate(-90 16 ${px(middle)})"`)}</g>`;
}

function timeAxis(series: ChartSeries, x: Scale): string {
  const ticks = timeTicks(series.durationS)
    .map(
      (t) =>
        `<line x1="${px(x(t))}" y1="${LAG.bottom}" x2="${px(x(t))}" y2="${LAG.bottom + 4}" stroke="#57606a"/>` +
        text(x(t), AXIS_LABEL_Y, formatSeconds(t), 'text-anchor="middle" font-size="11" fill="#57606a"'),
    )
    .join('');
  return `<g class="x-axis">${ticks}${text((LEFT + RIGHT) / 2, AXIS_LABEL_Y + 20, 'time since the start of the run', 'text-anchor="middle" font-size="11" fill="#424a53"')}</g>`;
}

function legend(hasFaults: boolean): string {
  let x = LEFT;
  const items: string[] = [];
  for (const s of SERIES) {
    items.push(
      `<line x1="${x}" y1="50" x2="${x + 22}" y2="50" stroke="${s.colour}" stroke-width="${s.width + 0.6}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>` +
        text(x + 27, 54, s.label, 'font-size="12" fill="#1f2328"'),
    );
    x += 34 + s.label.length * 6.3;
  }
  items.push(
    `<rect x="${x}" y="44" width="22" height="12" fill="${LAG_COLOUR}" fill-opacity="0.25" stroke="${LAG_COLOUR}"/>` +
      text(x + 27, 54, 'lag', 'font-size="12" fill="#1f2328"'),
  );
  x += 58;
  if (hasFaults) {
    items.push(
      `<rect x="${x}" y="44" width="22" height="12" fill="${FAULT_COLOURS[0]}" fill-opacity="0.13" stroke="${FAULT_COLOURS[0]}" stroke-dasharray="3 2"/>` +
        text(x + 27, 54, 'fault window', 'font-size="12" fill="#1f2328"'),
    );
  }
  return `<g class="legend">${items.join('')}</g>`;
}

function subtitle(timeline: Timeline, series: ChartSeries, empty: boolean): string {
  const start = timeline.startMs > 0 ? ` from ${new Date(timeline.startMs).toISOString()}` : '';
  const averaged = series.bucketS > 1 ? `; each point averages ${series.bucketS}s (lag: the peak)` : '';
  const faults = series.faults.length === 0 ? 'no faults' : `${series.faults.length} fault window${series.faults.length === 1 ? '' : 's'}`;
  const generations =
    series.generations.length > 0
      ? `; \u25bc ${series.generations.length} group generation${series.generations.length === 1 ? '' : 's'}`
      : '';
  const burrow = series.lagStatus.length > 0 ? `; Burrow ${[...new Set(series.lagStatus.map((s) => s.status))].join('/')} strip` : '';
  return `${formatSeconds(series.durationS)}${start}; ${faults}${generations}${burrow}${averaged}${empty ? ' \u2014 no message was produced, delivered or committed' : ''}`;
}

const LAG_STATUS_COLOUR = { WARN: '#bf8700', ERR: '#cf222e' } as const;

/** A strip under the lag panel where the group was WARN (amber) or ERR (red) in Burrow's terms. */
function lagStatusLayer(series: ChartSeries, x: Scale): string {
  return series.lagStatus
    .map((span) => {
      const from = x(span.fromS);
      const width = Math.max(2, x(span.toS) - from);
      return (
        `<g class="lag-status" data-status="${span.status}"><title>${esc(`Burrow status ${span.status}: ${formatNumber(span.fromS)}s to ${formatNumber(span.toS)}s`)}</title>` +
        `<rect x="${px(from)}" y="${LAG.bottom + 2}" width="${px(width)}" height="5" fill="${LAG_STATUS_COLOUR[span.status]}"/></g>`
      );
    })
    .join('');
}

export function timelineSvg(timeline: Timeline): string {
  const series = chartSeries(timeline);
  const x = linearScale(0, series.durationS, LEFT, RIGHT);
  const rateMax = Math.max(0, ...series.points.flatMap((p) => [p.produced, p.delivered, p.committed]));
  const lagMax = Math.max(0, ...series.points.map((p) => p.lag));
  const empty = rateMax === 0 && lagMax === 0;
  const rateTicks = valueTicks(rateMax, 5);
  const lagTicks = valueTicks(lagMax, 2);
  const yRate = linearScale(0, rateTicks[rateTicks.length - 1]!, RATES.bottom, RATES.top);
  const yLag = linearScale(0, lagTicks[lagTicks.length - 1]!, LAG.bottom, LAG.top);
  const markers = series.points.length <= 60;

  // Drawn delivered (thick) first, then produced (thin), then committed (dashed) on top: where
  // the three coincide — commits going on during an outage, say — each still shows.
  const lines = DRAW_ORDER.map((key) => SERIES.find((s) => s.key === key)!)
    .map((s) => {
      const points = polyline(series.points, x, yRate, (p) => p[s.key]);
      const dots = markers
        ? series.points.map((p) => `<circle cx="${px(middle(p, x))}" cy="${px(yRate(p[s.key]))}" r="2.4" fill="${s.colour}"/>`).join('')
        : '';
      return `<g class="series" data-series="${s.key}"><polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} stroke-linejoin="round"/>${dots}</g>`;
    })
    .join('');
  const lagLine = polyline(series.points, x, yLag, (p) => p.lag);
  const [first, last] = [series.points[0], series.points.at(-1)];
  const lagArea =
    first && last
      ? `<polygon points="${px(middle(first, x))},${LAG.bottom} ${lagLine} ${px(middle(last, x))},${LAG.bottom}" fill="${LAG_COLOUR}" fill-opacity="0.18"/>`
      : '';
  const emptyNote = empty
    ? text((LEFT + RIGHT) / 2, (RATES.top + RATES.bottom) / 2, 'No traffic recorded', 'text-anchor="middle" font-size="16" fill="#8c959f"')
    : '';

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif">`,
    '<title>Timeline: messages produced, delivered and committed per second, lag, and fault windows</title>',
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    text(LEFT, 22, 'Messages per second, lag and fault windows', 'font-size="15" font-weight="bold" fill="#1f2328"'),
    text(RIGHT, 22, subtitle(timeline, series, empty), 'text-anchor="end" font-size="11" fill="#57606a"'),
    legend(series.faults.length > 0),
    valueAxis(rateTicks, yRate, 'messages per second', RATES),
    valueAxis(lagTicks, yLag, 'lag', LAG),
    `<g class="faults">${faultLayer(series, x)}</g>`,
    `<g class="generations">${generationLayer(series, x)}</g>`,
    `<g class="lag-statuses">${lagStatusLayer(series, x)}</g>`,
    `<g class="lag" data-series="lag"><polyline points="${lagLine}" fill="none" stroke="${LAG_COLOUR}" stroke-width="1.6"/>${lagArea}</g>`,
    lines,
    `<rect x="${LEFT}" y="${RATES.top}" width="${RIGHT - LEFT}" height="${RATES.bottom - RATES.top}" fill="none" stroke="#8c959f"/>`,
    `<rect x="${LEFT}" y="${LAG.top}" width="${RIGHT - LEFT}" height="${LAG.bottom - LAG.top}" fill="none" stroke="#8c959f"/>`,
    timeAxis(series, x),
    emptyNote,
    '</svg>',
  ].join('\n');
}
