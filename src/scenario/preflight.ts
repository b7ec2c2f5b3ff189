// The step preflight: before any cluster starts, compile every selected scenario (a cucumber dry
// run, which executes nothing) and check each step — it must match exactly one step definition,
// and its arguments must parse ("0 partitions", "for 2 hours" do not). Each problem names the
// step text, its feature:line and the closest known step pattern. The compiled scenarios (each
// step with its registered id and parsed arguments) go on to preflight-scenarios.ts, which checks
// what only a whole scenario and the config can tell (replication vs brokers, the SUT).

import { Writable } from 'node:stream';
import { runCucumber, type IRunConfiguration, type IRunEnvironment, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope, GherkinDocument } from '@cucumber/messages';
import { hint } from '../setup/command-hint.js';
import { describeError } from '../util/errors.js';
import { closestStep, type KnownStep } from './closest-pattern.js';
import { stepEntries } from './step-registry.js';

export interface StepProblem {
  /** unrunnable: the step parses, but cannot run in this scenario or with this config. */
  kind: 'undefined' | 'ambiguous' | 'malformed' | 'unrunnable' | 'unparsable';
  uri: string;
  line: number;
  text: string;
  detail?: string;
  closest?: KnownStep;
}

/** The parts of cucumber's support library the preflight reads (not in its public types). */
interface StepDefinitionLike {
  id: string;
  pattern: string | RegExp;
  uri: string;
  line: number;
  expression: { match(text: string): ReadonlyArray<{ getValue(thisObj: unknown): unknown }> | null };
}

function stepDefinitionsOf(support: ISupportCodeLibrary): StepDefinitionLike[] {
  return (support as unknown as { stepDefinitions?: StepDefinitionLike[] }).stepDefinitions ?? [];
}

/** The known steps: each definition's pattern, with its registered example where there is one. */
export function knownSteps(support: ISupportCodeLibrary): KnownStep[] {
  const examples = new Map(stepEntries().map((e) => [e.pattern, e.example]));
  return stepDefinitionsOf(support).map((d) => {
    const pattern = typeof d.pattern === 'string' ? d.pattern : d.pattern.source;
    return { pattern, example: examples.get(pattern) };
  });
}

/** Gherkin step id → line, over backgrounds, scenarios and rules. */
function stepLines(document: GherkinDocument): Map<string, number> {
  const lines = new Map<string, number>();
  const visit = (
    children: ReadonlyArray<{
      background?: { steps: readonly { id: string; location: { line: number } }[] };
      scenario?: { steps: readonly { id: string; location: { line: number } }[] };
      rule?: { children: readonly unknown[] };
    }>,
  ) => {
    for (const child of children) {
      for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) lines.set(step.id, step.location.line);
      if (child.rule) visit(child.rule.children as never);
    }
  };
  visit((document.feature?.children ?? []) as never);
  return lines;
}

const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

/** A step that matched one definition and whose arguments parsed. */
export interface CompiledStep {
  id: string | undefined;
  /** The parsed arguments, as the step's body receives them. */
  values: unknown[];
  uri: string;
  line: number;
  text: string;
}

export interface CompiledScenario {
  uri: string;
  name: string;
  /** Its tags and its feature's ("@smoke", "@sut:go-forwarder"). */
  tags?: readonly string[];
  /** Background steps first, in order. */
  steps: CompiledStep[];
}

export interface Compilation {
  problems: StepProblem[];
  /** The selected scenarios (after paths, tags and names). */
  scenarios: CompiledScenario[];
  /** Every scenario in the feature files found, before tags and names filter them. */
  scenariosFound: number;
  /** The feature files found (uris). */
  featureFiles: string[];
}

/** Runs the dry run and returns every step that cannot run, in feature order. */
export async function findStepProblems(
  configuration: IRunConfiguration,
  support: ISupportCodeLibrary,
  environment: IRunEnvironment = {},
): Promise<StepProblem[]> {
  return (await compileScenarios(configuration, support, environment)).problems;
}

