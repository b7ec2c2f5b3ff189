// The timeline chart from hand-built timelines: a well-formed SVG (parsed strictly) with the three
// rate lines, the lag, the axes and a legend; fault windows shaded where they happened, an
// unhealed one up to the end; an empty run; a run of hours downsampled; deterministic output.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartSeries, MAX_POINTS } from '../../src/report/timeline-series.js';
import { timelineSvg } from '../../src/report/timeline-svg.js';
import { buildTimeline, type Timeline, type TimelineSecond } from '../../src/verify/index.js';
import { GROUP, answered, commit, fault, ledgers, produced } from '../support/verify-fixtures.js';
import { findAll, parseMarkup, textOf, type MarkupElement } from '../support/report-markup-parse.js';

const P0 = 'orders/0';

/** `count` seconds of 10 acks each; nothing delivered or committed during [downFrom, downTo). */
function outage(count: number, downFrom: number, downTo: number, faults: Timeline['faults']): Timeline {
  let committed = 0;
  const seconds: TimelineSecond[] = Array.from({ length: count }, (_, t) => {
    const down = t >= downFrom && t < downTo;
    const delivered = down ? 0 : t === downTo ? 10 * (downTo - downFrom + 1) : 10;
    committed += delivered;
    return { t, produced: 10, delivered, committed: { [P0]: committed }, lag: { [P0]: 10 * (t + 1) - committed } };
  });
  return { startMs: 1_700_000_000_000, seconds, faults };
}

const plot = (root: MarkupElement) => {
  // The first framed rect is the rates panel: its x and width are the time axis's pixels.
  const frame = findAll(root, (e) => e.name === 'rect' && e.attributes.fill === 'none')[0]!;
  return { left: Number(frame.attributes.x), right: Number(frame.attributes.x) + Number(frame.attributes.width) };
};
const faultGroups = (root: MarkupElement) => findAll(root, (e) => e.name === 'g' && e.attributes.class === 'fault');
const shade = (group: MarkupElement) => group.children.find((e) => e.name === 'rect')!;
const pointsOf = (root: MarkupElement, series: string) =>
  findAll(root, (e) => e.name === 'g' && e.attributes['data-series'] === series)[0]!
    .children.find((e) => e.name === 'polyline')!
    .attributes.points!.split(' ');

