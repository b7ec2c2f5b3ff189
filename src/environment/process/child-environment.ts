// The environment a run's local child process (broker, Toxiproxy, target, SUT instance) starts
// with: never the runner's whole environment — in CI that holds the job's secrets — but an
// explicit one built from:
//
//   1. a small allowlist taken from the runner, what any program needs to run on this machine:
//        PATH, HOME, USER, LANG, LC_ALL, TZ, TMPDIR   (finding programs, files, locale, time, temp)
//        JAVA_HOME                                    (the brokers' JDK, a JVM-based SUT's too)
//      NODE_OPTIONS is deliberately not passed: it is the runner's (e.g. a --require hook or
//      --inspect) and would run inside every Node child; a SUT that needs one declares it in env;
//   2. what the child is given: the SUT contract, the SUT's declared `env`, a step's `with env:`;
//      the brokers' and the target's own settings;
//   3. the run labels (KAFKA_CHAOS_RUN_ID, KAFKA_CHAOS_RUNNER, KAFKA_CHAOS_PROCESS), added by
//      ManagedProcess, by which `chaos:clean` finds a crashed run's orphans.
//
// A SUT declared with "inheritEnv": true in kafka-chaos.config.json gets the runner's whole
// environment under 2 and 3 instead of the allowlist: an explicit opt-in, for a SUT that reads
// credentials or settings from the runner. A container starts from its image's environment, not
// the runner's; with "inheritEnv" it also gets the runner's variables but the allowlisted ones,
// which describe this machine (PATH, HOME…), not the image. Pure: the runner's env is a parameter.

export const INHERITED_VARIABLES = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'JAVA_HOME'] as const;

export function childEnvironment(
  given: Record<string, string> = {},
  options: { inheritEnv?: boolean } = {},
  runner: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [name, value] of Object.entries(runner)) {
    if (value === undefined) continue;
    if (options.inheritEnv || (INHERITED_VARIABLES as readonly string[]).includes(name)) base[name] = value;
  }
  return { ...base, ...given };
}

/** The runner's variables a container SUT with "inheritEnv" gets: all but this machine's own paths and locale. */
export function inheritedByContainer(runner: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const all = childEnvironment({}, { inheritEnv: true }, runner);
  for (const name of INHERITED_VARIABLES) delete all[name];
  return all;
}
