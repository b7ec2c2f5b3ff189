// Hand-built Allure results for the report's browser test, as allure-cucumberjs writes them: a
// result JSON per scenario and, beside it, its After hook's container holding the attachments —
// the real renderers' verdict table, verdict.json and timeline chart over hand-built evidence of
// seed 000's story. The status and message of each come from the cucumber layer's own errors
// (a ReliabilityAssertionError, a classified EnvironmentError) through cucumber-js's formatter and
// allure-js-commons' status rule, as they would in a real run.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Ledgers } from '../../src/evidence/ledger-records.js';
import { writeAllureExtras } from '../../src/report/allure-extras.js';
import { timelineSvg } from '../../src/report/timeline-svg.js';
import { verdictTableHtml } from '../../src/report/verdict-html.js';
import { classifyStepError, failureFor } from '../../src/scenario/failure-category.js';
import { EnvironmentError } from '../../src/util/errors.js';
import { buildTimeline, verify } from '../../src/verify/index.js';
import { GROUP, OPTIONS, answered, commit, fault, finalOffsets, ledgers, logged, produced } from './verify-fixtures.js';
import { allureViewOf } from './report-cucumber-error.js';

export const FAILING = 'A forwarder that commits before it sends loses what is produced while the HTTP server is down';
const T0 = 1_750_000_000_000;

/** 300 messages, one per 100 ms over two partitions; the target is down from 10 s to 22 s. */
function seedStory(commitBeforeSend: boolean): Ledgers {
  const history = ledgers({ faults: [fault('target-down', T0 + 10_000, T0 + 22_000)] });
  const offsets = [0, 0];
  for (let i = 0; i < 300; i++) {
    const id = `m-${i}`;
    const partition = i % 2;
    const at = T0 + i * 100;
    history.produced.push(produced(id, partition, offsets[partition]!, at));
    history.log.push(logged(id, partition, offsets[partition]!++));
    const down = at >= T0 + 10_000 && at < T0 + 22_000;
    // The broken forwarder drops what it could not send; the correct one retries until the heal,
    // delivers the backlog (messages 100..219) first, then what came after, in order.
    if (down && commitBeforeSend) continue;
    const afterHeal = at >= T0 + 22_000;
    history.delivered.push(answered(id, down ? T0 + 22_000 + (i - 100) : afterHeal ? Math.max(at + 40, T0 + 22_200) : at + 40));
  }
  for (let s = 1; s <= 32; s++) {
    const up = s * 1000 < 10_000 || s * 1000 >= 23_000;
    if (!up && !commitBeforeSend) continue; // the correct forwarder does not commit while it cannot send
    const done = Math.min(300, s * 10);
    history.commits.push(commit(0, Math.ceil(done / 2), T0 + s * 1000 + 50), commit(1, Math.floor(done / 2), T0 + s * 1000 + 60));
  }
  history.offsets = finalOffsets({ 0: 150, 1: 150 }, { 0: 150, 1: 150 });
  return history;
}

interface Fixture {
  name: string;
  /** What the scenario's step threw; none: it passed. */
  error?: Error;
  attachments: { name: string; type: string; ext: string; content: string }[];
}