describe('timelineSvg', () => {
  it('draws produced, delivered and committed per second, the lag, axes, a legend and the fault window', () => {
    const svg = timelineSvg(outage(40, 10, 20, [{ fault: 'target-down', subject: 'target', fromS: 10, toS: 20 }]));
    const root = parseMarkup(svg);
    assert.equal(root.name, 'svg');
    assert.equal(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
    for (const series of ['produced', 'delivered', 'committed', 'lag']) assert.equal(pointsOf(root, series).length, 40, series);
    const text = textOf(root);
    for (const label of [
      'produced/s',
      'delivered/s (first 2xx)',
      'committed/s',
      'lag',
      'fault window',
      'time since the start of the run',
      '0s',
      '20s',
      '40s',
    ]) {
      assert.ok(text.includes(label), `missing "${label}"`);
    }
    const [window] = faultGroups(root);
    assert.equal(window!.attributes['data-fault'], 'target-down (target)');
    assert.equal(window!.attributes['data-healed'], 'true');
    assert.ok(textOf(window!).includes('target-down (target)'));
    // The shaded rect spans seconds 10..20 of 40: a quarter of the way in, a quarter wide.
    const { left, right } = plot(root);
    const rect = shade(window!);
    assert.ok(Math.abs(Number(rect.attributes.x) - (left + (right - left) * 0.25)) < 0.2);
    assert.ok(Math.abs(Number(rect.attributes.width) - (right - left) * 0.25) < 0.2);
  });

  it('shows the outage in the lines: delivered and committed at the bottom while it lasts, the lag growing', () => {
    const root = parseMarkup(timelineSvg(outage(40, 10, 20, [])));
    const y = (series: string, t: number) => Number(pointsOf(root, series)[t]!.split(',')[1]);
    const bottom = y('delivered', 15);
    assert.equal(y('committed', 15), bottom);
    assert.ok(y('produced', 15) < bottom, 'produced stays above 0 during the outage');
    assert.ok(Number(pointsOf(root, 'lag')[19]!.split(',')[1]) < Number(pointsOf(root, 'lag')[9]!.split(',')[1]), 'lag grows');
  });

  it('marks each generation of the group at its second, titled with what changed, and counts them in the subtitle', () => {
    const timeline = {
      ...outage(20, 8, 14, []),
      generations: [
        { atS: 5, label: 'generation 2 (2 members)' },
        { atS: 30, label: 'outside' },
      ],
    };
    const root = parseMarkup(timelineSvg(timeline));
    const marks = findAll(root, (e) => e.name === 'g' && e.attributes.class === 'generation');
    assert.deepEqual(
      marks.map((m) => m.attributes['data-generation']),
      ['generation 2 (2 members)'],
      'only what falls in the charted span',
    );
    assert.equal(textOf(marks[0]!.children.find((e) => e.name === 'title')!), 'generation 2 (2 members) at 5s');
    const { left, right } = plot(root);
    const x = Number(marks[0]!.children.find((e) => e.name === 'line')!.attributes.x1);
    assert.ok(Math.abs(x - (left + ((right - left) * 5) / 20)) < 1, `mark at 5 of 20 s: x=${x}`);
    assert.match(textOf(root), /1 group generation/);
  });

  it("strips where the group was WARN or ERR in Burrow's terms under the lag panel, and names them in the subtitle", () => {
    const timeline = {
      ...outage(20, 8, 14, []),
      lagStatus: [
        { fromS: 8, toS: 10, status: 'WARN' as const },
        { fromS: 10, toS: 14, status: 'ERR' as const },
      ],
    };
    const root = parseMarkup(timelineSvg(timeline));
    const strips = findAll(root, (e) => e.name === 'g' && e.attributes.class === 'lag-status');
    assert.deepEqual(
      strips.map((g) => [g.attributes['data-status'], g.children.find((e) => e.name === 'rect')!.attributes.fill]),
      [
        ['WARN', '#bf8700'],
        ['ERR', '#cf222e'],
      ],
    );
    assert.equal(textOf(strips[1]!.children.find((e) => e.name === 'title')!), 'Burrow status ERR: 10s to 14s');
    assert.match(textOf(root), /Burrow WARN\/ERR strip/);
    const plain = parseMarkup(timelineSvg(outage(20, 8, 14, [])));
    assert.equal(findAll(plain, (e) => e.name === 'g' && e.attributes.class === 'lag-status').length, 0);
  });

  it('shades a fault that never healed up to the end of the chart and says so', () => {
    const root = parseMarkup(timelineSvg(outage(30, 20, 30, [{ fault: 'broker-isolated', subject: 'broker-2', fromS: 20, toS: null }])));
    const [window] = faultGroups(root);
    assert.equal(window!.attributes['data-healed'], 'false');
    assert.match(textOf(window!), /broker-isolated \(broker-2\) \u2014 not healed/);
    const rect = shade(window!);
    const { right } = plot(root);
    assert.ok(Math.abs(Number(rect.attributes.x) + Number(rect.attributes.width) - right) < 0.2, 'reaches the right edge');
  });

  it('keeps every fault on the chart, also one after the last recorded second', () => {
    const timeline = outage(10, 20, 20, [
      { fault: 'a', subject: 'target', fromS: 2, toS: 4 },
      { fault: 'b', subject: 'target', fromS: 3, toS: 5 },
      { fault: 'late', subject: 'target', fromS: 12, toS: 15 },
    ]);
    assert.equal(chartSeries(timeline).durationS, 15);
    const root = parseMarkup(timelineSvg(timeline));
    assert.deepEqual(
      faultGroups(root).map((g) => g.attributes['data-fault']),
      ['a (target)', 'b (target)', 'late (target)'],
    );
    const { right } = plot(root);
    const late = shade(faultGroups(root)[2]!);
    assert.ok(Number(late.attributes.x) + Number(late.attributes.width) <= right + 0.1);
  });

  it('draws an empty timeline without NaN, with a note that nothing was recorded', () => {
    for (const timeline of [{ startMs: 0, seconds: [], faults: [] }, buildTimeline(ledgers({}), GROUP)]) {
      const svg = timelineSvg(timeline);
      assert.doesNotMatch(svg, /NaN|Infinity/);
      const root = parseMarkup(svg);
      assert.match(textOf(root), /No traffic recorded/);
      assert.equal(faultGroups(root).length, 0);
    }
  });

  it('downsamples a run of thousands of seconds to at most MAX_POINTS points, keeping the lag peak', () => {
    const seconds = 10_000;
    const timeline = outage(seconds, 5000, 5003, [{ fault: 'target-down', subject: 'target', fromS: 5000, toS: 5003 }]);
    const series = chartSeries(timeline);
    assert.ok(series.points.length <= MAX_POINTS);
    assert.equal(series.bucketS, Math.ceil(seconds / MAX_POINTS));
    // produced is 10/s throughout: averaging keeps it 10/s; the 3-second outage's lag peak (30) survives.
    assert.ok(series.points.every((p) => p.produced === 10));
    assert.equal(Math.max(...series.points.map((p) => p.lag)), 30);
    const svg = timelineSvg(timeline);
    assert.ok(svg.length < 150_000, `${svg.length} characters`);
    assert.doesNotMatch(svg, /NaN|Infinity/);
    const root = parseMarkup(svg);
    assert.ok(pointsOf(root, 'delivered').length <= MAX_POINTS);
    assert.match(textOf(root), new RegExp(`each point averages ${series.bucketS}s`));
    assert.match(textOf(root), /2h/); // time ticks in hours and minutes, not 10000 labels
  });

  it('counts committed progress from each partition\u2019s committed offset, a regression as 0', () => {
    const second = (t: number, committed: Record<string, number>): TimelineSecond => ({ t, produced: 0, delivered: 0, committed, lag: {} });
    const series = chartSeries({
      startMs: 0,
      seconds: [
        second(0, {}),
        second(1, { [P0]: 5 }),
        second(2, { [P0]: 5, 'orders/1': 3 }),
        second(3, { [P0]: 2, 'orders/1': 4 }),
        second(4, { [P0]: 6, 'orders/1': 4 }),
      ],
      faults: [],
    });
    assert.deepEqual(
      series.points.map((p) => p.committed),
      [0, 5, 3, 1, 1],
    );
  });

  it('is pure: the same timeline renders to the same text', () => {
    const t0 = 5_000_000;
    const history = ledgers({
      produced: [produced('a', 0, 0, t0), produced('b', 0, 1, t0 + 1500)],
      delivered: [answered('a', t0 + 100), answered('b', t0 + 2600)],
      commits: [commit(0, 2, t0 + 2900)],
      faults: [fault('target-down', t0 + 1000, t0 + 2500)],
    });
    assert.equal(timelineSvg(buildTimeline(history, GROUP)), timelineSvg(buildTimeline(history, GROUP)));
  });

  it('escapes fault names and subjects', () => {
    const svg = timelineSvg(outage(5, 9, 9, [{ fault: '<script>&"x"', subject: "'b'", fromS: 1, toS: 2 }]));
    assert.doesNotMatch(svg, /<script/);
    const [window] = faultGroups(parseMarkup(svg));
    assert.equal(window!.attributes['data-fault'], `<script>&"x" ('b')`);
  });
});
