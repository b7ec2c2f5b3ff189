// Builds a ChaosEnvironment from kafka-chaos.config.json, for the commands that need one.

import { loadConfig } from '../../config/chaos-config.js';
import { ChaosEnvironment } from '../../environment/chaos-environment.js';

export function environmentFromConfig(): ChaosEnvironment {
  const config = loadConfig();
  const environment = new ChaosEnvironment()
    .withBrokers(config.kafka.brokers)
    .withKafkaVersion(config.kafka.version)
    .withRuntime(config.runtime);
  for (const [name, definition] of Object.entries(config.sut)) environment.withSut(name, definition);
  return environment;
}
