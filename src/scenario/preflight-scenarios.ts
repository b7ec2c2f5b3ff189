// The scenario preflight: what the compiled steps of a whole scenario and the config can tell
// before any cluster starts — a replication factor above the broker count, min in-sync replicas
// above the factor, "broker 9" on 3 brokers, a partition the topic does not have, a topic or
// group name Kafka would refuse, and which SUT each step starts (an unknown name, or "the system
// under test" with two of the user's SUTs declared and no --sut). Pure: compiled scenarios and
// facts in, problems out; whether each SUT can be started is sut-preflight.ts's question.

import { describeError } from '../util/errors.js';
import { requestedSutOf, sutOfStep } from './default-sut.js';
import type { CompiledScenario, CompiledStep, StepProblem } from './preflight.js';
import type { LinkSpec } from './parameters.js';
import { ScenarioNames } from './scenario-names.js';
import { stepById } from './step-registry.js';

export interface ScenarioFacts {
  /** kafka.brokers of the config: the cluster of a scenario that declares none. */
  brokers: number;
  /** The SUT names the config declares (the forwarder included). */
  declaredSuts: readonly string[];
  /** `--sut` (the world parameter), if given. */
  requestedSut: string | undefined;
}

export interface ScenarioCheck {
  problems: StepProblem[];
  /** Each SUT some selected step starts, with the first step that does (for the SUT preflight). */
  suts: Map<string, CompiledStep>;
}

/** What an argument of a step names, read from its pattern: `{broker}`, "a topic {string}", … */
type Role = 'broker' | 'link' | 'topic' | 'group' | 'partition' | 'other';

const ROLES = new Map<string, Role[]>();

/** The roles of a step's arguments, in order (memoised per step id). */
export function argumentRoles(id: string): Role[] {
  let roles = ROLES.get(id);
  if (!roles) {
    const pattern = stepById(id)?.pattern ?? '';
    roles = [...pattern.matchAll(/\{(\w*)\}/g)].map((m): Role => {
      const before = pattern.slice(0, m.index);
      if (m[1] === 'broker' || m[1] === 'link') return m[1];
      if (m[1] === 'string' && /(^|\s)a topic $/.test(before)) return 'topic';
      if (m[1] === 'string' && /as group $/.test(before)) return 'group';
      if (m[1] === 'int' && /partition $/.test(before)) return 'partition';
      return 'other';
    });
    ROLES.set(id, roles);
  }
  return roles;
}

/** The steps that declare the cluster (steps/environment.steps.ts); each takes the broker count first. */
const CLUSTER_STEPS = new Set(['cluster', 'clusterVersion', 'clusterMinVersion', 'clusterTls']);

/** The cluster size a scenario runs on: its cluster step's, else the config's. */
function brokersOf(scenario: CompiledScenario, fallback: number): number {
  const cluster = scenario.steps.find((s) => s.id !== undefined && CLUSTER_STEPS.has(s.id));
  return cluster ? Number(cluster.values[0]) : fallback;
}

/** Replication factor and min in-sync replicas as the session applies them (scenario-session.ts). */
function replication(step: CompiledStep, brokers: number): { factor: number; insync: number } | undefined {
  const [, , factor, insync] = step.values as [string, number, number?, number?];
  if (step.id === 'topic') return { factor: Math.min(3, brokers), insync: Math.min(2, brokers) };
  if (step.id === 'topicRf') return { factor: factor!, insync: Math.min(2, factor!) };
  if (step.id === 'topicRfIsr') return { factor: factor!, insync: insync! };
  return undefined;
}

function checkStep(step: CompiledStep, brokers: number, partitions: Map<string, number>, names: ScenarioNames): string[] {
  const causes: string[] = [];
  const range = `the scenario's cluster has ${brokers} broker${brokers === 1 ? '' : 's'}`;
  const noBroker = (id: number) => {
    if (id > brokers)
      causes.push(
        `there is no broker ${id}: ${range} — fix: name broker 1 to broker ${brokers}, or declare a bigger cluster ("Given a Kafka cluster of ${id} brokers")`,
      );
  };
  const repl = replication(step, brokers);
  if (repl && repl.factor > brokers) {
    causes.push(
      `replication factor ${repl.factor} needs ${repl.factor} brokers; ${range} — fix: lower the factor to at most ${brokers}, or declare "Given a Kafka cluster of ${repl.factor} brokers"`,
    );
  }
  if (repl && repl.insync > repl.factor) {
    causes.push(`min in-sync replicas ${repl.insync} is above the replication factor ${repl.factor} — fix: use at most ${repl.factor}`);
  }
  const roles = step.id ? argumentRoles(step.id) : [];
  roles.forEach((role, i) => {
    const value = step.values[i];
    try {
      if (role === 'broker') noBroker(value as number);
      if (role === 'link') {
        const link = value as LinkSpec;
        if (typeof link.from === 'number') noBroker(link.from);
        noBroker(link.to);
      }
      if (role === 'topic') names.scoped(String(value), 'topic');
      if (role === 'group') names.scoped(String(value), 'group');
      if (role === 'partition') {
        const count = partitions.get(String(step.values[i + 1]));
        if (count !== undefined && (value as number) >= count) {
          causes.push(
            `"${String(step.values[i + 1])}" has ${count} partition${count === 1 ? '' : 's'} (0 to ${count - 1}), not partition ${String(value)} — fix: name partition 0 to ${count - 1}`,
          );
        }
      }
    } catch (error) {
      causes.push(describeError(error));
    }
  });
  return causes;
}

/** Every problem the selected scenarios would meet only after a cluster started. */
export function checkScenarios(scenarios: readonly CompiledScenario[], facts: ScenarioFacts): ScenarioCheck {
  const problems: StepProblem[] = [];
  const suts = new Map<string, CompiledStep>();
  const seen = new Set<string>();
  const report = (step: CompiledStep, detail: string) => {
    const key = `${step.uri}:${step.line}:${detail}`;
    if (seen.has(key)) return; // a Background step repeats in every scenario
    seen.add(key);
    problems.push({ kind: 'unrunnable', uri: step.uri, line: step.line, text: step.text, detail });
  };
  for (const scenario of scenarios) {
    const brokers = brokersOf(scenario, facts.brokers);
    const names = new ScenarioNames(1, '0000'); // the real suffix has the same length
    const partitions = new Map<string, number>();
    for (const step of scenario.steps) {
      if (replication(step, brokers)) partitions.set(String(step.values[0]), Number(step.values[1]));
      for (const cause of checkStep(step, brokers, partitions, names)) report(step, cause);
      try {
        const sut = sutOfStep(step.id, step.values, requestedSutOf(facts.requestedSut, scenario.tags), facts.declaredSuts);
        if (sut !== undefined && !suts.has(sut)) suts.set(sut, step);
      } catch (error) {
        report(step, describeError(error));
      }
    }
  }
  return { problems, suts };
}
