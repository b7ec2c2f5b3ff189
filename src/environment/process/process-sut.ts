// The system under test as K local processes, started per the SUT contract (docs/sut-contract.md): the
// environment tells each instance where Kafka, its topic, its group and the target are.

import type { EventLedger } from '../../evidence/event-ledger.js';
import type { RunDirectory } from '../../evidence/run-directory.js';
import { ConfigError } from '../../util/errors.js';
import type { SutDefinition, SutFleet, SutLaunch } from '../runtime.js';
import { sutEnvironment, type SutSecurity } from '../sut-contract.js';
import { InstanceFleet, RecordedSutInstance } from '../sut-fleet.js';
import { ManagedProcess } from './managed-process.js';

export function startProcessSutFleet(options: {
  launch: SutLaunch;
  definition: SutDefinition | undefined;
  run: RunDirectory;
  events: EventLedger;
  bootstrapServers: readonly string[];
  targetUrl: string;
  security: SutSecurity;
}): Promise<SutFleet> {
  const { launch, definition, run } = options;
  const command = definition?.command;
  if (!definition || !command || command.length === 0) {
    throw new ConfigError(`no command for SUT "${launch.sut}" in kafka-chaos.config.json`, {
      fix: `add "sut": { "${launch.sut}": { "command": ["node", "my-service.js"] } }`,
    });
  }
  const [program, ...args] = command as [string, ...string[]];
  return InstanceFleet.start(launch, (index) => {
    const node = new ManagedProcess({
      name: `sut-${launch.sut}-${index}`,
      command: program,
      args,
      cwd: definition.cwd,
      runId: run.runId,
      logPath: run.log(`sut-${launch.sut}-${index}`),
      // Only these and the allowlist of child-environment.ts, unless the SUT opts into inheritEnv.
      env: {
        ...definition.env,
        ...launch.env,
        ...sutEnvironment(launch, index, options.bootstrapServers, options.targetUrl, options.security),
      },
      inheritEnv: definition.inheritEnv,
    });
    return new RecordedSutInstance(index, node, definition.startupGraceMs ?? 2000, options.events, () => ({ pid: node.pid }));
  });
}
