// `kafka-chaos images`: resolves every image a container run needs — public ones used or pulled,
// or (KAFKA_CHAOS_IMAGES=local) their local equivalents built from docker/ — and prints each
// name with its id. Idempotent: an image built from the same recipe is reused.

import fs from 'node:fs';
import { loadConfig } from '../../config/chaos-config.js';
import { assertDockerAvailable, dockerClient } from '../../images/docker-client.js';
import { RunImages } from '../../images/local-images.js';
import { javaForwarderClasses } from '../../setup/java-forwarder-build.js';
import { pythonVenvPython } from '../../setup/python-venv.js';
import { COMMON_FLAGS, flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const imagesHelp = {
  summary: 'build or pull the images of the container runtime (KAFKA_CHAOS_IMAGES=pull|local|auto)',
  usage: 'kafka-chaos images [--kafka-version X.Y.Z] [--quiet]',
  flags: {
    'kafka-version': { ...COMMON_FLAGS.kafkaVersion("the Kafka image's version"), type: 'string' },
    quiet: COMMON_FLAGS.quiet,
  },
  notes: [
    'Where images come from: KAFKA_CHAOS_IMAGES=pull (public images), local (built from docker/, no registry) or auto (the default).',
  ],
} as const satisfies CommandHelp;

export async function imagesCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, flagTypes(imagesHelp.flags));
  const log = (line: string) => {
    if (!flags.quiet) console.log(line);
  };
  const daemon = await assertDockerAvailable();
  const version = flags['kafka-version'] ?? loadConfig().kafka.version;
  const images = new RunImages(dockerClient(), undefined, log);
  log(`images: Docker ${daemon.version}, source ${images.source}, Kafka ${version}`);
  // The Java forwarder's image needs its classes, which setup compiles for the default Kafka version only.
  const javaForwarder = fs.existsSync(javaForwarderClasses()) ? [images.javaForwarder()] : [];
  if (javaForwarder.length === 0)
    log('images: java-forwarder skipped: not compiled (run `kafka-chaos setup` for the default Kafka version)');
  // The Python forwarder's image needs the wheels its venv's pip fetches (setup makes the venv).
  const pythonForwarder = fs.existsSync(pythonVenvPython()) ? [images.pythonForwarder()] : [];
  if (pythonForwarder.length === 0) log('images: python-forwarder skipped: no venv (run `kafka-chaos setup` with python3 installed)');
  const names = await Promise.all([
    images.kafka(version),
    images.toxiproxy(),
    images.target(),
    images.forwarder(),
    images.goForwarder(),
    ...javaForwarder,
    ...pythonForwarder,
  ]);
  for (const [name, id] of Object.entries(await images.ids(names))) log(`images: ${name.padEnd(40)} ${id.slice(0, 19)}`);
  return EXIT.ok;
}
