// The SUT contract: the environment every system under test is started with, whichever runtime
// and language. Documented in README ("Plug in your own service").

import type { SutLaunch } from './runtime.js';

export function sutEnvironment(
  launch: SutLaunch,
  index: number,
  bootstrapServers: readonly string[],
  targetUrl: string,
): Record<string, string> {
  return {
    KAFKA_BOOTSTRAP_SERVERS: bootstrapServers.join(','),
    KAFKA_TOPIC: launch.topic,
    KAFKA_GROUP_ID: launch.groupId,
    TARGET_URL: targetUrl,
    SUT_INSTANCE: String(index),
  };
}
