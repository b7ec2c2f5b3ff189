// The images of a container run, resolved per the image source (image-source.ts): each public
// image used, pulled or replaced by its local equivalent, and the project's own images (target,
// reference forwarders) built from docker/. Builds are memoised, so concurrent callers share one build, and
// skipped when an image from the same recipe exists.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Docker from 'dockerode';
import { inPackageRepository } from '../setup/command-hint.js';
import { resolveKafka } from '../setup/kafka-distribution.js';
import { kafkaLoggingConfig } from '../setup/kafka-logging.js';
import { cacheDir, packageRoot } from '../setup/project-paths.js';
import { resolveGoForwarder } from '../setup/go-forwarder-binary.js';
import {
  JAVA_FORWARDER_KAFKA_VERSION,
  JAVA_FORWARDER_LOGGING_FILES,
  JAVA_FORWARDER_SOURCE_DIR,
  javaForwarderClasses,
} from '../setup/java-forwarder-build.js';
import { resolveToxiproxy, TOXIPROXY_VERSION } from '../setup/toxiproxy-binary.js';
import { ensureDebianBase } from './debian-base.js';
import { debianPython, debianSuite } from './debian-mirror.js';
import { PYTHON_FORWARDER_DIR, PYTHON_REQUIREMENTS, downloadWheels, ensurePythonVenv } from '../setup/python-venv.js';
import { IMAGE_NAMES, imageSource, type ImageSource } from './image-source.js';
import { recipeHash } from './image-recipe.js';
import { ImageUnavailableError, RECIPE_LABEL, buildImage, inspectImage, tryPull } from './image-store.js';

const NODE_MAJOR = process.versions.node.split('.')[0]!;
const DOCKER_DIR = path.join(packageRoot, 'docker');

/** A file or folder copied into an image's build context: from where, to where in the context. */
interface ContextPath {
  from: string;
  to: string;
}

/** One of the harness's own files, at the same place in the context. */
const own = (relative: string): ContextPath => ({ from: path.join(packageRoot, relative), to: relative });

/**
 * A dependency of the harness, to the context's node_modules: found as Node resolves it, since
 * in a user's project npm hoists it beside kafka-chaos rather than inside it.
 */
function dependency(name: string): ContextPath {
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
  return { from: path.dirname(manifest), to: path.join('node_modules', name) };
}

export class RunImages {
  private readonly memo = new Map<string, Promise<string>>();
  readonly workDir: string;

  constructor(
    private readonly docker: Docker,
    readonly source: ImageSource = imageSource(),
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.workDir = path.join(cacheDir(), 'docker');
    fs.mkdirSync(this.workDir, { recursive: true });
  }

  kafka(version: string): Promise<string> {
    return this.once(`kafka ${version}`, () => this.publicOrLocal(IMAGE_NAMES.publicKafka(version), () => this.buildKafka(version)));
  }

  toxiproxy(): Promise<string> {
    // Always the guarded server built here: a public Toxiproxy image's API has no authentication,
    // and the SUT on the run network could steer its own faults through it.
    return this.once('toxiproxy', () => this.buildToxiproxy());
  }

  target(): Promise<string> {
    return this.once('target', async () => this.buildApp('target', IMAGE_NAMES.target, [own('dist/src')]));
  }

  forwarder(): Promise<string> {
    return this.once('forwarder', async () => this.buildApp('forwarder', IMAGE_NAMES.forwarder, [own('dist/sut'), dependency('kafkajs')]));
  }

  /** The Go reference forwarder: its static binary (built by setup) on the local Debian base. */
  goForwarder(): Promise<string> {
    return this.once('go-forwarder', async () => {
      const bin = await resolveGoForwarder({ log: this.log });
      const context = this.context('go-forwarder', 'go-forwarder');
      fs.copyFileSync(bin, path.join(context, 'go-forwarder'));
      return this.build(IMAGE_NAMES.goForwarder, context, { BASE_IMAGE: await this.base() });
    });
  }

