// Registers the Gherkin parameter types — {duration}, {count}, {rate}, {percentage}, {broker},
// {link}, {status}, {version} — whose regular expressions and parses live in
// src/scenario/parameters.ts (shared with the preflight and its tests).

import { defineParameterType } from '@cucumber/cucumber';
import { PARAMETER_TYPES } from '../../src/scenario/parameters.js';

for (const type of PARAMETER_TYPES) {
  defineParameterType({
    name: type.name,
    regexp: type.regexp,
    transformer: (text: string) => type.parse(text),
    useForSnippets: false,
    preferForRegexpMatch: false,
  });
}
