// A scenario's evidence, in a folder of its own (<run>/scenarios/<NN>-<slug>/) laid out as a run
// directory, so `kafka-chaos verify` can judge it alone. The scenario writes produced.jsonl and
// faults.jsonl there itself; collecting copies in its slice of the environment's shared
// ledgers (the target's deliveries and the SUT events since the scenario began), reads Kafka
// back (log.jsonl, commits.jsonl, offsets.json via collectEvidence), records the ledgers' line
// counts in run.json, and judges exactly as `kafka-chaos verify` would: the folder's ledgers and
// run.json's facts (the claims the session persisted) through judgeRun — so the scenario,
// verdict.json, the report and verify cannot disagree. verdict.json and timeline.json are
// rewritten on every collection.

import fs from 'node:fs';
import type { KafkaClients } from '../environment/kafka-client-seam.js';
import { readJsonl } from '../evidence/jsonl-reader.js';
import { JsonlWriter } from '../evidence/jsonl-writer.js';
import { LEDGER_FILES, type DeliveryRecord, type EventRecord, type ProducedRecord } from '../evidence/ledger-records.js';
import { readLedgers, type LoadedLedgers } from '../evidence/read-ledgers.js';
import { RunDirectory } from '../evidence/run-directory.js';
import { ledgerLineCounts, readRunFacts } from '../evidence/run-json.js';
import { FaultLedger } from '../evidence/fault-ledger.js';
import { collectEvidence } from '../traffic/collect-evidence.js';
import { buildTimeline, judgeRun, type Timeline, type Verdict } from '../verify/index.js';

export interface EvidenceScope {
  /** The SUT's topic (real name). */
  topic: string;
  /** The SUT's group (real name). */
  group: string;
  drainEndedAt: number;
  maxDuplicates?: number;
}

export interface Judgement {
  verdict: Verdict;
  timeline: Timeline;
  ledgers: LoadedLedgers;
  scope: EvidenceScope;
}

/** "01-everything-works-and-a-commit-follows". */
export function scenarioFolderName(number: number, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '');
  return `${String(number).padStart(2, '0')}-${slug || 'scenario'}`;
}

export class ScenarioEvidence {
  readonly run: RunDirectory;
  readonly produced: JsonlWriter<ProducedRecord>;
  readonly faults: FaultLedger;
  private judged: Judgement | undefined;

  constructor(
    envRun: RunDirectory,
    folderName: string,
    private readonly sources: { deliveredPath: string; eventsPath: string; sinceMs: number },
  ) {
    this.run = RunDirectory.create(envRun.dir('scenarios'), folderName);
    this.produced = new JsonlWriter<ProducedRecord>(this.run.file(LEDGER_FILES.produced));
    this.faults = new FaultLedger(this.run);
  }

  get root(): string {
    return this.run.root;
  }

  /** The last judgement, if the evidence was collected. */
  get last(): Judgement | undefined {
    return this.judged;
  }

  /** Reads everything into the folder and judges it. Kafka errors propagate (they are the environment's). */
  async collect(kafka: KafkaClients, scope: EvidenceScope): Promise<Judgement> {
    this.produced.flush();
    await this.copySlice<DeliveryRecord>(this.sources.deliveredPath, LEDGER_FILES.delivered, (r) => !(r.receivedAt < this.sources.sinceMs));
    await this.copySlice<EventRecord>(this.sources.eventsPath, LEDGER_FILES.events, (r) => !(r.at < this.sources.sinceMs));
    await collectEvidence(kafka, this.run, scope);
    // A ledger emptied or cut short later must read as damaged, not as "nothing happened".
    this.run.annotate({ ledgerLines: await ledgerLineCounts(this.run.root) });
    const ledgers = await readLedgers(this.run.root);
    this.judged = { ledgers, scope, ...this.judge(ledgers) };
    return this.judged;
  }

  /** Judges the collected ledgers again after run.json's claims changed (a new bound, a new assertion): no Kafka. */
  rejudge(maxDuplicates: number | undefined): Judgement | undefined {
    if (!this.judged) return undefined;
    const scope = { ...this.judged.scope, maxDuplicates };
    this.run.annotate({ maxDuplicates });
    this.judged = { ...this.judged, scope, ...this.judge(this.judged.ledgers) };
    return this.judged;
  }

  annotate(facts: Record<string, unknown>): void {
    this.run.annotate(facts);
  }

  /**
   * Closes the scenario's own ledgers. Teardown heals faults after the last judgement, appending
   * their heals: the line counts of the ledgers the scenario writes itself are recorded again.
   */
  async close(): Promise<void> {
    this.produced.close();
    this.faults.close();
    if (!this.judged) return;
    const { produced, faults } = await ledgerLineCounts(this.run.root);
    const recorded = readRunFacts(this.run.root).ledgerLines ?? {};
    this.run.annotate({
      ledgerLines: { ...recorded, ...(produced !== undefined ? { produced } : {}), ...(faults !== undefined ? { faults } : {}) },
    });
  }

  /** The verdict as `kafka-chaos verify` reaches it: these ledgers, run.json's facts. */
  private judge(ledgers: LoadedLedgers): { verdict: Verdict; timeline: Timeline } {
    const facts = readRunFacts(this.run.root);
    const verdict = judgeRun(ledgers, facts);
    const timeline = buildTimeline(ledgers, facts.group ?? '');
    fs.writeFileSync(this.run.file('verdict.json'), JSON.stringify(verdict, null, 2) + '\n');
    fs.writeFileSync(this.run.file('timeline.json'), JSON.stringify(timeline) + '\n');
    return { verdict, timeline };
  }

  /** Rewrites `name` in the folder with the records of a shared ledger that pass `keep`. */
  private async copySlice<T>(from: string, name: string, keep: (record: T) => boolean): Promise<void> {
    const { records } = await readJsonl<T>(from);
    // keep() is written so that a record without a usable time stays: malformed evidence is
    // the checker's to judge, not ours to drop.
    const lines = records.filter(keep);
    fs.writeFileSync(this.run.file(name), lines.map((r) => JSON.stringify(r) + '\n').join(''));
  }
}