  /** The Java reference forwarder: its classes (compiled by setup) on the Kafka image of its client jars' version. */
  javaForwarder(): Promise<string> {
    return this.once('java-forwarder', async () => {
      const classes = javaForwarderClasses();
      if (!fs.existsSync(classes)) {
        throw new ImageUnavailableError(`cannot build ${IMAGE_NAMES.javaForwarder}: the Java forwarder is not compiled (${classes})`, {
          fix: `run \`kafka-chaos setup --kafka-version ${JAVA_FORWARDER_KAFKA_VERSION}\` (npm run setup), which compiles it with the JDK's javac`,
        });
      }
      const context = this.context('java-forwarder', 'java-forwarder');
      fs.cpSync(classes, path.join(context, 'classes'), { recursive: true });
      for (const file of JAVA_FORWARDER_LOGGING_FILES)
        fs.copyFileSync(path.join(JAVA_FORWARDER_SOURCE_DIR, file), path.join(context, file));
      return this.build(IMAGE_NAMES.javaForwarder, context, { KAFKA_IMAGE: await this.kafka(JAVA_FORWARDER_KAFKA_VERSION) });
    });
  }

  /**
   * The Python reference forwarder: forwarder.py and the confluent-kafka wheel for the image's
   * Python (pip download on this machine, with the venv setup made) on the python3 base flavour.
   */
  pythonForwarder(): Promise<string> {
    return this.once('python-forwarder', async () => {
      const context = this.context('python-forwarder', 'python-forwarder');
      fs.copyFileSync(path.join(PYTHON_FORWARDER_DIR, 'forwarder.py'), path.join(context, 'forwarder.py'));
      const wheels = await downloadWheels({
        python: await ensurePythonVenv(),
        requirements: PYTHON_REQUIREMENTS,
        pythonVersion: debianPython(debianSuite()),
        cache: this.workDir,
      });
      fs.cpSync(wheels, path.join(context, 'wheels'), { recursive: true });
      return this.build(IMAGE_NAMES.pythonForwarder, context, {
        BASE_IMAGE: await this.once('base python3', () => ensureDebianBase(this.docker, this.workDir, this.log, 'python3')),
      });
    });
  }

  /** A reference SUT's image, built when missing; undefined for any other image. */
  referenceSut(image: string): Promise<string> | undefined {
    if (image === IMAGE_NAMES.forwarder) return this.forwarder();
    if (image === IMAGE_NAMES.goForwarder) return this.goForwarder();
    if (image === IMAGE_NAMES.javaForwarder) return this.javaForwarder();
    if (image === IMAGE_NAMES.pythonForwarder) return this.pythonForwarder();
    return undefined;
  }

  /** The image ids in use, for the run directory and the report. */
  async ids(names: readonly string[]): Promise<Record<string, string>> {
    const entries = await Promise.all(names.map(async (name) => [name, (await inspectImage(this.docker, name))?.id ?? 'missing']));
    return Object.fromEntries(entries);
  }

  private once(key: string, make: () => Promise<string>): Promise<string> {
    let pending = this.memo.get(key);
    if (!pending) {
      pending = make();
      pending.catch(() => this.memo.delete(key)); // a failed build may be retried
      this.memo.set(key, pending);
    }
    return pending;
  }

  private async publicOrLocal(publicName: string, buildLocal: () => Promise<string>): Promise<string> {
    if (this.source === 'local') return buildLocal();
    if (await inspectImage(this.docker, publicName)) return publicName;
    const failure = await tryPull(this.docker, publicName, path.join(this.workDir, 'pull.log'));
    if (failure === undefined) return publicName;
    if (this.source === 'pull') {
      throw new ImageUnavailableError(`image ${publicName} is missing and could not be pulled: ${failure}`, {
        fix: 'check the registry access of the Docker daemon, or set KAFKA_CHAOS_IMAGES=local to build a local equivalent',
      });
    }
    this.log(`images: could not pull ${publicName} (${failure}); building its local equivalent`);
    return buildLocal();
  }

  private base(): Promise<string> {
    return this.once('base', () => ensureDebianBase(this.docker, this.workDir, this.log));
  }

