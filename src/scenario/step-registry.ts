// The step vocabulary as the loaded support code defines it: every `defineStep` (steps/support/
// define-step.ts) registers its descriptor here while cucumber loads the step files, so
// `kafka-chaos steps`, docs/steps.md, the preflight and the closest-step finder read exactly the
// steps that run — there is no second list to keep in step with the definitions.

export type StepKind = 'environment' | 'traffic' | 'fault' | 'wait' | 'assertion';

export const KIND_ORDER: readonly StepKind[] = ['environment', 'traffic', 'fault', 'wait', 'assertion'];

/** What a step is, beside its body: shown by `kafka-chaos steps`, read by the preflight. */
export interface StepDescriptor {
  /** A short stable name: run.json's findings and the preflight's argument roles refer to it. */
  id: string;
  kind: StepKind;
  /** A cucumber expression. */
  pattern: string;
  /** A sentence the pattern matches (a test runs every example against every definition). */
  example: string;
  summary: string;
  /** The step starts a SUT: the default one, the one its first argument names, or the reference forwarder. */
  sut?: 'default' | 'named' | 'forwarder';
  /**
   * Range checks of the step's plain arguments ({int}), run before the step and by the
   * preflight, so "0 partitions" fails before any cluster starts. Throws ConfigError.
   * A method signature on purpose: its parameters are checked bivariantly, so each step's
   * validator may take its own argument types, e.g. (n: number).
   */
  validate?(...args: unknown[]): void;
}

const registered = new Map<string, StepDescriptor>();

/** Called by defineStep: a second step with the same id or pattern is a harness bug. */
export function registerStep(step: StepDescriptor): void {
  if (registered.has(step.id)) throw new Error(`step "${step.id}" is defined twice`);
  const twin = [...registered.values()].find((s) => s.pattern === step.pattern);
  if (twin) throw new Error(`steps "${twin.id}" and "${step.id}" have the same pattern "${step.pattern}"`);
  registered.set(step.id, step);
}

/** Every loaded step in print order: by kind, then as defined. Empty until the step files are loaded. */
export function stepEntries(): StepDescriptor[] {
  const all = [...registered.values()];
  return KIND_ORDER.flatMap((kind) => all.filter((s) => s.kind === kind));
}

export function stepById(id: string): StepDescriptor | undefined {
  return registered.get(id);
}

/** `kafka-chaos steps`: every pattern with its example, grouped by kind. */
export function formatSteps(): string {
  const lines: string[] = [];
  for (const kind of KIND_ORDER) {
    lines.push(`${kind}:`);
    for (const s of stepEntries().filter((x) => x.kind === kind))
      lines.push(`  ${s.pattern}`, `      e.g. ${s.example}`, `      ${s.summary}`);
  }
  return lines.join('\n');
}

/** The docs/steps.md table: | kind | step | example | what it does |. */
export function stepsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\\\//g, '/');
  const rows = stepEntries().map((s) => `| ${s.kind} | \`${cell(s.pattern)}\` | \`${cell(s.example)}\` | ${cell(s.summary)} |`);
  return ['| kind | step | example | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
