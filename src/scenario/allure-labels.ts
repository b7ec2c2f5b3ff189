// Labels a scenario adds to its Allure result from a Before hook: the story (the scenario's
// name, under the feature's name, for Allure's Behaviors view); and parameters: the runtime and
// the system under test, which also make one scenario's results on two runtimes or two SUTs
// separate results (Allure's history id includes the parameters), not retries of one another. allure-cucumberjs reads runtime
// messages from attachments of this media type (allure-js-commons' runtime-message protocol);
// a Before hook's labels go to the test, an After hook's are refused.

export const ALLURE_RUNTIME_MESSAGE_MEDIA_TYPE = 'application/vnd.allure.message+json';

export interface AllureLabel {
  name: string;
  value: string;
}

/** The attachment body that adds `labels` (and `parameters`) to the current test. */
export function allureLabelsMessage(labels: readonly AllureLabel[], parameters: readonly AllureLabel[] = []): string {
  return JSON.stringify([{ type: 'metadata', data: parameters.length > 0 ? { labels, parameters } : { labels } }]);
}
