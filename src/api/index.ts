// kafka-chaos's public API (`import { … } from 'kafka-chaos'`): what a project's own step files
// need to add a step, a fault or an assertion that behaves like the built-in ones — its faults
// land in faults.jsonl, heal when the scenario ends and show in the timeline; its errors are
// environment failures unless a check's verdict says otherwise. Everything else is internal and
// may change between minor versions. Type-only exports load no module: importing this file
// outside a cucumber run (a project's unit test) defines no step and registers no World.
// docs/custom-steps.md shows each export in use.

// Steps: a pattern and its body together, registered with cucumber and the step registry.
export { defineStep } from '../../steps/support/define-step.js';
export type { ChaosWorld, ChaosWorldParameters } from '../../steps/support/world.js';
export type { StepDescriptor, StepKind } from '../scenario/step-registry.js';
export type { ScenarioSession, RunningSut, SutRequest } from '../scenario/scenario-session.js';

// Faults: a kind bundles inject and heal; the scenario's fault book records and heals it.
export { defineFault, faultKind, faultKinds } from '../faults/fault-registry.js';
export type { AnyFaultKind, FaultContext, FaultKind, FaultLayer, FaultSubject, Injected, LinkEnd } from '../faults/fault-kind.js';
export { faultContext, injectFault, leaderOf, coordinatorOf, targetUp } from '../scenario/scenario-faults.js';
export type { BookedFault } from '../faults/fault-book.js';

// Checks: assert the checker's verdict over the scenario's evidence, by check name.
export { assertChecks, assertAllHold, assertDuplicatesAtMost } from '../scenario/scenario-assertions.js';
export { checkNamed, isCheckName } from '../verify/check-registry.js';
export type { CheckName } from '../verify/check-name.js';

// The environment, also usable on its own (docs/runtimes.md, "Using the environment from code").
export { ChaosEnvironment } from '../environment/chaos-environment.js';
export type { StartedEnvironment, SutDefinition, RuntimeKind } from '../environment/runtime.js';

// One error family: its kind decides the exit code and the report's category.
export { ChaosError, ConfigError, EnvironmentError, ReliabilityError, TimeoutError, UsageError } from '../util/errors.js';
export { waitFor, retry, type WaitForOptions } from '../util/wait-for.js';
