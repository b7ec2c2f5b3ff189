// Which Kafka a scenario asks for, from its cluster step: none (the configured version), one
// version exactly ("… running Kafka 4.1.1"), or a least version ("… running Kafka 4.1.1 or
// newer": the configured version when it is that new, else that one — a KIP-848 scenario runs on
// whatever 4.x the user configured, and on 4.1.1 when they configured 3.9). The steps, the
// Allure parameter and the matrix all answer "which Kafka does this scenario run on" here, so a
// matrix column never runs a scenario whose cluster would be another version than the column's.
// Pure: step texts and the configured version in.

export interface KafkaRequirement {
  version: string;
  /** true: that version or any newer one; false: exactly that version. */
  orNewer: boolean;
}

/** Matches the text of the two cluster steps that name a version (steps/environment.steps.ts). */
const VERSION_IN_STEP = /\brunning Kafka (\d+\.\d+\.\d+)( or newer)?$/;

/** Negative, zero or positive as a is older than, the same as, or newer than b ("4.10.0" > "4.9.1"). */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(pa!.length, pb!.length); i++) {
    const d = (pa![i] ?? 0) - (pb![i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The first step that names a Kafka version, as a requirement; undefined when none does. */
export function kafkaRequirementOf(stepTexts: readonly string[]): KafkaRequirement | undefined {
  for (const text of stepTexts) {
    const match = VERSION_IN_STEP.exec(text.trim());
    if (match) return { version: match[1]!, orNewer: match[2] !== undefined };
  }
  return undefined;
}

/** The version the scenario's cluster runs when `configured` is the run's version. */
export function kafkaVersionFor(requirement: KafkaRequirement | undefined, configured: string): string {
  if (!requirement) return configured;
  if (requirement.orNewer && compareVersions(configured, requirement.version) >= 0) return configured;
  return requirement.version;
}

/** "Kafka 4.1.1 or newer" / "Kafka 4.1.1": for the matrix's cells that a version column skips. */
export function describeRequirement(requirement: KafkaRequirement): string {
  return `Kafka ${requirement.version}${requirement.orNewer ? ' or newer' : ''}`;
}
