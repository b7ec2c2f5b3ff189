// Reads an environment variable, treating an empty value as unset: `KAFKA_HOME= cmd` is the
// usual shell way to switch one off, and an empty path would otherwise resolve to the cwd.

export function envVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}
