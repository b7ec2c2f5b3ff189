// How every step is defined: by its id in the step catalogue (src/scenario/step-catalogue.ts),
// so the catalogue, `npm run steps` and the definitions cannot drift apart. The wrapper marks
// the scenario's evidence out of date after anything but an assertion, and turns every error
// that is not a reliability verdict into an "Environment failure:" — never a SUT failure.

import { Given, Then, When } from '@cucumber/cucumber';
import { ReliabilityAssertionError, classifyStepError } from '../../src/scenario/failure-category.js';
import { STEPS, type StepId } from '../../src/scenario/step-catalogue.js';
import type { ChaosWorld } from './world.js';

/** The catalogue ids defined so far (a test checks that every entry is). */
export const definedSteps = new Set<StepId>();

export function defineStep<Args extends unknown[]>(id: StepId, body: (this: ChaosWorld, ...args: Args) => Promise<void>): void {
  const entry = STEPS[id];
  if (definedSteps.has(id)) throw new Error(`step "${id}" is defined twice`);
  definedSteps.add(id);
  const wrapped = async function (this: ChaosWorld, ...args: Args): Promise<void> {
    if (entry.kind !== 'assertion') this.session.invalidate();
    try {
      entry.validate?.(...args);
      await body.apply(this, args);
    } catch (error) {
      const classified = classifyStepError(error);
      // The first failure decides the scenario; later steps are skipped. Its claim goes to run.json.
      if (classified instanceof ReliabilityAssertionError) this.session.recordClaim(classified, id);
      this.stepError = { classified, original: error };
      throw classified;
    }
  };
  // cucumber checks a step function's arity against the pattern's parameters (+1 for a table).
  Object.defineProperty(wrapped, 'length', { value: body.length });
  const register = entry.kind === 'environment' ? Given : entry.kind === 'assertion' ? Then : When;
  register(entry.pattern, wrapped);
}