/** Runs the dry run: the selected scenarios, compiled, and every step that cannot run. */
export async function compileScenarios(
  configuration: IRunConfiguration,
  support: ISupportCodeLibrary,
  environment: IRunEnvironment = {},
): Promise<Compilation> {
  const documents = new Map<string, Map<string, number>>();
  const problems: StepProblem[] = [];
  const pickles = new Map<
    string,
    { uri: string; name: string; tags: string[]; steps: Map<string, { text: string; astNodeIds: readonly string[] }> }
  >();
  const testCases: { pickleId: string; steps: ReadonlyArray<{ pickleStepId?: string; stepDefinitionIds?: readonly string[] }> }[] = [];
  const onMessage = (envelope: Envelope) => {
    if (envelope.gherkinDocument?.uri) documents.set(envelope.gherkinDocument.uri, stepLines(envelope.gherkinDocument));
    if (envelope.parseError) {
      const { source, message } = envelope.parseError;
      problems.push({
        kind: 'unparsable',
        uri: source.uri ?? '?',
        line: source.location?.line ?? 0,
        text: '',
        detail: message.split('\n')[0],
      });
    }
    // Every pickle is announced, also those the tags and names then filter out.
    if (envelope.pickle) {
      const p = envelope.pickle;
      pickles.set(p.id, {
        uri: p.uri,
        name: p.name,
        tags: p.tags.map((t) => t.name),
        steps: new Map(p.steps.map((s) => [s.id, { text: s.text, astNodeIds: s.astNodeIds }])),
      });
    }
    if (envelope.testCase) testCases.push({ pickleId: envelope.testCase.pickleId, steps: envelope.testCase.testSteps });
  };
  await runCucumber(
    {
      ...configuration,
      support,
      runtime: { ...configuration.runtime, dryRun: true },
      formats: { stdout: 'summary', files: {}, publish: false, options: {} },
    },
    { ...environment, stdout: sink(), stderr: sink() },
    onMessage,
  );

  const definitions = new Map(stepDefinitionsOf(support).map((d) => [d.id, d]));
  const known = knownSteps(support);
  const catalogue = new Map(stepEntries().map((e) => [e.pattern, e]));
  const scenarios: CompiledScenario[] = [];
  const seen = new Set<string>();
  for (const testCase of testCases) {
    const pickle = pickles.get(testCase.pickleId);
    if (!pickle) continue;
    const scenario: CompiledScenario = { uri: pickle.uri, name: pickle.name, tags: pickle.tags, steps: [] };
    scenarios.push(scenario);
    for (const testStep of testCase.steps) {
      const step = testStep.pickleStepId ? pickle.steps.get(testStep.pickleStepId) : undefined;
      if (!step) continue; // a hook
      const line = documents.get(pickle.uri)?.get(step.astNodeIds[0] ?? '') ?? 0;
      const key = `${pickle.uri}:${line}:${step.text}`;
      if (seen.has(key)) continue; // a Background step repeats in every scenario
      const ids = testStep.stepDefinitionIds ?? [];
      const where = { uri: pickle.uri, line, text: step.text };
      if (ids.length === 0) {
        seen.add(key);
        problems.push({ kind: 'undefined', ...where, closest: closestStep(step.text, known)?.step });
        continue;
      }
      if (ids.length > 1) {
        seen.add(key);
        const patterns = ids.map((id) => String(definitions.get(id)?.pattern ?? id));
        problems.push({ kind: 'ambiguous', ...where, detail: `it matches ${patterns.map((p) => `"${p}"`).join(' and ')}` });
        continue;
      }
      const definition = definitions.get(ids[0]!);
      const entry = catalogue.get(String(definition?.pattern));
      try {
        const values = (definition?.expression.match(step.text) ?? []).map((argument) => argument.getValue(null));
        entry?.validate?.(...values);
        scenario.steps.push({ id: entry?.id, values, ...where });
      } catch (error) {
        seen.add(key);
        problems.push({
          kind: 'malformed',
          ...where,
          detail: describeError(error),
          closest: known.find((k) => k.pattern === String(definition?.pattern)),
        });
      }
    }
  }
  return { problems, scenarios, scenariosFound: pickles.size, featureFiles: [...documents.keys()] };
}

const WHAT: Record<StepProblem['kind'], string> = {
  undefined: 'undefined step',
  ambiguous: 'ambiguous step',
  malformed: 'malformed step',
  unrunnable: 'cannot run',
  unparsable: 'not valid Gherkin',
};

/** One block per problem, for the terminal. */
export function formatStepProblems(problems: readonly StepProblem[]): string {
  const lines = [`${problems.length} step${problems.length === 1 ? '' : 's'} cannot run — nothing was started:`];
  // Each line is one problem; its own "— fix:" says what to do where the step alone cannot.
  for (const p of problems) {
    const text = p.text === '' ? '' : ` "${p.text}"`;
    lines.push(`  ${p.uri}:${p.line}  ${WHAT[p.kind]}${text}${p.detail ? `: ${p.detail}` : ''}`);
    if (p.closest)
      lines.push(`      closest known step: "${p.closest.pattern}"${p.closest.example ? ` (e.g. "${p.closest.example}")` : ''}`);
  }
  lines.push(`  fix: correct the step, or run \`${hint('steps')}\` for every step with an example`);
  return lines.join('\n');
}
