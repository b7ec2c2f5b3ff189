// `kafka-chaos steps`: every step a scenario can use, its pattern and an example, grouped by
// kind (environment, traffic, fault, wait, assertion); `--markdown` prints the README table.

import { catalogueMarkdown, formatCatalogue } from '../../scenario/step-catalogue.js';
import { parseFlags } from '../args.js';

export async function stepsCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { markdown: 'boolean' });
  console.log(flags.markdown ? catalogueMarkdown() : formatCatalogue());
  return 0;
}
