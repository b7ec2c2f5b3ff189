// The harness's own cucumber-js configuration, which `kafka-chaos chaos` uses in every project
// (a project's own cucumber.mjs, kept for its other tests, is never read unless named with
// `--cucumber-config`). Paths are relative to the project, the working directory: Gherkin
// scenarios in features/; strict (an undefined or pending step fails the run); two formatters,
// `pretty` on the terminal and allure-cucumberjs writing reports/allure-results (its own stream
// output is empty: only one formatter may take stdout, so it gets a file). The step definitions
// are added by the chaos command: the harness's built-in steps and the project's steps/.

export default {
  paths: ['features/**/*.feature'],
  import: [],
  strict: true,
  // Scenarios that expose a known defect of a client library: run them with
  // `kafka-chaos chaos --tags @known-defect` (tags given on the command line replace these).
  tags: 'not @known-defect',
  order: 'defined',
  // Resolved here, from the harness's dependencies, whatever the project has installed.
  format: ['pretty', [import.meta.resolve('allure-cucumberjs/reporter'), 'reports/.allure-formatter.log']],
  formatOptions: {
    // Log tails and verdicts are attachments for the report; printed, a failure would bury its finding.
    printAttachments: false,
    resultsDir: 'reports/allure-results',
    labels: [
      { pattern: [/^@severity:(.*)$/], name: 'severity' },
      { pattern: [/^@story:(.*)$/], name: 'story' },
    ],
  },
};
