// What one scenario did against one forwarder mode (or one client, for the matrix), read from
// cucumber's message stream (the envelopes its `message` formatter writes). Pure: envelopes in,
// outcomes out (readEnvelopes, at the end, reads such a stream from its file). A scenario
// failed only when it ran to its end and its first failing step says so with a reliability
// category — the fixed prefix of the cucumber layer's failure messages ("Message loss: …"); that
// one category is the outcome, never the union of whatever else the verdict shows violated.
// Anything else — "Environment failure: …" in any step or hook, an undefined or ambiguous step,
// an unclassified error, a scenario cut short or never run — is an environment error, never a
// detection.

import fs from 'node:fs';
import { CATEGORIES } from './failure-category.js';

/** The few fields of cucumber's envelopes the self-test reads (a structural subset of @cucumber/messages). */
export interface Envelope {
  pickle?: { id: string; uri: string; name: string };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string; attempt?: number };
  testStepFinished?: {
    testCaseStartedId: string;
    testStepId: string;
    testStepResult: { status: string; message?: string; exception?: { type?: string; message?: string } };
  };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried?: boolean };
  attachment?: { testCaseStartedId?: string; body: string; contentEncoding?: string; fileName?: string; mediaType: string };
}

/** A scenario of the plan: where it is and what the matrix calls it. */
export interface ScenarioRef {
  /** Short column label, e.g. "seed-stop". */
  id: string;
  /** Feature file, relative to the project root, e.g. "features/seed-000.feature". */
  feature: string;
  /** The scenario's name exactly as written after "Scenario:". */
  name: string;
}

export type OutcomeStatus = 'passed' | 'failed' | 'env-error';

export interface ScenarioOutcome {
  mode: string;
  scenario: string;
  status: OutcomeStatus;
  /** failed: the category of the first failing step (one entry); empty otherwise. */
  categories: string[];
  /** One line: the failure message, or why it is an environment error. */
  detail: string;
}

const RELIABILITY = Object.values(CATEGORIES).filter((c) => c !== CATEGORIES.environment);
/** A finding about the SUT; "Checker could not decide" is a reliability category but not a finding. */
const FINDINGS: readonly string[] = RELIABILITY.filter((c) => c !== CATEGORIES.undecided);

/**
 * The reliability category a failure message starts with, if any. The message may come with the
 * error's name in front ("ReliabilityAssertionError: Message loss: …"), as cucumber prints it.
 */
export function reliabilityCategory(text: string): string | undefined {
  const firstLine = text.split('\n', 1)[0]!.trim();
  const bare = firstLine.replace(/^[A-Za-z_$][\w$]*: (?=[A-Z])/, '');
  return RELIABILITY.find((category) => bare.startsWith(`${category}:`));
}

interface CaseRun {
  steps: { status: string; text: string }[];
  finished: boolean;
}

/** The outcome of each planned scenario of one cucumber run against `mode`. */
export function outcomesFromEnvelopes(mode: string, envelopes: readonly Envelope[], scenarios: readonly ScenarioRef[]): ScenarioOutcome[] {
  const pickles = new Map<string, { uri: string; name: string }>();
  const testCasePickle = new Map<string, string>();
  const startedCase = new Map<string, string>();
  // pickle id → its latest attempt (a retried attempt is superseded by the next one)
  const latestRun = new Map<string, CaseRun>();
  const runs = new Map<string, CaseRun>();
  for (const envelope of envelopes) {
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) testCasePickle.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const run: CaseRun = { steps: [], finished: false };
      runs.set(envelope.testCaseStarted.id, run);
      startedCase.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
      const pickleId = testCasePickle.get(envelope.testCaseStarted.testCaseId);
      if (pickleId !== undefined) latestRun.set(pickleId, run);
    }
    const step = envelope.testStepFinished;
    if (step) {
      const { status, message, exception } = step.testStepResult;
      runs.get(step.testCaseStartedId)?.steps.push({ status, text: exception?.message ?? message ?? '' });
    }
    if (envelope.testCaseFinished) {
      const run = runs.get(envelope.testCaseFinished.testCaseStartedId);
      if (run) run.finished = true;
    }
  }

  return scenarios.map((scenario) => {
    const matching = [...pickles].filter(([, p]) => sameFile(p.uri, scenario.feature) && p.name === scenario.name).map(([id]) => id);
    const base = { mode, scenario: scenario.id };
    if (matching.length === 0) {
      return { ...base, status: 'env-error', categories: [], detail: `cucumber did not load "${scenario.name}" from ${scenario.feature}` };
    }
    const judged = matching.map((pickleId) => judgeRun(latestRun.get(pickleId)));
    // A scenario outline's examples are one scenario here: an environment error in any of them
    // makes the whole undecided, else any failure counts.
    return { ...base, ...(judged.find((j) => j.status === 'env-error') ?? judged.find((j) => j.status === 'failed') ?? judged[0]!) };
  });
}

function judgeRun(run: CaseRun | undefined): Pick<ScenarioOutcome, 'status' | 'categories' | 'detail'> {
  if (!run) return { status: 'env-error', categories: [], detail: 'the scenario never started (a BeforeAll hook or the run failed)' };
  const bad = run.steps.filter((s) => s.status !== 'PASSED' && s.status !== 'SKIPPED');
  const first = bad[0];
  // Cut short (the self-test's bound, a signal mid-step): whatever failed so far proves nothing.
  if (!run.finished)
    return {
      status: 'env-error',
      categories: [],
      detail: `the scenario did not finish (the run was cut short)${first ? `; it had failed: ${oneLine(first.text)}` : ''}`,
    };
  if (!first) {
    if (run.steps.length > 0 && run.steps.every((s) => s.status === 'SKIPPED')) {
      return { status: 'env-error', categories: [], detail: 'every step was skipped' };
    }
    return { status: 'passed', categories: [], detail: 'passed' };
  }
  for (const step of bad) {
    const detail = oneLine(step.text) || step.status;
    if (step.status !== 'FAILED')
      return { status: 'env-error', categories: [], detail: `a step is ${step.status.toLowerCase()}: ${detail}` };
    // Any environment failure (a later hook included) means the run was not the SUT's alone;
    // an undecided verdict is missing evidence: neither proves anything about the SUT.
    const category = reliabilityCategory(step.text);
    if (!category || !FINDINGS.includes(category)) return { status: 'env-error', categories: [], detail };
  }
  return { status: 'failed', categories: [reliabilityCategory(first.text)!], detail: oneLine(first.text) };
}

/** Anchored, escaped: the scenario name exactly, as cucumber's `names` filter (--name) wants a regex. */
export function exactName(name: string): string {
  return `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/** Whether cucumber's pickle uri and a feature path name the same file (slashes, a leading ./). */
export function sameFile(uri: string, feature: string): boolean {
  const normalize = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
  return normalize(uri) === normalize(feature);
}

function oneLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** The envelopes written so far; a line torn by a killed child is skipped. */
export function readEnvelopes(file: string): Envelope[] {
  if (!fs.existsSync(file)) return [];
  const envelopes: Envelope[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      envelopes.push(JSON.parse(line) as Envelope);
    } catch {
      // torn last line of a stopped child
    }
  }
  return envelopes;
}
