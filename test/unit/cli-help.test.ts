// `kafka-chaos --help` and `kafka-chaos <command> --help`: exit 0 and list the options — each
// flag the command accepts, from the same declaration its parser uses, for every command main.ts
// registers. `kafka-chaos --version` prints the version of the package's own package.json.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { chaosHelp } from '../../src/cli/commands/chaos.js';
import { cleanHelp } from '../../src/cli/commands/clean.js';
import { imagesHelp } from '../../src/cli/commands/images.js';
import { initHelp } from '../../src/cli/commands/init.js';
import { reportHelp } from '../../src/cli/commands/report.js';
import { setupHelp } from '../../src/cli/commands/setup.js';
import { stepsHelp } from '../../src/cli/commands/steps.js';
import { upHelp } from '../../src/cli/commands/up.js';
import { verifyHelp } from '../../src/cli/commands/verify.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { CliProject } from '../support/cli-project.js';

const FLAGS: Record<string, readonly string[]> = {
  setup: Object.keys(setupHelp.flags),
  up: Object.keys(upHelp.flags),
  chaos: Object.keys(chaosHelp.flags),
  steps: Object.keys(stepsHelp.flags),
  verify: Object.keys(verifyHelp.flags),
  report: Object.keys(reportHelp.flags),
  images: Object.keys(imagesHelp.flags),
  clean: Object.keys(cleanHelp.flags),
  init: Object.keys(initHelp.flags),
};

/** What each command's --help must list at the least, written out: the declarations above could lose a flag unnoticed. */
const REQUIRED: Record<string, readonly string[]> = {
  verify: ['all', 'group', 'topic', 'max-duplicates'],
  report: ['results', 'report', 'timeout-ms'],
  init: ['dir'],
};

describe('kafka-chaos --help', () => {
  const project = new CliProject();

  it('lists every command and exits 0', () => {
    const run = project.run(['--help']);
    assert.equal(run.code, 0, run.stderr);
    for (const command of Object.keys(FLAGS)) assert.match(run.stdout, new RegExp(`^ {2}${command} `, 'm'));
  });

  it('chaos --help names its own options and says other cucumber arguments pass through', () => {
    const run = project.run(['chaos', '--help']);
    assert.equal(run.code, 0, run.stderr);
    for (const flag of ['--sut', '--cucumber-config', '--dry-run', '--tags']) assert.ok(run.stdout.includes(flag), flag);
    assert.match(run.stdout, /Every other cucumber-js argument passes through/);
  });

  it('--version and -v print kafka-chaos and the version of package.json, exit 0; --help mentions it', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = project.run([flag]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, `kafka-chaos ${version}\n`);
    }
    assert.match(project.run(['--help']).stdout, /--version/);
  });

  for (const [command, required] of Object.entries(REQUIRED)) {
    it(`${command} declares ${required.map((f) => `--${f}`).join(', ')}`, () => {
      for (const flag of required) assert.ok(FLAGS[command]!.includes(flag), `--${flag}`);
    });
  }

  for (const [command, flags] of Object.entries(FLAGS)) {
    it(`${command} --help exits 0 and lists ${flags.length > 0 ? flags.map((f) => `--${f}`).join(', ') : 'that it takes no options'}`, () => {
      const run = project.run([command, '--help']);
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      for (const flag of flags) assert.match(run.stdout, new RegExp(`^\\s+--${flag}\\b`, 'm'), `--${flag} in\n${run.stdout}`);
      assert.match(run.stdout, /usage: kafka-chaos /);
    });
  }

  it('no command prints the usage and exits 2; an unknown command exits 2 naming it', () => {
    const bare = project.run([]);
    assert.equal(bare.code, 2);
    assert.match(bare.stdout, /usage: kafka-chaos <command>/);
    const unknown = project.run(['chaoss']);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^kafka-chaos: unknown command "chaoss" — fix: use one of setup, up, chaos, matrix, steps, verify, report, images, clean, init$/m,
    );
    project.remove();
  });
});
