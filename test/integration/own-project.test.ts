// kafka-chaos as a user adds it to their own repository: `npm pack` of this checkout installed
// into a fresh project outside it, `npx kafka-chaos init`, a SUT that exists only in that
// project (the Python confluent-kafka consumer, copied in; not TypeScript), one step of the
// project's own (TypeScript, no build step) — then `npx kafka-chaos chaos` on the correct SUT
// (exit 0) and on a broken variant (exit 1, the check that failed named in its verdict), with
// the evidence in that project's reports/, and `npx kafka-chaos report` building the report.
// KAFKA_CHAOS_TEST_NODE=24 (or 22) runs the same with that Node (`npm run test:own-project:node`).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cacheDir, packageRoot } from '../../src/setup/project-paths.js';
import { OwnProject, packThisCheckout, type Packed } from '../support/own-project.js';
import { PYTHON_FORWARDER_DIR, ensurePythonVenv } from '../../src/setup/python-venv.js';

const FIXTURE = path.join(packageRoot, 'test', 'fixtures', 'own-project');
const CHAOS_TIMEOUT_MS = 8 * 60_000;

/**
 * The folder of the Node that KAFKA_CHAOS_TEST_NODE names (a major version: the npm package
 * node@N, installed once into the harness cache), or undefined for the Node running this test.
 */