/** A result, and its After hook's container holding the attachments, as allure-cucumberjs writes them. */
function writeResult(resultsDir: string, fixture: Fixture): void {
  const now = Date.now();
  // allure-cucumberjs records each attach() of an After hook as a step holding one attachment.
  const attachmentSteps = fixture.attachments.map((a) => {
    const source = `${randomUUID()}-attachment.${a.ext}`;
    fs.writeFileSync(path.join(resultsDir, source), a.content);
    return { name: a.name, attachments: [{ name: a.name, source, type: a.type }], start: now + 6, stop: now + 6 };
  });
  // The status and message allure-cucumberjs would record for the error (through cucumber's formatter).
  const view = fixture.error ? allureViewOf(fixture.error) : undefined;
  const status = view?.status ?? 'passed';
  const details = view ? { message: view.message, trace: view.trace } : {};
  const step = (name: string, stepStatus: string, extra: object = {}) => ({
    name,
    status: stepStatus,
    stage: 'finished',
    statusDetails: {},
    steps: [],
    attachments: [],
    parameters: [],
    start: now,
    stop: now + 5,
    ...extra,
  });
  const id = Buffer.from(fixture.name).toString('hex').slice(0, 32);
  const uuid = randomUUID();
  const result = {
    uuid,
    historyId: id,
    testCaseId: id,
    name: fixture.name,
    fullName: `features/http-target-outage.feature#${fixture.name}`,
    status,
    statusDetails: details,
    stage: 'finished',
    steps: [
      step(
        'Given a Kafka cluster of 3 brokers',
        status === 'broken' ? 'broken' : 'passed',
        status === 'broken' ? { statusDetails: details } : {},
      ),
      step('Then no message is lost', status === 'broken' ? 'skipped' : status, { statusDetails: status === 'failed' ? details : {} }),
    ],
    attachments: [],
    parameters: [],
    labels: [
      { name: 'feature', value: 'The HTTP target goes down' },
      { name: 'story', value: fixture.name },
      { name: 'severity', value: 'critical' },
      { name: 'tag', value: '@seed-000' },
      { name: 'language', value: 'javascript' },
      { name: 'framework', value: 'cucumberjs' },
    ],
    links: [],
    start: now,
    stop: now + 10,
  };
  const after = {
    status: 'passed',
    statusDetails: {},
    stage: 'finished',
    steps: attachmentSteps,
    attachments: [],
    parameters: [],
    start: now + 6,
    stop: now + 7,
  };
  fs.writeFileSync(path.join(resultsDir, `${uuid}-result.json`), JSON.stringify(result));
  fs.writeFileSync(
    path.join(resultsDir, `${randomUUID()}-container.json`),
    JSON.stringify({ uuid: randomUUID(), children: [uuid], befores: [], afters: [after] }),
  );
}

function scenarioAttachments(history: Ledgers) {
  const verdict = verify(history, OPTIONS);
  return {
    verdict,
    attachments: [
      { name: 'verdict.html', type: 'text/html', ext: 'html', content: verdictTableHtml(verdict) },
      { name: 'timeline.svg', type: 'image/svg+xml', ext: 'svg', content: timelineSvg(buildTimeline(history, GROUP)) },
      { name: 'verdict.json', type: 'application/json', ext: 'json', content: JSON.stringify(verdict, null, 2) },
    ],
  };
}

/** A passing scenario, a failed "Message loss:" one and a broken "Environment failure:" one. */
export function writeFixtureResults(resultsDir: string): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  const passing = scenarioAttachments(seedStory(false));
  assert.equal(passing.verdict.valid, true, 'the correct forwarder’s evidence holds');
  writeResult(resultsDir, { name: 'Everything works and a commit follows', attachments: passing.attachments });
  // The error the cucumber layer's "Then no message is lost" throws for this verdict.
  const failing = scenarioAttachments(seedStory(true));
  const error = failureFor(failing.verdict, ['lost']);
  assert.ok(error, 'the broken forwarder’s evidence shows loss');
  writeResult(resultsDir, { name: FAILING, error, attachments: failing.attachments });
  writeResult(resultsDir, {
    name: 'A broker that never starts is an environment failure',
    error: classifyStepError(new EnvironmentError('broker 2 did not become ready within 60 s — see logs/broker-2.log')),
    attachments: [{ name: 'broker-2.log (tail)', type: 'text/plain', ext: 'txt', content: 'ERROR Exiting Kafka due to fatal exception\n' }],
  });
  writeAllureExtras(resultsDir, {
    runtime: 'process',
    kafkaVersion: '3.9.1',
    sut: 'reference forwarder (FORWARDER_MODE=commit-before-send)',
  });
}
