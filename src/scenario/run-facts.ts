// What one `kafka-chaos chaos` run learned, shared between the cucumber hooks (which fill it in)
// and the chaos command (which reads it after cucumber returns): the environments it started,
// for environment.properties, and each scenario's outcome, for the exit code and the summary.

import type { ErrorKind } from '../util/errors.js';
import { CATEGORIES, kindOfCategory } from './failure-category.js';

export interface EnvironmentFacts {
  runtime: string;
  kafkaVersion: string;
  runDir: string;
  /** image name → id, for a container run. */
  images?: Record<string, string>;
}

export interface ScenarioOutcome {
  feature: string;
  scenario: string;
  status: string;
  /** The failure's category (its message prefix), when it failed. */
  category?: string;
  durationMs: number;
  /** Epoch ms when the scenario ended. */
  endedAt: number;
  /** The scenario's evidence folder, when it got one. */
  evidenceDir?: string;
}

class RunFacts {
  readonly environments: EnvironmentFacts[] = [];
  readonly scenarios: ScenarioOutcome[] = [];
  readonly suts = new Set<string>();

  environmentStarted(facts: EnvironmentFacts): void {
    this.environments.push(facts);
  }

  scenarioEnded(outcome: ScenarioOutcome): void {
    this.scenarios.push(outcome);
  }

  /**
   * Whose failure each failed scenario was, by its category (kindOfCategory), for the exit code:
   * only a verdict on the SUT is 'reliability' — "Checker could not decide" is missing evidence,
   * not a finding, and like an environment failure it exits 2.
   */
  failureKinds(): ErrorKind[] {
    return this.scenarios.filter((s) => s.status === 'FAILED').map((s) => kindOfCategory(s.category));
  }

  /** Feature → wall time from its first scenario's start to its last one's end, in run order. */
  featureWallTimes(): Array<{ feature: string; scenarios: number; wallMs: number; failed: number }> {
    const byFeature = new Map<string, { feature: string; scenarios: number; from: number; to: number; failed: number }>();
    for (const s of this.scenarios) {
      const from = s.endedAt - s.durationMs;
      const entry = byFeature.get(s.feature) ?? { feature: s.feature, scenarios: 0, from, to: s.endedAt, failed: 0 };
      entry.scenarios++;
      entry.from = Math.min(entry.from, from);
      entry.to = Math.max(entry.to, s.endedAt);
      if (s.status !== 'PASSED') entry.failed++;
      byFeature.set(s.feature, entry);
    }
    return [...byFeature.values()].map((e) => ({ feature: e.feature, scenarios: e.scenarios, wallMs: e.to - e.from, failed: e.failed }));
  }

  reset(): void {
    this.environments.length = 0;
    this.scenarios.length = 0;
    this.suts.clear();
  }
}

export const runFacts = new RunFacts();

/** The category a failure message starts with ("Message loss", …), if it has one. */
export function categoryOfMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  // cucumber's message may lead with the error's name ("ReliabilityAssertionError: Message loss: …").
  const text = message.replace(/^[A-Za-z_$][\w$.]*(?: \[[A-Z0-9_]+\])?: (?=[A-Z])/, '');
  return Object.values(CATEGORIES).find((category) => text.startsWith(`${category}:`));
}
