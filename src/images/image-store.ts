// What the daemon holds and how images get there: look up an image (and the recipe label it was
// built from), build one from a context directory, import a root filesystem, pull a public one.
// Every operation is bounded and logs the daemon's progress to a file for diagnosis.

import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { EnvironmentError, describeError } from '../util/errors.js';

/** The label every locally built image carries: the hash of what it was built from. */
export const RECIPE_LABEL = 'kafka-chaos.recipe';

/** An image is missing and could not be pulled or built. */
export class ImageUnavailableError extends EnvironmentError {}

export interface ImageInfo {
  id: string;
  recipe: string | undefined;
}

export async function inspectImage(docker: Docker, name: string): Promise<ImageInfo | undefined> {
  try {
    const info = await docker.getImage(name).inspect();
    return { id: info.Id, recipe: info.Config?.Labels?.[RECIPE_LABEL] };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** Follows a daemon progress stream to its end; an `error` entry in it fails the operation. */
async function followProgress(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  logPath: string,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const log = fs.createWriteStream(logPath, { flags: 'a' });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        docker.modem.followProgress(
          stream,
          (error: Error | null, output: Array<{ error?: string }>) => {
            const failed = error?.message ?? output.find((entry) => entry.error)?.error;
            if (failed) reject(new Error(failed.trim()));
            else resolve();
          },
          (event: { stream?: string; status?: string; error?: string }) => {
            log.write(event.stream ?? `${event.status ?? event.error ?? JSON.stringify(event)}\n`);
          },
        );
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          (stream as Readable).destroy?.();
          reject(new Error(`${what} took longer than ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    log.end();
  }
}

export interface BuildFromContext {
  tag: string;
  contextDir: string;
  /** Top-level entries of the context to send (packed recursively). */
  entries: string[];
  buildArgs?: Record<string, string>;
  labels?: Record<string, string>;
  logPath: string;
  timeoutMs?: number;
}

export async function buildImage(docker: Docker, build: BuildFromContext): Promise<void> {
  try {
    const stream = await docker.buildImage(
      { context: build.contextDir, src: build.entries },
      { t: build.tag, buildargs: build.buildArgs, labels: build.labels, rm: true, forcerm: true },
    );
    await followProgress(docker, stream, build.logPath, build.timeoutMs ?? 300_000, `building ${build.tag}`);
  } catch (error) {
    throw new ImageUnavailableError(`building image ${build.tag} failed: ${describeError(error)} (see ${build.logPath})`, {
      fix: 'read the build log; a missing base image is built by `kafka-chaos images`',
      cause: error,
    });
  }
}

/** `docker import`: a root filesystem tar stream becomes an image with the given Dockerfile changes. */
export async function importImage(docker: Docker, tar: Readable, tag: string, changes: string[], logPath: string): Promise<void> {
  const [repo, version] = splitTag(tag);
  const stream = await docker.importImage(tar, { repo, tag: version, changes });
  await followProgress(docker, stream, logPath, 300_000, `importing ${tag}`);
}

/** Pulls a public image within the bound; resolves false (with the reason logged) when it cannot. */
export async function tryPull(docker: Docker, name: string, logPath: string, timeoutMs = 120_000): Promise<string | undefined> {
  try {
    const stream = await docker.pull(name);
    await followProgress(docker, stream, logPath, timeoutMs, `pulling ${name}`);
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

export function splitTag(name: string): [string, string] {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? [name.slice(0, colon), name.slice(colon + 1)] : [name, 'latest'];
}
