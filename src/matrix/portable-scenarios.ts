// Which selected scenarios `kafka-chaos matrix` can run against each client: those that start
// "the system under test" — the SUT `--sut` names — and nothing else. A scenario that names its
// SUT ("the forwarder consumes …", "the system under test "go-forwarder" consumes …") runs that
// SUT whatever --sut says, so running it once per client would repeat one client's result under
// another's name; it is listed as pinned instead. A portable scenario also carries the Kafka its
// cluster step asks for, so a version column runs only the scenarios whose cluster would be that
// version (kafka-requirement.ts). Pure: compiled scenarios and step kinds in.

import type { CompiledScenario } from '../scenario/preflight.js';
import { kafkaRequirementOf, kafkaVersionFor, type KafkaRequirement } from '../scenario/kafka-requirement.js';
import type { StepDescriptor } from '../scenario/step-registry.js';

export interface MatrixScenario {
  /** Feature file, as cucumber names it (relative to the project). */
  feature: string;
  name: string;
  /** What its cluster step asks for ("running Kafka 4.1.1 or newer"); absent: the column's version. */
  kafka?: KafkaRequirement;
}

export interface PinnedScenario extends MatrixScenario {
  /** What pins it: the step's text. */
  step: string;
}

export interface PortableSplit {
  portable: MatrixScenario[];
  pinned: PinnedScenario[];
  /** Scenarios that start no SUT (e.g. the harness producer's durability): nothing to compare. */
  withoutSut: MatrixScenario[];
}

export function splitPortable(
  scenarios: readonly CompiledScenario[],
  kindOf: (stepId: string) => StepDescriptor['sut'] | undefined,
): PortableSplit {
  const split: PortableSplit = { portable: [], pinned: [], withoutSut: [] };
  for (const scenario of scenarios) {
    const kafka = kafkaRequirementOf(scenario.steps.map((s) => s.text));
    const ref = { feature: scenario.uri, name: scenario.name, ...(kafka ? { kafka } : {}) };
    const starts = scenario.steps.flatMap((step) => {
      const kind = step.id === undefined ? undefined : kindOf(step.id);
      return kind === undefined ? [] : [{ kind, text: step.text }];
    });
    const pin = starts.find((s) => s.kind !== 'default');
    if (pin) split.pinned.push({ ...ref, step: pin.text });
    else if (starts.length === 0) split.withoutSut.push(ref);
    else split.portable.push(ref);
  }
  return split;
}

/** Whether a column on `kafkaVersion` runs the scenario: only when its cluster would be that version. */
export function runsOnColumn(scenario: MatrixScenario, kafkaVersion: string): boolean {
  return kafkaVersionFor(scenario.kafka, kafkaVersion) === kafkaVersion;
}
