// What Allure records of an error a cucumber step throws: the path an
// error takes through cucumber-js (its formatError turns it into the step result's message) and
// allure-cucumberjs (which takes that message as the status message and derives failed/broken
// from the error's type with allure-js-commons' getStatusFromError). Uses the real functions, so
// the categories are tested against the messages Allure will really see.

import { createRequire } from 'node:module';
import { getMessageAndTraceFromError, getStatusFromError } from 'allure-js-commons/sdk';

interface CucumberFormatted {
  message: string;
  exception: { type: string; message: string; stackTrace?: string };
}

const require = createRequire(import.meta.url);
const { formatError } = require('@cucumber/cucumber/lib/runtime/format_error') as {
  formatError: (error: Error, filterStackTraces: boolean) => CucumberFormatted;
};

export interface AllureStatusDetails {
  status: 'failed' | 'broken' | 'passed' | 'skipped';
  message: string;
  trace: string;
}

/** The status and message Allure shows for a scenario whose step threw `error`. */
export function allureViewOf(error: Error): AllureStatusDetails {
  const formatted = formatError(error, true);
  // allure-cucumberjs's exceptionToError: the formatted message, the stack, the constructor's name.
  const asError = { message: formatted.message, stack: formatted.exception.stackTrace, name: formatted.exception.type };
  const details = getMessageAndTraceFromError(asError as Error);
  return {
    status: getStatusFromError(asError as Error) as AllureStatusDetails['status'],
    message: details.message ?? '',
    trace: details.trace ?? '',
  };
}
