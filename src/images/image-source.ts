// Where images come from (KAFKA_CHAOS_IMAGES):
//   pull  — the public images a user's CI pulls (apache/kafka:<version>, node:<major>-bookworm-slim,
//           pulled when missing; Toxiproxy is always the guarded server built here (local-images.ts);
//   local — the local equivalents built from docker/ without any registry (this machine,
//           air-gapped CI); never contacts a registry;
//   auto  — (default) a public image already present is used, a missing one is pulled, and when
//           the pull fails its local equivalent is built.

import { ConfigError } from '../util/errors.js';

export type ImageSource = 'pull' | 'local' | 'auto';

export function imageSource(env: NodeJS.ProcessEnv = process.env): ImageSource {
  const value = env.KAFKA_CHAOS_IMAGES ?? 'auto';
  if (value === 'pull' || value === 'local' || value === 'auto') return value;
  throw new ConfigError(`KAFKA_CHAOS_IMAGES="${value}" is not an image source`, {
    fix: 'use pull (public images), local (build them here, no registry) or auto (the default)',
  });
}

/** Public image names and their local equivalents. Local images carry their own names. */
export const IMAGE_NAMES = {
  publicKafka: (version: string) => `apache/kafka:${version}`,
  localKafka: (version: string) => `kafka-chaos-local/kafka:${version}`,
  publicNode: (major: string) => `node:${major}-bookworm-slim`,
  localNode: (major: string) => `kafka-chaos-local/node:${major}`,
  localToxiproxy: (version: string) => `kafka-chaos-local/toxiproxy:${version}`,
  target: 'kafka-chaos/target:latest',
  forwarder: 'kafka-chaos/forwarder:latest',
  goForwarder: 'kafka-chaos/go-forwarder:latest',
  javaForwarder: 'kafka-chaos/java-forwarder:latest',
  pythonForwarder: 'kafka-chaos/python-forwarder:latest',
} as const;

/** The images of the reference SUTs, which the harness builds itself when missing. */
export function isReferenceSutImage(image: string): boolean {
  return ([IMAGE_NAMES.forwarder, IMAGE_NAMES.goForwarder, IMAGE_NAMES.javaForwarder, IMAGE_NAMES.pythonForwarder] as string[]).includes(
    image,
  );
}
