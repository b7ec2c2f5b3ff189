// Builds a ChaosEnvironment from kafka-chaos.config.json, for `kafka-chaos up` and the scenarios'
// environment pool. It lives with the config, not the CLI, because the scenario layer needs it
// too and must not import from src/cli/ (CONTRIBUTING.md, Layers).

import { ChaosEnvironment } from '../environment/chaos-environment.js';
import { loadConfig } from './chaos-config.js';

export function environmentFromConfig(): ChaosEnvironment {
  const config = loadConfig();
  const environment = new ChaosEnvironment()
    .withBrokers(config.kafka.brokers)
    .withKafkaVersion(config.kafka.version)
    .withRuntime(config.runtime);
  for (const [name, definition] of Object.entries(config.sut)) environment.withSut(name, definition);
  return environment;
}
