// What a scenario leaves in its Allure result: the verdict table (HTML), verdict.json, the
// timeline chart (SVG), the fault log, the scenario's names and evidence folder, and the tails
// of the broker, target and SUT logs, and which SUT ran with which configured env. The renderers are src/report's; this only gathers.

import fs from 'node:fs';
import { LEDGER_FILES, type FaultRecord } from '../evidence/ledger-records.js';
import { timelineSvg } from '../report/timeline-svg.js';
import { verdictTableHtml } from '../report/verdict-html.js';
import type { ScenarioSession } from './scenario-session.js';

export interface Attachment {
  name: string;
  mediaType: string;
  body: string;
}

const TAIL_LINES = 40;

/** Which SUT a scenario ran, configured how, where: the self-test reads it to reuse a chaos run's results. */
export interface SystemUnderTestFacts {
  sut: string;
  /** The config's env for it, masked as reports mask it (sut-contract.ts). */
  configuredEnv: Record<string, string>;
  runtime: string;
  kafkaVersion: string;
  /** `--sut` of the run, which overrode what the scenario itself would start (null: none given). */
  sutFromCommandLine: string | null;
}
export const SUT_FACTS_ATTACHMENT = 'system-under-test.json';

/** The fault log as people read it: one line per fault with its window. */
export function describeFaults(faults: readonly FaultRecord[], startMs: number): string {
  if (faults.length === 0) return 'No fault was injected in this scenario.';
  const at = (ms: number) => `${((ms - startMs) / 1000).toFixed(1)}s`;
  return faults
    .map((f) => {
      const params = Object.keys(f.params).length > 0 ? ` ${JSON.stringify(f.params)}` : '';
      const window =
        f.healedAt === null
          ? `from ${at(f.injectedAt)}, never healed`
          : `${at(f.injectedAt)} → ${at(f.healedAt)} (${((f.healedAt - f.injectedAt) / 1000).toFixed(1)}s)`;
      return `${f.fault} ${f.subject}: ${window}${params}`;
    })
    .join('\n');
}

function readFaults(file: string): FaultRecord[] {
  if (!fs.existsSync(file)) return [];
  const byId = new Map<string, FaultRecord>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as FaultRecord;
      byId.set(record.id, record);
    } catch {
      // a torn last line: the report shows what is whole
    }
  }
  return [...byId.values()];
}

/** Everything worth attaching, gathered without throwing (a missing part is left out, with a note). */
export function scenarioAttachments(session: ScenarioSession, note?: string): Attachment[] {
  const attachments: Attachment[] = [];
  const evidence = session.evidence;
  const judged = evidence?.last;
  if (judged) {
    attachments.push({ name: 'verdict.html', mediaType: 'text/html', body: verdictTableHtml(judged.verdict) });
    attachments.push({ name: 'verdict.json', mediaType: 'application/json', body: JSON.stringify(judged.verdict, null, 2) });
    attachments.push({ name: 'timeline.svg', mediaType: 'image/svg+xml', body: timelineSvg(judged.timeline) });
  }
  if (evidence) {
    const faults = readFaults(evidence.run.file(LEDGER_FILES.faults));
    attachments.push({ name: 'faults.txt', mediaType: 'text/plain', body: describeFaults(faults, session.startedAt) });
  }
  const facts = [
    `scenario evidence: ${evidence?.root ?? '(none: the scenario never reached an environment)'}`,
    `verdict: ${judged ? String(judged.verdict.valid) : 'not judged'}${session.asserted.size > 0 ? `; asserted checks: ${[...session.asserted].join(', ')}` : ''}`,
    ...Object.entries(session.names.mapping()).map(([gherkin, real]) => `${gherkin} → ${real}`),
    ...(note ? [note] : []),
  ];
  attachments.push({ name: 'scenario.txt', mediaType: 'text/plain', body: facts.join('\n') });

  const env = session.pooledEnvironment?.env;
  if (env && session.sut) {
    const ran: SystemUnderTestFacts = {
      sut: session.sut.name,
      configuredEnv: env.configuredSutEnv(session.sut.name),
      runtime: env.runtime,
      kafkaVersion: env.cluster.kafkaVersion,
      sutFromCommandLine: session.info.sutFromCommandLine ?? null,
    };
    attachments.push({ name: SUT_FACTS_ATTACHMENT, mediaType: 'application/json', body: JSON.stringify(ran, null, 2) });
  }
  if (env) {
    const brokerTails = env.cluster.ids.map(
      (id) => `==== broker ${id} (${env.cluster.broker(id).state}) ====\n${env.cluster.broker(id).tail(TAIL_LINES)}`,
    );
    attachments.push({ name: 'broker-logs.txt', mediaType: 'text/plain', body: brokerTails.join('\n\n') });
    attachments.push({ name: 'target-log.txt', mediaType: 'text/plain', body: env.target.node.tail(TAIL_LINES) || '(empty)' });
  }
  const sut = session.sut;
  if (sut) {
    const tails = sut.fleet.instances.map((i) => `==== ${i.name} (${i.state}) ====\n${i.tail(TAIL_LINES)}`);
    attachments.push({ name: 'sut-logs.txt', mediaType: 'text/plain', body: tails.join('\n\n') || '(no instance)' });
  }
  return attachments;
}
