// The one Docker client of the harness (dockerode, honouring DOCKER_HOST like the docker CLI),
// and the question every container feature asks first: does a Docker daemon answer?

import Docker from 'dockerode';
import { EnvironmentError, describeError } from '../util/errors.js';

/** No Docker daemon answers: the container runtime cannot run here. */
export class DockerUnavailableError extends EnvironmentError {}

let client: Docker | undefined;

export function dockerClient(): Docker {
  client ??= new Docker();
  return client;
}

/** Where the client looks for the daemon, for error messages. */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/** Resolves with the daemon's version when it answers a ping within the bound; throws otherwise. */
export async function assertDockerAvailable(timeoutMs = 5000): Promise<{ version: string; apiVersion: string }> {
  const docker = dockerClient();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([docker.ping(), timeout]);
    const version = await Promise.race([docker.version(), timeout]);
    return { version: version.Version, apiVersion: version.ApiVersion };
  } catch (error) {
    throw new DockerUnavailableError(`no Docker daemon answers at ${dockerEndpoint()} (${describeError(error)})`, {
      fix: 'start one (Debian: apt-get install docker.io, then `dockerd &` or `systemctl start docker`) or set CHAOS_RUNTIME=process',
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** True when a daemon answers; for `auto` runtime selection. */
export async function dockerAnswers(timeoutMs = 3000): Promise<boolean> {
  try {
    await assertDockerAvailable(timeoutMs);
    return true;
  } catch {
    return false;
  }
}
