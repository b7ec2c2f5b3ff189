// The local base image, made without any container registry: `debootstrap` a minimal Debian of
// the host's release (plus a JRE 17, which Kafka needs) from the mirror apt uses, then
// `docker import` it. Every local image (Kafka, Toxiproxy, Node) builds on it — except the Python
// forwarder's, which gets a flavour of its own with Debian's python3 instead of the JRE (made
// only when that image is, so no other run pays for it).

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { hint } from '../setup/command-hint.js';
import { findExecutable } from '../setup/find-executable.js';
import { runTool } from '../setup/run-tool.js';
import { EnvironmentError, MissingToolError } from '../util/errors.js';
import { debianMirror, debianSuite } from './debian-mirror.js';
import { RECIPE_LABEL, importImage, inspectImage } from './image-store.js';

/** What each flavour adds to minbase. */
const FLAVOURS = {
  jre17: ['openjdk-17-jre-headless', 'ca-certificates'],
  python3: ['python3', 'ca-certificates'],
} as const;
export type BaseFlavour = keyof typeof FLAVOURS;
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function debianBaseImage(suite = debianSuite(), flavour: BaseFlavour = 'jre17'): string {
  return `kafka-chaos-local/debian:${suite}-${flavour}`;
}

/** Builds the base image unless one from the same recipe exists; returns its name. */
export async function ensureDebianBase(
  docker: Docker,
  workDir: string,
  log: (line: string) => void,
  flavour: BaseFlavour = 'jre17',
): Promise<string> {
  const suite = debianSuite();
  const image = debianBaseImage(suite, flavour);
  const PACKAGES = FLAVOURS[flavour];
  const recipe = crypto
    .createHash('sha256')
    .update(`${suite} minbase ${PACKAGES.join(',')} v1`)
    .digest('hex')
    .slice(0, 16);
  if ((await inspectImage(docker, image))?.recipe === recipe) return image;

  const debootstrap = findExecutable('debootstrap', process.env);
  if (!debootstrap) {
    throw new MissingToolError(`building ${image} needs debootstrap, which is not installed`, {
      fix: 'apt-get install debootstrap (or set KAFKA_CHAOS_IMAGES=pull where a registry is reachable)',
    });
  }
  if (process.getuid?.() !== 0) {
    throw new EnvironmentError(`building ${image} with debootstrap needs root`, {
      fix: `run \`sudo ${hint('images')}\` once, or set KAFKA_CHAOS_IMAGES=pull where a registry is reachable`,
    });
  }
  const mirror = debianMirror();
  const rootfs = path.join(workDir, `debian-${suite}-${flavour}-rootfs.partial`);
  const logPath = path.join(workDir, flavour === 'jre17' ? `debian-${suite}.log` : `debian-${suite}-${flavour}.log`);
  fs.rmSync(rootfs, { recursive: true, force: true });
  log(`images: debootstrap ${suite} (minbase + ${PACKAGES.join(', ')}) — about a minute (log: ${logPath})`);
  try {
    const result = await runTool(debootstrap, ['--variant=minbase', `--include=${PACKAGES.join(',')}`, suite, rootfs, mirror], {
      env: process.env,
      logFile: logPath,
    });
    if (result.exitCode !== 0) {
      const last = result.output.trim().split('\n').slice(-2).join(' | ');
      throw new EnvironmentError(`debootstrap of Debian ${suite} failed (exit ${result.exitCode}): ${last} (see ${logPath})`, {
        fix: 'check that the Debian mirror is reachable (KAFKA_CHAOS_DEBIAN_MIRROR overrides it)',
      });
    }
    // Package caches are dead weight in an image.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      for (const entry of fs.readdirSync(path.join(rootfs, dir))) {
        if (entry.endsWith('.deb') || dir.endsWith('lists')) fs.rmSync(path.join(rootfs, dir, entry), { recursive: true, force: true });
      }
    }
    const tar = spawn('tar', ['-C', rootfs, '--numeric-owner', '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await importImage(docker, tar.stdout, image, [`ENV ${PATH_ENV}`, `LABEL ${RECIPE_LABEL}=${recipe}`], logPath);
    log(`images: built ${image}`);
    return image;
  } finally {
    fs.rmSync(rootfs, { recursive: true, force: true });
  }
}
