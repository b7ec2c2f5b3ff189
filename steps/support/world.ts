// The World of a kafka-chaos scenario: cucumber's World (attach, log, parameters) plus the
// scenario's session, which owns everything the scenario starts on a resource stack. One per
// scenario, made by cucumber; the Before hook gives it its session, the After hook tears it down.

import { World, setDefaultTimeout, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { ScenarioSession } from '../../src/scenario/scenario-session.js';
import type { ResourceStack } from '../../src/util/resource-stack.js';

/** World parameters (`--world-parameters '{"sut":"my-forwarder"}'`, or `kafka-chaos chaos --sut`). */
export interface ChaosWorldParameters {
  /** The SUT "the system under test" means; default: the one declared in the config, else "forwarder". */
  sut?: string;
}

export class ChaosWorld extends World<ChaosWorldParameters> {
  /** Set by the Before hook before any step runs. */
  session!: ScenarioSession;
  /** The error that failed a step, before and after classification (the After hook reads it). */
  stepError: { classified: Error; original: unknown } | undefined;

  constructor(options: IWorldOptions<ChaosWorldParameters>) {
    super(options);
  }

  /** The scenario's stack of disposable resources (production, faults, SUT, ledgers, the shared environment's reset). */
  get resources(): ResourceStack {
    return this.session.resources;
  }
}

setWorldConstructor(ChaosWorld);

// A safety net only: every wait inside a step has its own, shorter bound (durations are capped
// at 10 minutes), and starting an environment is bounded by its startup timeout.
setDefaultTimeout(15 * 60_000);
