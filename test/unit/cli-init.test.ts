// `kafka-chaos init` in a scratch project: it writes the config, the example scenario, the CI
// workflow and reports/ in .gitignore; what it writes passes the config loader and chaos's
// preflight (`chaos --dry-run`, no cluster) once the SUT's command exists; it never overwrites
// a file (byte for byte, reported "kept"), its .gitignore line is added once, and a usage error
// exits 2 with one line.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { INIT_FILES, TEMPLATES_DIR } from '../../src/cli/commands/init.js';
import { loadConfig } from '../../src/config/chaos-config.js';
import { DEFAULT_KAFKA_VERSION } from '../../src/setup/kafka-distribution.js';
import { CliProject } from '../support/cli-project.js';

const projects: CliProject[] = [];
after(() => projects.forEach((p) => p.remove()));

function scratch(): CliProject {
  const project = new CliProject();
  projects.push(project);
  return project;
}

const read = (project: CliProject, file: string) => fs.readFileSync(path.join(project.dir, file), 'utf8');

describe('kafka-chaos init', () => {
  it('writes the starter files, one line each, and names the commands to run next', () => {
    const project = scratch();
    const run = project.run(['init']);
    assert.equal(run.code, 0, run.stderr);
    for (const file of ['kafka-chaos.config.json', 'features/example-http-outage.feature', '.github/workflows/chaos.yml', '.gitignore'])
      assert.match(run.stdout, new RegExp(`^wrote +${file.replaceAll('.', '\\.')}`, 'm'), run.stdout);
    assert.equal(read(project, '.gitignore'), 'reports/\n');
    for (const command of ['npx kafka-chaos chaos --dry-run', 'npx kafka-chaos setup', 'npx kafka-chaos report', 'npx kafka-chaos steps'])
      assert.ok(run.stdout.includes(`\`${command}\``), command);
    assert.equal(run.stderr, '');
  });

  it('writes a config the loader accepts: one SUT to fill in, the default Kafka version', () => {
    const project = scratch();
    assert.equal(project.run(['init']).code, 0);
    const config = loadConfig(path.join(project.dir, 'kafka-chaos.config.json'));
    assert.deepEqual(config.kafka, { version: DEFAULT_KAFKA_VERSION, brokers: 3 });
    assert.deepEqual(Object.keys(config.sut).sort(), ['forwarder', 'go-forwarder', 'java-forwarder', 'my-service', 'python-forwarder']);
    assert.equal(config.sut['my-service']!.startupGraceMs, 3000);
    assert.doesNotMatch(read(project, 'kafka-chaos.config.json'), /@KAFKA_VERSION@/);
  });

  it("writes an example scenario that passes chaos's preflight once the SUT's command exists", () => {
    const project = scratch();
    assert.equal(project.run(['init']).code, 0);
    fs.mkdirSync(path.join(project.dir, 'bin'));
    fs.writeFileSync(path.join(project.dir, 'bin', 'run-consumer'), '#!/bin/sh\nexec sleep 3600\n', { mode: 0o755 });
    const run = project.run(['chaos', '--dry-run']);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /1 scenario \(1 skipped\)/);
    assert.deepEqual(project.runs(), [], 'nothing was started');
  });

  it('never overwrites: an existing file stays byte for byte and is reported kept', () => {
    const project = scratch();
    const mine = '{"sut":{"billing":{"command":["./billing"]}}}'; // no newline, unformatted: must stay so
    project.config(mine);
    project.feature('example-http-outage.feature', ['Feature: mine']);
    const run = project.run(['init']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^kept +kafka-chaos\.config\.json \(it exists; left as it is\)$/m);
    assert.match(run.stdout, /^kept +features\/example-http-outage\.feature/m);
    assert.match(run.stdout, /^wrote +\.github\/workflows\/chaos\.yml/m);
    assert.equal(read(project, 'kafka-chaos.config.json'), mine);
    assert.equal(read(project, 'features/example-http-outage.feature'), 'Feature: mine\n');
    assert.match(run.stdout, /--sut NAME/, 'a kept config may declare several SUTs');
    const again = project.run(['init']);
    assert.equal(again.code, 0);
    assert.equal(again.stdout.match(/^kept /gm)?.length, 4, again.stdout);
  });

  it('adds reports/ to .gitignore once: appended after a line without newline, kept when ignored already', () => {
    const project = scratch();
    fs.writeFileSync(path.join(project.dir, '.gitignore'), 'node_modules/');
    assert.match(project.run(['init']).stdout, /^appended \.gitignore \(reports\/\)$/m);
    assert.equal(read(project, '.gitignore'), 'node_modules/\nreports/\n');
    assert.match(project.run(['init']).stdout, /^kept +\.gitignore \(it ignores reports\/ already\)$/m);
    assert.equal(read(project, '.gitignore'), 'node_modules/\nreports/\n');
    fs.writeFileSync(path.join(project.dir, '.gitignore'), '/reports\n');
    project.run(['init']);
    assert.equal(read(project, '.gitignore'), '/reports\n');
  });

  it('writes into --dir, relative to the working directory', () => {
    const project = scratch();
    fs.mkdirSync(path.join(project.dir, 'service'));
    const run = project.run(['init', '--dir', 'service']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^wrote +service\/kafka-chaos\.config\.json$/m);
    assert.ok(fs.existsSync(path.join(project.dir, 'service', 'features', 'example-http-outage.feature')));
    assert.equal(fs.existsSync(path.join(project.dir, 'kafka-chaos.config.json')), false);
  });

  it('exits 2 with one line for an unusable --dir, an unknown flag or --force, writing nothing', () => {
    const project = scratch();
    fs.writeFileSync(path.join(project.dir, 'a-file'), '');
    for (const [args, cause] of [
      [['init', '--dir', 'no-such-dir'], /--dir no-such-dir is not a directory — fix: /],
      [['init', '--dir', 'a-file'], /--dir a-file is not a directory — fix: /],
      [['init', '--bogus'], /Unknown option '--bogus' — fix: accepted flags: --dir/],
      [['init', '--force'], /init never overwrites a file, and has no --force — fix: /],
    ] as const) {
      const run = project.run(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, new RegExp(`^kafka-chaos: ${cause.source}.*\\n$`), run.stderr);
    }
    assert.deepEqual(fs.readdirSync(project.dir).sort(), ['a-file']);
  });

  it('ships its templates as files, and the workflow runs setup and 4 chaos shards, and always one report over them, on the process runtime', () => {
    for (const { template } of INIT_FILES) assert.ok(fs.existsSync(path.join(TEMPLATES_DIR, template)), template);
    const workflow = fs.readFileSync(path.join(TEMPLATES_DIR, 'github-workflow-chaos.yml'), 'utf8');
    for (const needed of [
      'actions/setup-node@v4',
      "java-version: '17'",
      "go-version: '1.26'",
      'path: ~/.cache/kafka-chaos',
      "hashFiles('package-lock.json'",
      'CHAOS_RUNTIME: process',
      'run: npm ci',
      'run: npx kafka-chaos setup',
      'run: npx kafka-chaos chaos --shard ${{ matrix.shard }}/${{ env.SHARDS }}',
      'shard: [1, 2, 3, 4]',
      'pattern: kafka-chaos-shard-*',
      'actions/upload-artifact@v4',
    ])
      assert.ok(workflow.includes(needed), needed);
    assert.match(workflow, /if: always\(\)\n\s+run: npx kafka-chaos report --results "\$\(ls -d shards\/\*\/allure-results-shard-\*/);
    assert.match(workflow, /if: always\(\)\n\s+uses: actions\/upload-artifact@v4[\s\S]*path: \|\n\s+reports\//);
  });
});
