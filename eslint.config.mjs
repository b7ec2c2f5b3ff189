// ESLint for kafka-chaos: typescript-eslint's `recommended` rules (syntax only, not type-checked,
// so `eslint .` runs in seconds on two cores) over the TypeScript of src, steps, sut, test and
// bench, and @eslint/js's recommended rules over the .mjs files. Formatting is Prettier's job.

import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, run output, caches and recorded data: not source.
  { ignores: ['dist/', 'reports/', '.cache/', 'node_modules/', 'test/fixtures/runs/'] },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    // Node's globals that these scripts use (the `globals` package would be one more dependency for a list this short).
    languageOptions: {
      globals: Object.fromEntries(
        ['AbortSignal', 'Buffer', 'URL', 'clearInterval', 'clearTimeout', 'console', 'fetch', 'process', 'setInterval', 'setTimeout'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
  {
    files: ['src/**/*.ts', 'steps/**/*.ts', 'sut/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // A leading underscore marks what is kept on purpose: an argument for its position (step arities,
      // callbacks), a property left out of a rest (`{ logger: _logger, ...extra }`), an `await using` guard.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // An eslint-disable comment that no longer suppresses anything is itself an error.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
);
