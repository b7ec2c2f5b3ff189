// `kafka-chaos steps`: every step a scenario can use, its pattern and an example, grouped by
// kind (environment, traffic, fault, wait, assertion); `--markdown` prints the table of docs/steps.md.

import { catalogueMarkdown, formatCatalogue } from '../../scenario/step-catalogue.js';
import { flagTypes, parseFlags, type CommandHelp } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const stepsHelp = {
  summary: 'print every scenario step with an example (--markdown: as a table)',
  usage: 'kafka-chaos steps [--markdown]',
  flags: { markdown: { type: 'boolean', summary: 'print the docs/steps.md table (| kind | step | example | what it does |)' } },
} as const satisfies CommandHelp;

export async function stepsCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, flagTypes(stepsHelp.flags));
  console.log(flags.markdown ? catalogueMarkdown() : formatCatalogue());
  return EXIT.ok;
}
