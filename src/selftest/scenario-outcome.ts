// What one scenario did against one forwarder mode, read from cucumber's message stream (the
// envelopes its `message` formatter writes). Pure: envelopes in, outcomes out. A scenario
// failed only when its first failing step says so with a reliability category — the fixed
// prefix of the cucumber layer's failure messages ("Message loss: …"). Anything else that went
// wrong — "Environment failure: …", an undefined or ambiguous step, a hook that threw an
// unclassified error, a scenario that never ran — is an environment error, never a detection.

import { CATEGORIES, categoryOfCheck } from '../scenario/failure-category.js';

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
  /** failed: the failure's category first, then those of other checks its verdict.json shows violated. */
  categories: string[];
  /** One line: the failure message, or why it is an environment error. */
  detail: string;
}

const RELIABILITY = Object.values(CATEGORIES).filter((c) => c !== CATEGORIES.environment);

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
  verdictCategories: Set<string>;
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
      const run: CaseRun = { steps: [], finished: false, verdictCategories: new Set() };
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
    const attachment = envelope.attachment;
    if (attachment?.testCaseStartedId !== undefined && attachment.fileName === 'verdict.json') {
      const run = runs.get(attachment.testCaseStartedId);
      for (const category of violatedCategories(attachment)) run?.verdictCategories.add(category);
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
  const bad = run.steps.find((s) => s.status !== 'PASSED' && s.status !== 'SKIPPED');
  if (!bad) {
    if (!run.finished) return { status: 'env-error', categories: [], detail: 'the scenario did not finish (the run was cut short)' };
    if (run.steps.length > 0 && run.steps.every((s) => s.status === 'SKIPPED')) {
      return { status: 'env-error', categories: [], detail: 'every step was skipped' };
    }
    return { status: 'passed', categories: [], detail: 'passed' };
  }
  const detail = oneLine(bad.text) || bad.status;
  if (bad.status !== 'FAILED') return { status: 'env-error', categories: [], detail: `a step is ${bad.status.toLowerCase()}: ${detail}` };
  const category = reliabilityCategory(bad.text);
  if (!category) return { status: 'env-error', categories: [], detail };
  return { status: 'failed', categories: [category, ...[...run.verdictCategories].filter((c) => c !== category)], detail };
}

/** Categories of the checks a verdict.json attachment shows violated; nothing when it is unreadable. */
function violatedCategories(attachment: NonNullable<Envelope['attachment']>): string[] {
  try {
    const text = attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
    const verdict = JSON.parse(text) as { checks?: { name?: unknown; valid?: unknown }[] };
    return (verdict.checks ?? []).filter((c) => c.valid === false && typeof c.name === 'string').map((c) => categoryOfCheck(c.name as string));
  } catch {
    return [];
  }
}

function sameFile(uri: string, feature: string): boolean {
  const normalize = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
  return normalize(uri) === normalize(feature);
}

function oneLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
