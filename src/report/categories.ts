// The report's defect categories (Allure's categories.json). A scenario's failure message starts
// with a fixed prefix naming what went wrong — "Message loss: 3 of 100 messages …" — and each
// category matches one prefix, so the Categories page groups failures by the promise they broke.
// "Environment failure" matches failed AND broken results: an environment that could not be
// brought up must never be read as a defect of the system under test.
//
// How Allure 2 (allure-commandline 2.46) matches, read from its CategoriesPlugin: the message is
// stripped of ANSI colours, then Pattern.compile(regex, DOTALL).matcher(message).matches() — a
// FULL match in which "." also matches newlines. So each regex ends in ".*" to take the rest of a
// multi-line message and its stack, and allows the "Name: " that cucumber-js puts before an
// error's message (its formatted error, e.g. "AssertionError [ERR_ASSERTION]: Message loss: …",
// is what allure-cucumberjs reports as the status message).

import { stripAnsi } from '../util/ansi.js';

export interface AllureCategory {
  name: string;
  description: string;
  /** Java regex, matched against the whole status message with DOTALL. */
  messageRegex: string;
  matchedStatuses: ('failed' | 'broken' | 'passed' | 'skipped' | 'unknown')[];
}

/** An optional error name (with Node's " [ERR_CODE]") and ": " before the prefix. */
const ERROR_NAME = '(?:[A-Za-z_$][\\w$.]*(?: \\[[A-Z0-9_]+\\])?: )?';

function category(
  name: string,
  prefix: string,
  description: string,
  statuses: AllureCategory['matchedStatuses'] = ['failed'],
): AllureCategory {
  return { name, description, messageRegex: `${ERROR_NAME}${prefix}.*`, matchedStatuses: statuses };
}

/** In Allure's matching order. */
export const CATEGORIES: readonly AllureCategory[] = [
  category('Message loss', 'Message loss:', 'A message in Kafka never reached the HTTP target with a 2xx.'),
  category('Duplicates over bound', 'Duplicates over bound:', 'More messages were delivered more than once than the scenario tolerates.'),
  category(
    'Unsafe offset commit',
    'Unsafe offset commit:',
    'An offset was committed before its message (or an earlier one) was delivered, or while the target was down.',
  ),
  category('Ordering violation', 'Ordering violation:', 'Messages of one partition reached the target out of order.'),
  category('Pipeline did not stop', 'Pipeline did not stop:', 'The pipeline kept consuming where the scenario expected it to stop.'),
  category(
    'Checker could not decide',
    'Checker could not decide:',
    'A check said unknown: the evidence was incomplete or malformed. Not a pass.',
  ),
  category('Other reliability failure', 'Reliability check failed:', 'A reliability check without a category of its own was violated.'),
  category(
    'Environment failure',
    'Environment failure:',
    'The harness or the machine failed (a broker, Docker, a port, a timeout): not a verdict on the system under test.',
    ['failed', 'broken'],
  ),
];

/**
 * The category Allure would give a result, for tests and for tools that read results: the first
 * whose regex matches the whole message (JS and Java agree on the syntax used here).
 */
export function categoryOf(
  message: string,
  status: AllureCategory['matchedStatuses'][number],
  categories = CATEGORIES,
): string | undefined {
  const withoutAnsi = stripAnsi(message);
  return categories.find((c) => c.matchedStatuses.includes(status) && new RegExp(`^(?:${c.messageRegex})$`, 's').test(withoutAnsi))?.name;
}
