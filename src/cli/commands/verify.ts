// `kafka-chaos verify <run-dir>`: judges a run from its ledgers alone — also one whose runner
// was killed — prints the verdict, writes verdict.json and timeline.json (the run per second,
// for the report), and exits 0 (holds), 1 (violated) or
// 2 (unknown, or evidence that cannot be judged).

import fs from 'node:fs';
import path from 'node:path';
import { readLedgers } from '../../evidence/read-ledgers.js';
import { ConfigError } from '../../util/errors.js';
import { buildTimeline, verify } from '../../verify/index.js';
import { parseFlags } from '../args.js';
import { verdictTable } from '../verdict-table.js';

interface RunFacts {
  group?: string;
  topics?: string[];
  maxDuplicates?: number;
  drainEndedAt?: number | null;
}

export async function verifyCommand(args: string[]): Promise<number> {
  const runDir = args[0];
  if (!runDir || runDir.startsWith('--')) {
    throw new ConfigError('verify needs a run directory', { fix: 'kafka-chaos verify reports/runs/<run-id> [--max-duplicates N]' });
  }
  const flags = parseFlags(args.slice(1), { 'max-duplicates': 'string', group: 'string', topic: 'string' });
  const runJson = path.join(runDir, 'run.json');
  if (!fs.existsSync(runJson)) throw new ConfigError(`${runDir} is not a run directory (it has no run.json)`);
  const facts = JSON.parse(fs.readFileSync(runJson, 'utf8')) as RunFacts;
  const group = flags.group ?? facts.group;
  if (!group) throw new ConfigError(`${runJson} names no consumer group`, { fix: 'pass --group <the SUT\'s group id>' });
  const maxDuplicates = flags['max-duplicates'] === undefined ? facts.maxDuplicates : Number(flags['max-duplicates']);
  if (maxDuplicates !== undefined && !(Number.isInteger(maxDuplicates) && maxDuplicates >= 0)) {
    throw new ConfigError(`--max-duplicates must be a whole number ≥ 0, not ${flags['max-duplicates']}`);
  }

  const ledgers = await readLedgers(runDir);
  const verdict = verify(ledgers, {
    group,
    topics: flags.topic ? [flags.topic] : facts.topics ?? [],
    maxDuplicates,
    drainEndedAt: facts.drainEndedAt ?? null,
  });
  verdict.warnings.unshift(...ledgers.warnings);
  fs.writeFileSync(path.join(runDir, 'verdict.json'), JSON.stringify(verdict, null, 2) + '\n');
  fs.writeFileSync(path.join(runDir, 'timeline.json'), JSON.stringify(buildTimeline(ledgers, group)) + '\n');
  console.log(verdictTable(verdict));
  return verdict.valid === true ? 0 : verdict.valid === false ? 1 : 2;
}
