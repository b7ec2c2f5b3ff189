// The undefined-step preflight: before any cluster starts, compile every selected scenario
// (a cucumber dry run, which executes nothing) and check each step — it must match exactly one
// step definition, and its arguments must parse ("0 partitions", "for 2 hours" do not). Each
// problem names the step text, its feature:line and the closest known step pattern.

import { Writable } from 'node:stream';
import { runCucumber, type IRunConfiguration, type IRunEnvironment, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope, GherkinDocument } from '@cucumber/messages';
import { describeError } from '../util/errors.js';
import { closestStep, type KnownStep } from './closest-pattern.js';
import { catalogueEntries } from './step-catalogue.js';

export interface StepProblem {
  kind: 'undefined' | 'ambiguous' | 'malformed';
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

/** The known steps: each definition's pattern, with the catalogue's example where there is one. */
export function knownSteps(support: ISupportCodeLibrary): KnownStep[] {
  const examples = new Map(catalogueEntries().map((e) => [e.pattern, e.example]));
  return stepDefinitionsOf(support).map((d) => {
    const pattern = typeof d.pattern === 'string' ? d.pattern : d.pattern.source;
    return { pattern, example: examples.get(pattern) };
  });
}

/** Gherkin step id → line, over backgrounds, scenarios and rules. */
function stepLines(document: GherkinDocument): Map<string, number> {
  const lines = new Map<string, number>();
  const visit = (children: ReadonlyArray<{ background?: { steps: readonly { id: string; location: { line: number } }[] }; scenario?: { steps: readonly { id: string; location: { line: number } }[] }; rule?: { children: readonly unknown[] } }>) => {
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

/** Runs the dry run and returns every step that cannot run, in feature order. */
export async function findStepProblems(configuration: IRunConfiguration, support: ISupportCodeLibrary, environment: IRunEnvironment = {}): Promise<StepProblem[]> {
  const documents = new Map<string, Map<string, number>>();
  const pickles = new Map<string, { uri: string; steps: Map<string, { text: string; astNodeIds: readonly string[] }> }>();
  const testCases: { pickleId: string; steps: ReadonlyArray<{ pickleStepId?: string; stepDefinitionIds?: readonly string[] }> }[] = [];
  const onMessage = (envelope: Envelope) => {
    if (envelope.gherkinDocument?.uri) documents.set(envelope.gherkinDocument.uri, stepLines(envelope.gherkinDocument));
    if (envelope.pickle) {
      const p = envelope.pickle;
      pickles.set(p.id, { uri: p.uri, steps: new Map(p.steps.map((s) => [s.id, { text: s.text, astNodeIds: s.astNodeIds }])) });
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
  const validators = new Map(catalogueEntries().map((e) => [e.pattern, e.validate]));
  const problems: StepProblem[] = [];
  const seen = new Set<string>();
  for (const testCase of testCases) {
    const pickle = pickles.get(testCase.pickleId);
    if (!pickle) continue;
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
      try {
        const values = (definition?.expression.match(step.text) ?? []).map((argument) => argument.getValue(null));
        validators.get(String(definition?.pattern))?.(...values);
      } catch (error) {
        seen.add(key);
        problems.push({ kind: 'malformed', ...where, detail: describeError(error), closest: known.find((k) => k.pattern === String(definition?.pattern)) });
      }
    }
  }
  return problems;
}

/** One block per problem, for the terminal. */
export function formatStepProblems(problems: readonly StepProblem[]): string {
  const lines = [`${problems.length} step${problems.length === 1 ? '' : 's'} cannot run — nothing was started:`];
  for (const p of problems) {
    const what = p.kind === 'undefined' ? 'undefined step' : p.kind === 'ambiguous' ? 'ambiguous step' : 'malformed step';
    lines.push(`  ${p.uri}:${p.line}  ${what} "${p.text}"${p.detail ? `: ${p.detail}` : ''}`);
    if (p.closest) lines.push(`      closest known step: "${p.closest.pattern}"${p.closest.example ? ` (e.g. "${p.closest.example}")` : ''}`);
  }
  lines.push('  fix: correct the step, or run `npm run steps` for every step with an example');
  return lines.join('\n');
}
