// bench:verify — what judging a large run costs, and how it grows. For each size (BENCH_SIZES,
// e.g. 1000000,3000000,10000000; else BENCH_MESSAGES; default 1,000,000 messages) it writes the
// history of verify-bench-history.ts into a temp run directory, then measures, each in a fresh
// child process so that one measurement cannot pollute another's memory:
//   (1) the floor: reading every .jsonl line by line (readline) and JSON.parse-ing each line,
//       keeping nothing;
//   (2) readLedgers + verify, end to end, and the child's peak RSS (getrusage maxrss).
// The two alternate BENCH_REPEATS times (default 3); times are medians, the RSS the highest.
// Prints figures per size, the verdict (which must hold for this history), and a closing table
// of every size with its growth over the previous one; asserts nothing.
//
//   node dist/bench/verify-bench.js            # the default history
//   BENCH_MESSAGES=200000 BENCH_REPEATS=1 node dist/bench/verify-bench.js
//   BENCH_SIZES=1000000,3000000,10000000 BENCH_REPEATS=1 node dist/bench/verify-bench.js
//   BENCH_KEEP=1 …                             # keep the run directories (their paths are printed)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { LEDGER_FILES } from '../src/evidence/ledger-records.js';
import { readLedgers } from '../src/evidence/read-ledgers.js';
import { verify } from '../src/verify/index.js';
import { generate, shapeOf, type Generated } from './verify-bench-history.js';

// Issue 14's targets for 1,000,000 messages: printed beside the figures, never asserted.
const TIME_TARGET = 1.5; // verify ≤ 1.5× the bare parse
const RSS_TARGET_KB = 400 * 1024; // ≤ 400 MB

// ---------------------------------------------------------------------------------------------
// Measurements, each run as `verify-bench.js --child <what> <dir>` in a fresh process.

interface ChildResult {
  ms: number;
  /** User + system CPU of the measured part (GC helper threads included). */
  cpuMs: number;
  maxRssKb: number;
  lines?: number;
  readMs?: number;
  verifyMs?: number;
  valid?: unknown;
  checks?: { name: string; valid: unknown; figures: Record<string, number> }[];
  warnings?: string[];
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

async function bareParse(dir: string): Promise<ChildResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let lines = 0;
  for (const name of Object.values(LEDGER_FILES)) {
    if (!name.endsWith('.jsonl')) continue;
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const reader = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const line of reader) {
      JSON.parse(line);
      lines++;
    }
  }
  return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), maxRssKb: process.resourceUsage().maxRSS, lines };
}

async function readAndVerify(dir: string): Promise<ChildResult> {
  const facts = JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8')) as Generated['runFacts'];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const ledgers = await readLedgers(dir);
  const read = performance.now();
  const verdict = verify(ledgers, { group: facts.group, topics: facts.topics, drainEndedAt: facts.drainEndedAt });
  const ended = performance.now();
  return {
    ms: ended - started,
    cpuMs: cpuMsSince(cpu),
    readMs: read - started,
    verifyMs: ended - read,
    maxRssKb: process.resourceUsage().maxRSS,
    valid: verdict.valid,
    checks: verdict.checks.map(({ name, valid, figures }) => ({ name, valid, figures })),
    warnings: [...ledgers.warnings, ...verdict.warnings],
  };
}

