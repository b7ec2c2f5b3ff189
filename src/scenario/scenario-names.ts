// Scenario-scoped Kafka names. Scenarios of a feature share one cluster, so the topic and group
// a scenario names in Gherkin ("sdc-test-1") become names of its own ("sdc-test-1-s03a1f"): no
// message, commit or group member left over from an earlier scenario can reach this one's
// evidence. The mapping is written into the scenario's run.json and its report.

import crypto from 'node:crypto';
import { ConfigError } from '../util/errors.js';

const KAFKA_NAME = /^[a-zA-Z0-9._-]{1,200}$/;

export interface DeclaredTopic {
  /** As written in the scenario. */
  name: string;
  /** As created in Kafka. */
  real: string;
  partitions: number;
  replicationFactor: number;
}

export class ScenarioNames {
  /** Appended to every name: the scenario's number in the run and a random tag. */
  readonly suffix: string;
  private readonly topics = new Map<string, DeclaredTopic>();
  private readonly groups = new Map<string, string>();

  constructor(scenarioNumber: number, random = crypto.randomBytes(2).toString('hex')) {
    this.suffix = `s${String(scenarioNumber).padStart(2, '0')}${random}`;
  }

  /** The real name for a Gherkin name (validated as Kafka requires). */
  scoped(name: string, what: 'topic' | 'group'): string {
    if (!KAFKA_NAME.test(name)) {
      throw new ConfigError(`the ${what} name "${name}" is not usable`, { fix: 'use 1 to 200 letters, digits, ".", "_" or "-"' });
    }
    return `${name}-${this.suffix}`;
  }

  declareTopic(name: string, partitions: number, replicationFactor: number): DeclaredTopic {
    if (this.topics.has(name))
      throw new ConfigError(`the topic "${name}" is declared twice in this scenario`, { fix: 'declare each topic once' });
    const topic = { name, real: this.scoped(name, 'topic'), partitions, replicationFactor };
    this.topics.set(name, topic);
    return topic;
  }

  topic(name: string): DeclaredTopic {
    const topic = this.topics.get(name);
    if (!topic) {
      throw new ConfigError(`the topic "${name}" is not declared in this scenario`, {
        fix: `add a step like: Given a topic "${name}" with 2 partitions`,
      });
    }
    return topic;
  }

  group(name: string): string {
    let real = this.groups.get(name);
    if (!real) {
      real = this.scoped(name, 'group');
      this.groups.set(name, real);
    }
    return real;
  }

  declaredTopics(): DeclaredTopic[] {
    return [...this.topics.values()];
  }

  declaredGroups(): string[] {
    return [...this.groups.values()];
  }

  /** Gherkin name → real name, for run.json and the report. */
  mapping(): Record<string, string> {
    return {
      ...Object.fromEntries([...this.topics.values()].map((t) => [`topic ${t.name}`, t.real])),
      ...Object.fromEntries([...this.groups].map(([name, real]) => [`group ${name}`, real])),
    };
  }
}
