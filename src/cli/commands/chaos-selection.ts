// "0 scenarios" is not a pass: a wrong feature path, a project without features/, or tags that
// match nothing would otherwise exit 0 and a CI job would go green having tested nothing. This
// says, in one line, why no scenario was selected (or which given path does not exist) and how
// to fix it; `kafka-chaos chaos` exits 2 on it.

import fs from 'node:fs';
import path from 'node:path';

export interface SelectionFacts {
  cwd: string;
  /** Feature paths given on the command line. */
  givenPaths: readonly string[];
  /** The paths the run reads (given, else configured). */
  paths: readonly string[];
  tagExpression: string;
  /** Whether the tag expression came from the command line. */
  tagsGiven: boolean;
  names: readonly string[];
  featureFiles: number;
  scenariosFound: number;
  scenariosSelected: number;
}

const GLOB = /[*?[\]{}]/;
const stripLines = (p: string) => p.replace(/(:\d+)+$/, '');

/** The one-line error, or undefined when the selection is fine. */
export function selectionProblem(f: SelectionFacts): string | undefined {
  for (const given of f.givenPaths) {
    const file = stripLines(given);
    if (path.basename(file).startsWith('@') || GLOB.test(file)) continue; // a rerun file or a glob
    if (!fs.existsSync(path.resolve(f.cwd, file))) {
      return `the feature path ${file} does not exist (in ${f.cwd}) — fix: correct the path, or run \`kafka-chaos chaos\` without one for every feature in features/`;
    }
  }
  if (f.scenariosSelected > 0) return undefined;
  if (f.featureFiles === 0) {
    if (f.givenPaths.length === 0 && !fs.existsSync(path.join(f.cwd, 'features'))) {
      return `no scenario selected: there is no features/ directory in ${f.cwd} — fix: put your .feature files in features/, or name them: kafka-chaos chaos path/to/scenario.feature`;
    }
    return `no scenario selected: no feature file found at ${f.paths.join(', ')} — fix: add .feature files there, or name existing ones: kafka-chaos chaos path/to/scenario.feature`;
  }
  const files = `${f.featureFiles} feature file${f.featureFiles === 1 ? '' : 's'}`;
  if (f.scenariosFound === 0) {
    return `no scenario selected: the ${files} hold no scenario — fix: add a Scenario: to them`;
  }
  const filters: string[] = [];
  // cucumber wraps each --tags in parentheses; one pair around the whole is only noise here.
  const tags = /^\(([^()]*)\)$/.exec(f.tagExpression.trim())?.[1] ?? f.tagExpression.trim();
  if (tags !== '') filters.push(`${f.tagsGiven ? '--tags' : 'the configured tag expression'} "${tags}"`);
  if (f.names.length > 0) filters.push(`--name ${f.names.map((n) => `"${n}"`).join(', ')}`);
  const lines = f.givenPaths.filter((p) => /:\d+$/.test(p));
  if (lines.length > 0) filters.push(`the line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}`);
  return `no scenario selected: ${filters.join(' and ') || 'the filters'} match${filters.length > 1 ? '' : 'es'} none of the ${f.scenariosFound} scenarios in ${files} — fix: correct ${filters.length > 1 ? 'them' : 'it'} (e.g. --tags @smoke), or leave ${filters.length > 1 ? 'them' : 'it'} out`;
}
