// How every step is defined: its descriptor (pattern, example, summary, range checks) and its
// body together, in one call — registered with cucumber (Given/When/Then by kind) and in the step
// registry that `npm run steps`, docs/steps.md and the preflight read. The wrapper marks the
// scenario's evidence out of date after anything but an assertion, and turns every error that is
// not a reliability verdict into an "Environment failure:" — never a SUT failure.

import { Given, Then, When } from '@cucumber/cucumber';
import { ReliabilityAssertionError, classifyStepError } from '../../src/scenario/failure-category.js';
import { registerStep, type StepDescriptor } from '../../src/scenario/step-registry.js';
import type { ChaosWorld } from './world.js';

export function defineStep<Args extends unknown[]>(step: StepDescriptor, body: (this: ChaosWorld, ...args: Args) => Promise<void>): void {
  registerStep(step);
  const wrapped = async function (this: ChaosWorld, ...args: Args): Promise<void> {
    if (step.kind !== 'assertion') this.session.invalidate();
    try {
      step.validate?.(...args);
      await body.apply(this, args);
    } catch (error) {
      const classified = classifyStepError(error);
      // The first failure decides the scenario; later steps are skipped. Its claim goes to run.json.
      if (classified instanceof ReliabilityAssertionError) this.session.recordClaim(classified, step.id);
      this.stepError = { classified, original: error };
      throw classified;
    }
  };
  // cucumber checks a step function's arity against the pattern's parameters (+1 for a table).
  Object.defineProperty(wrapped, 'length', { value: body.length });
  const register = step.kind === 'environment' ? Given : step.kind === 'assertion' ? Then : When;
  register(step.pattern, wrapped);
}