  private node(): Promise<string> {
    return this.once('node', () =>
      this.publicOrLocal(IMAGE_NAMES.publicNode(NODE_MAJOR), async () => {
        const context = this.context('node', 'node');
        fs.copyFileSync(process.execPath, path.join(context, 'node'));
        return this.build(IMAGE_NAMES.localNode(NODE_MAJOR), context, { BASE_IMAGE: await this.base() });
      }),
    );
  }

  private async buildKafka(version: string): Promise<string> {
    const kafka = await resolveKafka({ version, log: this.log });
    const context = this.context(`kafka-${version}`, 'kafka');
    fs.cpSync(kafka.libsDir, path.join(context, 'libs'), { recursive: true });
    const logging = kafkaLoggingConfig(kafka.logging);
    fs.mkdirSync(path.join(context, 'config'));
    fs.writeFileSync(path.join(context, 'config', logging.fileName), logging.contents);
    return this.build(IMAGE_NAMES.localKafka(version), context, { BASE_IMAGE: await this.base() });
  }

  private async buildToxiproxy(): Promise<string> {
    const toxiproxy = await resolveToxiproxy({ log: this.log });
    const context = this.context('toxiproxy', 'toxiproxy');
    fs.copyFileSync(toxiproxy.bin, path.join(context, 'toxiproxy-server'));
    return this.build(IMAGE_NAMES.localToxiproxy(TOXIPROXY_VERSION.replace(/^v/, '')), context, { BASE_IMAGE: await this.base() });
  }

  private async buildApp(kind: 'target' | 'forwarder', tag: string, paths: readonly ContextPath[]): Promise<string> {
    const context = this.context(kind, kind);
    // Only what the app needs at run time: ESM marker and compiled code (and its dependencies).
    fs.writeFileSync(
      path.join(context, 'package.json'),
      JSON.stringify({ name: `kafka-chaos-${kind}`, private: true, type: 'module' }) + '\n',
    );
    for (const { from, to } of paths) {
      if (!fs.existsSync(from)) {
        throw new ImageUnavailableError(`cannot build ${tag}: ${from} is missing`, {
          // A user's installed package ships its build; only a checkout of this repository builds it.
          fix: inPackageRepository() ? 'run `npm run build` (and `npm ci`) first' : 'reinstall the package: `npm install -D kafka-chaos`',
        });
      }
      fs.cpSync(from, path.join(context, to), { recursive: true, filter: (file) => !file.endsWith('.map') && !file.endsWith('.d.ts') });
    }
    if (!fs.existsSync(path.join(context, 'node_modules'))) fs.mkdirSync(path.join(context, 'node_modules'));
    return this.build(tag, context, { NODE_IMAGE: await this.node() });
  }

  /** A fresh context directory holding the Dockerfile (and files) of docker/<kind>. */
  private context(name: string, kind: string): string {
    const context = path.join(this.workDir, `${name}-context`);
    fs.rmSync(context, { recursive: true, force: true });
    fs.cpSync(path.join(DOCKER_DIR, kind), context, { recursive: true });
    return context;
  }

  private async build(tag: string, context: string, buildArgs: Record<string, string>): Promise<string> {
    // The base images' ids are part of the recipe: a rebuilt base rebuilds what stands on it.
    const baseIds = Object.fromEntries(
      await Promise.all(
        Object.entries(buildArgs).map(async ([arg, image]) => [`${arg}@id`, (await inspectImage(this.docker, image))?.id ?? '']),
      ),
    );
    const recipe = recipeHash(context, { ...buildArgs, ...baseIds });
    const existing = await inspectImage(this.docker, tag);
    if (existing?.recipe !== recipe) {
      this.log(`images: building ${tag}`);
      await buildImage(this.docker, {
        tag,
        contextDir: context,
        entries: fs.readdirSync(context),
        buildArgs,
        labels: { [RECIPE_LABEL]: recipe },
        logPath: path.join(this.workDir, `${path.basename(context)}.log`),
      });
      // The image this one replaces is dangling now; remove it unless a container still uses it.
      if (existing)
        await this.docker
          .getImage(existing.id)
          .remove()
          .catch(() => undefined);
    }
    return tag;
  }
}
