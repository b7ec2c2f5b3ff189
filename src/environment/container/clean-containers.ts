// chaos:clean for the container runtime: finds containers and networks by their run labels (never
// by name), and removes those of runs whose runner is dead — or every run's, when forced. With no
// Docker daemon there is nothing of ours to find. Given `runsRoot`, runs whose
// kafka-chaos.runs-root label names another runs directory (or none) are reported, never touched.

import { runnerAlive } from '../../evidence/run-directory.js';
import { dockerAnswers, dockerClient } from '../../images/docker-client.js';
import { inLane } from '../process/clean-orphans.js';
import { LABEL } from './run-labels.js';

export interface ContainerCleanReport {
  runId: string;
  containers: string[];
  networks: string[];
  runnerAlive: boolean;
  removed: boolean;
  /** The runs directory its labels name ('' when they name none). */
  runsRoot: string;
  /** Of another runs directory than the one cleaned: left alone. */
  elsewhere: boolean;
}

export async function cleanContainers(
  options: { runId?: string; force?: boolean; runsRoot?: string } = {},
): Promise<ContainerCleanReport[]> {
  if (!(await dockerAnswers())) return [];
  const docker = dockerClient();
  const filter = { label: [options.runId ? `${LABEL.runId}=${options.runId}` : LABEL.runId] };
  const [containers, networks] = await Promise.all([
    docker.listContainers({ all: true, filters: filter }),
    docker.listNetworks({ filters: filter }),
  ]);
  const byRun = new Map<string, ContainerCleanReport & { runners: Set<string> }>();
  const entry = (labels: Record<string, string> | undefined) => {
    const runId = labels?.[LABEL.runId] ?? '';
    let report = byRun.get(runId);
    if (!report) {
      const runsRoot = labels?.[LABEL.runsRoot] ?? '';
      report = {
        runId,
        containers: [],
        networks: [],
        runnerAlive: false,
        removed: false,
        runsRoot,
        elsewhere: !inLane(runsRoot, options.runsRoot),
        runners: new Set(),
      };
      byRun.set(runId, report);
    }
    if (labels?.[LABEL.runner]) report.runners.add(labels[LABEL.runner]!);
    return report;
  };
  for (const container of containers) entry(container.Labels).containers.push(container.Id);
  for (const network of networks) entry(network.Labels).networks.push(network.Id);

  const reports: ContainerCleanReport[] = [];
  for (const { runners, ...report } of byRun.values()) {
    report.runnerAlive = [...runners].some(runnerAlive);
    reports.push(report);
    if (report.elsewhere || (report.runnerAlive && !options.force)) continue;
    // Containers first: a network in use cannot be removed.
    await Promise.all(report.containers.map((id) => docker.getContainer(id).remove({ force: true, v: true }).catch(notFound)));
    await Promise.all(report.networks.map((id) => docker.getNetwork(id).remove().catch(notFound)));
    report.removed = true;
  }
  return reports;
}

function notFound(error: { statusCode?: number }): void {
  if (error.statusCode !== 404) throw error;
}
