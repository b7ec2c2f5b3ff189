// `kafka-chaos steps`: every step a scenario can use, its pattern and an example, grouped by
// kind (environment, traffic, fault, wait, assertion); `--markdown` prints the table of docs/steps.md;
// `--update-docs` rewrites the generated tables of docs/ from the loaded step and fault registries.

import { updateGeneratedDocs } from '../../scenario/generated-docs.js';
import { loadHarnessSteps } from '../../scenario/harness-steps.js';
import { formatSteps, stepsMarkdown } from '../../scenario/step-registry.js';
import { flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const stepsHelp = {
  summary: 'print every scenario step with an example (--markdown: as a table)',
  usage: 'kafka-chaos steps [--markdown | --update-docs]',
  flags: {
    markdown: { type: 'boolean', summary: 'print the docs/steps.md table (| kind | step | example | what it does |)' },
    'update-docs': { type: 'boolean', summary: "rewrite docs/steps.md's generated step and fault tables" },
  },
} as const satisfies CommandHelp;

export async function stepsCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, flagTypes(stepsHelp.flags));
  await loadHarnessSteps(process.cwd()); // the project's own steps too
  if (flags['update-docs']) {
    const changed = updateGeneratedDocs();
    console.log(changed.length > 0 ? `updated ${changed.join(', ')}` : 'the generated docs are up to date');
  } else console.log(flags.markdown ? stepsMarkdown() : formatSteps());
  return EXIT.ok;
}