function inChild(what: 'parse' | 'verify', dir: string): ChildResult {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, script, '--child', what, dir], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the ${what} child failed (${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as ChildResult;
}

// ---------------------------------------------------------------------------------------------

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const pad = (label: string) => `  ${label.padEnd(26)}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One size's figures, for the closing table. */
interface SizeResult {
  messages: number;
  parseMs: number;
  verifyMs: number;
  peakKb: number;
  valid: string;
}

function sizesFromEnv(): number[] {
  const list = process.env.BENCH_SIZES ?? process.env.BENCH_MESSAGES ?? '1000000';
  return list.split(',').map((size) => Number(size.trim().replace(/_/g, '')));
}

function printLedgers(dir: string, counts: Generated['counts']): void {
  console.log('ledgers:');
  let total = 0;
  for (const name of [...Object.values(LEDGER_FILES), 'run.json']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const size = fs.statSync(file).size;
    total += size;
    const key = name.replace(/\.jsonl?$/, '');
    const lines = counts[key] === undefined ? '' : `  ${counts[key]!.toLocaleString('en')} lines`;
    console.log(`${pad(name)}${mb(size).padStart(10)}${lines}`);
  }
  console.log(`${pad('total')}${mb(total).padStart(10)}`);
  console.log(
    `  (delivered: ${counts.okDeliveries!.toLocaleString('en')} 2xx of which ${counts.duplicates!.toLocaleString('en')} duplicates, ${counts.failedAttempts!.toLocaleString('en')} 503/dropped attempts)`,
  );
}

async function benchSize(messages: number, repeats: number): Promise<SizeResult> {
  const shape = shapeOf(messages);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-chaos-verify-bench-'));
  try {
    const generatedAt = performance.now();
    const { counts } = generate(dir, shape);
    console.log(
      `\nbench:verify — ${messages.toLocaleString('en')} messages, generated in ${ms(performance.now() - generatedAt)}${process.env.BENCH_KEEP ? ` into ${dir}` : ''}`,
    );
    printLedgers(dir, counts);
    const parses: ChildResult[] = [];
    const verifies: ChildResult[] = [];
    for (let r = 0; r < repeats; r++) {
      parses.push(inChild('parse', dir)); // alternated, so that a change in the machine's load hits both
      verifies.push(inChild('verify', dir));
    }
    const spread = (values: number[]) => (values.length > 1 ? `   [${values.map(ms).join(', ')}]` : '');
    const parseMs = median(parses.map((r) => r.ms));
    const verifyMs = median(verifies.map((r) => r.ms));
    const ratio = verifyMs / parseMs;
    const cpuRatio = median(verifies.map((r) => r.cpuMs)) / median(parses.map((r) => r.cpuMs));
    const peakKb = Math.max(...verifies.map((r) => r.maxRssKb));
    const judged = verifies[0]!;
    const validities = new Set(verifies.map((r) => String(r.valid)));
    console.log(`measured (each in a fresh process; median of ${repeats}; load average ${os.loadavg()[0]!.toFixed(2)}):`);
    console.log(
      `${pad('bare parse (JSON.parse)')}${ms(parseMs).padStart(10)}   cpu ${ms(median(parses.map((r) => r.cpuMs)))}   peak RSS ${mb(Math.max(...parses.map((r) => r.maxRssKb)) * 1024)}   ${parses[0]!.lines!.toLocaleString('en')} lines${spread(parses.map((r) => r.ms))}`,
    );
    console.log(
      `${pad('readLedgers + verify')}${ms(verifyMs).padStart(10)}   cpu ${ms(median(verifies.map((r) => r.cpuMs)))}   read ${ms(median(verifies.map((r) => r.readMs!)))} + verify ${ms(median(verifies.map((r) => r.verifyMs!)))}${spread(verifies.map((r) => r.ms))}`,
    );
    console.log(
      `${pad('ratio verify / parse')}${`${ratio.toFixed(2)}×`.padStart(10)}   (cpu ${cpuRatio.toFixed(2)}×)   target ≤ ${TIME_TARGET}× — ${ratio <= TIME_TARGET ? 'met' : 'NOT MET'}`,
    );
    console.log(
      `${pad('peak RSS (verify)')}${mb(peakKb * 1024).padStart(10)}   target at 1M ≤ ${mb(RSS_TARGET_KB * 1024)} — ${peakKb <= RSS_TARGET_KB ? 'met' : 'NOT MET'}${repeats > 1 ? `   [${verifies.map((r) => mb(r.maxRssKb * 1024)).join(', ')}]` : ''}`,
    );
    console.log(
      `${pad('verdict valid')}${[...validities].join('/').padStart(10)}   (expected true)${validities.size === 1 && judged.valid === true ? '' : '  ← WRONG VERDICT'}`,
    );
    for (const check of judged.checks ?? []) {
      const figures = Object.entries(check.figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      console.log(`    ${check.name.padEnd(22)} ${String(check.valid).padEnd(7)} ${figures}`);
    }
    for (const warning of judged.warnings ?? []) console.log(`    warning: ${warning}`);
    return { messages, parseMs, verifyMs, peakKb, valid: [...validities].join('/') };
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The closing table: each size, and how time and memory grew from the size before (× per × of messages). */
function printTable(results: SizeResult[]): void {
  console.log('\nby size (growth: against the size before):');
  console.log('  messages      bare parse    verify    ratio    peak RSS     verify growth        RSS growth   µs/msg  KB/msg');
  results.forEach((r, i) => {
    const before = results[i - 1];
    const growth = (now: number, then: number | undefined) =>
      then === undefined ? '—' : `${(now / then).toFixed(2)}× for ${(r.messages / before!.messages).toFixed(1)}×`;
    console.log(
      `  ${r.messages.toLocaleString('en').padEnd(12)}${ms(r.parseMs).padStart(11)}${ms(r.verifyMs).padStart(10)}${`${(r.verifyMs / r.parseMs).toFixed(2)}×`.padStart(9)}${mb(r.peakKb * 1024).padStart(12)}${growth(r.verifyMs, before?.verifyMs).padStart(18)}${growth(r.peakKb, before?.peakKb).padStart(18)}${((r.verifyMs * 1000) / r.messages).toFixed(2).padStart(9)}${(r.peakKb / r.messages).toFixed(3).padStart(8)}${r.valid === 'true' ? '' : '  verdict ' + r.valid}`,
    );
  });
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, heap limit ${mb(v8.getHeapStatistics().heap_size_limit)}, ${os.cpus().length} cpus`);
  const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
  const results: SizeResult[] = [];
  for (const messages of sizesFromEnv()) {
    try {
      results.push(await benchSize(messages, repeats));
    } catch (error) {
      // A size that runs out of memory is a figure too: report it and go on to the next.
      console.log(`  ${messages.toLocaleString('en')} messages: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (results.length > 1) printTable(results);
}

if (process.argv[2] === '--child') {
  const what = process.argv[3];
  const dir = process.argv[4]!;
  const result = what === 'parse' ? await bareParse(dir) : await readAndVerify(dir);
  process.stdout.write(JSON.stringify(result));
} else {
  await main();
}
