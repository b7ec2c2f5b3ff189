// The cucumber options `kafka-chaos chaos` passes through: the list matches what the installed
// cucumber-js accepts (its --help), so an upgrade cannot drift; an unknown option or one
// without its value is a one-line usage error, and values, paths and `--` pass untouched.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CUCUMBER_OPTIONS, checkCucumberArgs } from '../../src/cli/cucumber-options.js';
import { packageRoot } from '../../src/setup/project-paths.js';
import { ConfigError } from '../../src/util/errors.js';

/** name → { short, takesValue } as `cucumber-js --help` lists them (without --help itself). */
function cucumberHelpOptions(): Map<string, { short?: string; takesValue: boolean }> {
  const bin = path.join(packageRoot, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  const found = new Map<string, { short?: string; takesValue: boolean }>();
  for (const line of help.split('\n')) {
    const m = /^ {2}(?:-(\w), )?--([a-z0-9-]+)(?:, --([a-z0-9-]+))?( <[^>]+>)?/.exec(line);
    if (!m || m[2] === 'help') continue;
    found.set(m[2]!, { short: m[1], takesValue: m[4] !== undefined });
    if (m[3]) found.set(m[3], { takesValue: m[4] !== undefined });
  }
  return found;
}

describe('cucumber pass-through options', () => {
  it('are exactly those the installed cucumber-js accepts', () => {
    const actual = cucumberHelpOptions();
    assert.ok(actual.size >= 25, `parsed cucumber's help: ${[...actual.keys()].join(', ')}`);
    const ours = new Map(CUCUMBER_OPTIONS.map((o) => [o.name, { short: o.short, takesValue: o.takesValue }]));
    for (const spec of actual.values()) spec.short ??= undefined; // compare like with like
    assert.deepEqual([...ours.keys()].sort(), [...actual.keys()].sort());
    for (const [name, spec] of actual) assert.deepEqual(ours.get(name), spec, `--${name}`);
  });

  it('accept known options with their values, paths and anything after --', () => {
    checkCucumberArgs(
      [
        '--tags',
        '@smoke',
        '-t',
        'not @slow',
        '--format-options={"a":1}',
        'features/x.feature:12',
        '--dry-run',
        '-d',
        '--',
        '--not-an-option',
      ],
      [],
    );
    checkCucumberArgs(['--name', '-starts-with-a-dash'], []); // a value, not an option
  });

  it('refuse an unknown option or a missing value with one line', () => {
    for (const [args, message] of [
      [['--bogus-flag'], /unknown option --bogus-flag/],
      [['--tags=@x', '-z'], /unknown option -z/],
      [['--bogus=1'], /unknown option --bogus/],
      [['features/x.feature', '--tags'], /--tags needs a value/],
    ] as const) {
      assert.throws(
        () => checkCucumberArgs(args, ['sut']),
        (error: unknown) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'),
        args.join(' '),
      );
    }
  });
});