function nodeBinDir(): string | undefined {
  const wanted = process.env.KAFKA_CHAOS_TEST_NODE;
  if (!wanted) return undefined;
  if (!/^\d+$/.test(wanted)) throw new Error(`KAFKA_CHAOS_TEST_NODE=${wanted}: give a major version, e.g. 24`);
  const prefix = path.join(cacheDir(), 'node', wanted);
  const bin = path.join(prefix, 'node_modules', 'node', 'bin');
  if (!fs.existsSync(path.join(bin, 'node'))) {
    const args = ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node@${wanted}`];
    const installed = spawnSync('npm', args, { encoding: 'utf8', timeout: 300_000 });
    if (installed.status !== 0) throw new Error(`KAFKA_CHAOS_TEST_NODE=${wanted}: npm ${args.join(' ')} failed: ${installed.stderr}`);
  }
  const version = spawnSync(path.join(bin, 'node'), ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout.trim();
  if (!version.startsWith(`v${wanted}.`)) throw new Error(`KAFKA_CHAOS_TEST_NODE=${wanted}: ${bin}/node is ${version || 'not runnable'}`);
  console.log(`own project on Node ${version}`);
  return bin;
}

/** The verdict.json of every scenario of a run, by scenario folder. */
interface Verdict {
  valid: unknown;
  checks: Array<{ name: string; valid: unknown }>;
}

function verdicts(runDir: string): Map<string, Verdict> {
  const scenarios = path.join(runDir, 'scenarios');
  return new Map(
    fs
      .readdirSync(scenarios)
      .filter((name) => fs.existsSync(path.join(scenarios, name, 'verdict.json')))
      .map((name) => [name, JSON.parse(fs.readFileSync(path.join(scenarios, name, 'verdict.json'), 'utf8'))]),
  );
}

describe('kafka-chaos in a project of its own', () => {
  const project = new OwnProject(nodeBinDir());
  let packed: Packed;

  before(async () => {
    packed = packThisCheckout(project.root);
    project.write('package.json', JSON.stringify({ name: 'orders-service', version: '1.0.0', private: true }, null, 2));
    // A cucumber.mjs for the project's other tests: kafka-chaos must not take it over.
    project.write('cucumber.mjs', "export default { paths: ['acceptance/**/*.feature'] };\n");
    const install = await project.run('npm', ['install', '-D', packed.tarball, '--prefer-offline', '--no-audit', '--no-fund'], 300_000);
    assert.equal(install.code, 0, install.output);
  });
  after(() => project.remove());

  it('the tarball ships the built harness and no tests', () => {
    const paths = packed.files.map((f) => f.path);
    for (const shipped of ['dist/src/cli/main.js', 'dist/src/api/index.d.ts', 'dist/steps/support/define-step.js', 'cucumber.mjs']) {
      assert.ok(paths.includes(shipped), `${shipped} in the tarball`);
    }
    assert.ok(paths.includes('templates/init/example-http-outage.feature') && paths.includes('docker/kafka/Dockerfile'));
    assert.deepEqual(
      paths.filter((p) => /(^|\/)test\//.test(p) || p.endsWith('.map') || (p.endsWith('.ts') && !p.endsWith('.d.ts'))),
      [],
    );
    console.log(`kafka-chaos tarball: ${packed.files.length} files, ${(packed.sizeBytes / 1024).toFixed(0)} KiB`);
  });

  it('init writes its files, says so, and never overwrites', async () => {
    const init = await project.kafkaChaos(['init'], 60_000);
    assert.equal(init.code, 0, init.output);
    for (const file of ['kafka-chaos.config.json', 'features/example-http-outage.feature', '.github/workflows/chaos.yml']) {
      assert.ok(project.exists(file), file);
      assert.match(init.output, new RegExp(`wrote\\s+${file.replace(/[.]/g, '\\.')}`), init.output);
    }
    assert.match(project.read('.gitignore'), /^reports\/$/m);
    const again = await project.kafkaChaos(['init'], 60_000);
    assert.equal(again.code, 0, again.output);
    assert.doesNotMatch(again.output, /\bwrote\b/, 'a second init writes nothing');
  });

  it('chaos exits 0 on the correct Python SUT, with its own TypeScript step, evidence in its reports/', async () => {
    const python = await ensurePythonVenv();
    fs.cpSync(PYTHON_FORWARDER_DIR, path.join(project.dir, 'consumer'), { recursive: true, filter: (f) => !f.includes('__pycache__') });
    const sut = (env: Record<string, string>) => ({
      command: ['./consumer/run.sh'],
      env: { KAFKA_CHAOS_PYTHON: python, ...env },
      startupGraceMs: 3000,
    });
    // As the user fills in what init wrote: two entries, so scenarios must say which (--sut).
    const config = JSON.parse(project.read('kafka-chaos.config.json')) as { sut: Record<string, unknown> };
    config.sut = { 'orders-consumer': sut({}), 'orders-consumer-broken': sut({ FORWARDER_MODE: 'commit-before-send' }) };
    project.write('kafka-chaos.config.json', JSON.stringify(config, null, 2));
    fs.cpSync(path.join(FIXTURE, 'steps'), path.join(project.dir, 'steps'), { recursive: true });
    fs.cpSync(path.join(FIXTURE, 'features'), path.join(project.dir, 'features'), { recursive: true });

    const steps = await project.kafkaChaos(['steps'], 60_000);
    assert.match(steps.output, /our gateway drops out for \{duration\} during a \{word\}/, 'the project step is listed');

    const run = await project.kafkaChaos(['chaos', '--sut', 'orders-consumer'], CHAOS_TIMEOUT_MS);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /2 scenarios/);
    // A run directory per environment the run started, all in the project's reports/runs.
    const runDirs = project.runs();
    assert.ok(runDirs.length > 0, "run directories in the project's reports/runs");
    const judged = new Map(runDirs.flatMap((dir) => [...verdicts(dir)]));
    assert.equal(judged.size, 2, [...judged.keys()].join(', '));
    for (const [name, verdict] of judged) assert.equal(verdict.valid, true, name);
    const faults = runDirs.flatMap((dir) =>
      fs.readdirSync(path.join(dir, 'scenarios')).map((s) => path.join(dir, 'scenarios', s, 'faults.jsonl')),
    );
    const gateway = faults
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('');
    assert.match(gateway, /"fault":"gateway-outage".*"healedAt":\d+/, 'the project fault was recorded and healed');
    console.log(`own project: correct Python SUT, 2 scenarios in ${(run.ms / 1000).toFixed(0)} s`);
  });

  it('chaos exits 1 on the broken variant, its verdict naming the commit made during the outage', async () => {
    const before = new Set(project.runs());
    const run = await project.kafkaChaos(
      ['chaos', '--sut', 'orders-consumer-broken', 'features/example-http-outage.feature'],
      CHAOS_TIMEOUT_MS,
    );
    assert.equal(run.code, 1, run.output);
    const runDirs = project.runs().filter((dir) => !before.has(dir));
    assert.equal(runDirs.length, 1, runDirs.join(', '));
    const [verdict] = [...verdicts(runDirs[0]!).values()];
    assert.equal(verdict?.valid, false);
    const failed = verdict!.checks.filter((c) => c.valid === false).map((c) => c.name);
    assert.ok(failed.includes('commit-during-outage'), `failed checks: ${failed.join(', ')}`);
  });

  it('report builds the Allure report in the project', async () => {
    const report = await project.kafkaChaos(['report'], 180_000);
    assert.equal(report.code, 0, report.output);
    assert.ok(project.exists('reports/allure-report/index.html'), report.output);
  });
});
