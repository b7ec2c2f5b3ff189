// The labels every container and network of a run carries — the container runtime's version of
// the process runtime's environment labels — so that clean-up finds a run's leftovers by label,
// never by name, and leaves a run alone while its runner lives.

import { runnerLabel, runsRootLabel } from '../../evidence/run-directory.js';

export const LABEL = {
  runId: 'kafka-chaos.run-id',
  runner: 'kafka-chaos.runner',
  role: 'kafka-chaos.role',
  /** The absolute runs directory of the run: clean stays in its own project's lane. */
  runsRoot: 'kafka-chaos.runs-root',
} as const;

export function runLabels(runId: string, role: string): Record<string, string> {
  return { [LABEL.runId]: runId, [LABEL.runner]: runnerLabel(), [LABEL.role]: role, [LABEL.runsRoot]: runsRootLabel(runId) };
}

/** The Docker name of a run's container or network: unique per run, readable in `docker ps`. */
export function runResourceName(runId: string, role: string): string {
  return `kafka-chaos-${runId}-${role}`;
}
