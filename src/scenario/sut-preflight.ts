// Can each SUT the selected scenarios start actually be started here? Asked before any cluster
// boots, so a typo in a SUT's command does not cost a cluster start (and then a second one).
// Process runtime: the program must be found — on PATH, or as a file relative to the SUT's cwd —
// and be executable, and a script it is handed ("node service.js") must exist. Container
// runtime: the SUT needs an image, present on the daemon or buildable (the forwarder's); a
// missing one is only an error when nothing will pull it (KAFKA_CHAOS_IMAGES=local).

import fs from 'node:fs';
import path from 'node:path';
import type { ChaosConfig } from '../config/chaos-config.js';
import type { RuntimeKind, SutDefinition } from '../environment/runtime.js';
import { dockerAnswers, dockerClient } from '../images/docker-client.js';
import { imageSource, isReferenceSutImage } from '../images/image-source.js';
import { inspectImage } from '../images/image-store.js';
import { findExecutable, isExecutableFile } from '../setup/find-executable.js';
import { goForwarderPath } from '../setup/go-forwarder-binary.js';
import { pythonVenvPython } from '../setup/python-venv.js';
import { JAVA_FORWARDER_KAFKA_VERSION, javaForwarderClasses } from '../setup/java-forwarder-build.js';
import type { CompiledStep, StepProblem } from './preflight.js';

/** Arguments that name a script the program runs: a missing one fails only after the cluster is up. */
const SCRIPT = /\.(?:js|mjs|cjs|ts|py|sh|rb|jar)$/;

/** Why a SUT's command cannot start (undefined: it can). */
export function commandProblem(name: string, definition: SutDefinition, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const command = definition.command;
  const fixCommand = `correct "sut": { "${name}": { "command": … } } in kafka-chaos.config.json`;
  if (!command || command.length === 0)
    return `SUT "${name}" has no "command", which the process runtime needs — fix: add one, or use CHAOS_RUNTIME=container with its "image"`;
  const [program, ...args] = command as [string, ...string[]];
  const cwd = definition.cwd ?? process.cwd();
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory())
    return `SUT "${name}": its cwd ${cwd} is not a directory — fix: correct "cwd" (relative to kafka-chaos.config.json)`;
  if (program.includes('/')) {
    const file = path.resolve(cwd, program);
    if (file === goForwarderPath() && !fs.existsSync(file))
      return `SUT "${name}": the Go reference forwarder is not built for this source (${file}) — fix: run \`kafka-chaos setup\` (npm run setup), which builds it with Go 1.26+`;
    if (file === pythonVenvPython() && !fs.existsSync(file))
      return `SUT "${name}": the Python reference forwarder's venv is not made (${file}) — fix: run \`kafka-chaos setup\` (npm run setup), which makes it with python3 -m venv and pip`;
    if (!fs.existsSync(file)) return `SUT "${name}": its program ${program} does not exist (looked for ${file}) — fix: ${fixCommand}`;
    if (!isExecutableFile(file)) return `SUT "${name}": its program ${file} is not an executable file — fix: chmod +x it, or ${fixCommand}`;
  } else if (!findExecutable(program, { ...env, ...definition.env })) {
    return `SUT "${name}": its program "${program}" is not on PATH — fix: install it, or ${fixCommand} with a path to it (relative to ${cwd})`;
  }
  if (args.some((a) => a.startsWith(javaForwarderClasses())) && !fs.existsSync(javaForwarderClasses()))
    return `SUT "${name}": the Java reference forwarder is not compiled for this source (${javaForwarderClasses()}) — fix: run \`kafka-chaos setup --kafka-version ${JAVA_FORWARDER_KAFKA_VERSION}\` (npm run setup), which compiles it with the JDK's javac`;
  const script = args.find((a) => SCRIPT.test(a) && !a.startsWith('-'));
  if (script !== undefined && !fs.existsSync(path.resolve(cwd, script))) {
    return `SUT "${name}": its script ${script} does not exist (looked for ${path.resolve(cwd, script)}) — fix: ${fixCommand}`;
  }
  return undefined;
}

/** Why a SUT's image cannot be had (undefined: it is present, buildable or will be pulled). */
export async function imageProblem(name: string, definition: SutDefinition): Promise<string | undefined> {
  const image = definition.image;
  if (!image)
    return `SUT "${name}" has no "image", which the container runtime needs — fix: add "image": "my-service:tag", or use CHAOS_RUNTIME=process`;
  if (isReferenceSutImage(image)) return undefined; // built from docker/ when missing
  if (await inspectImage(dockerClient(), image)) return undefined;
  if (imageSource() !== 'local') return undefined; // the run pulls it; a failed pull is an environment failure then
  return `SUT "${name}": image ${image} is not on the Docker daemon and KAFKA_CHAOS_IMAGES=local never pulls — fix: build it first (docker build -t ${image} .)`;
}

/** The runtime a run will use: `auto` asks whether a Docker daemon answers, as the run does. */
export async function resolveRuntime(kind: ChaosConfig['runtime']): Promise<RuntimeKind> {
  if (kind !== 'auto') return kind;
  return (await dockerAnswers()) ? 'container' : 'process';
}

/** One problem per SUT that cannot start, at the first step that starts it. */
export async function sutProblems(suts: ReadonlyMap<string, CompiledStep>, config: ChaosConfig): Promise<StepProblem[]> {
  if (suts.size === 0) return [];
  const runtime = await resolveRuntime(config.runtime);
  const problems: StepProblem[] = [];
  for (const [name, step] of suts) {
    const definition = config.sut[name];
    if (!definition) continue; // an undeclared name is the scenario preflight's problem
    const detail = runtime === 'process' ? commandProblem(name, definition) : await imageProblem(name, definition);
    if (detail)
      problems.push({ kind: 'unrunnable', uri: step.uri, line: step.line, text: step.text, detail: `${runtime} runtime: ${detail}` });
  }
  return problems;
}
