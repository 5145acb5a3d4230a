// One linter for the whole repository. The rule that matters most here is the
// architecture rule: src/core must stay pure (no I/O, no SDKs, no adapters), so that
// the engine can be tested with in-memory fakes and reused by every entrypoint.
import tseslint from 'typescript-eslint';

const ioModules = [
  'node:child_process',
  'child_process',
  'node:fs',
  'fs',
  'node:fs/promises',
  'fs/promises',
  'node:net',
  'net',
  'node:http',
  'http',
  'node:https',
  'https',
  'node:dgram',
  'dgram',
  'node:worker_threads',
  'worker_threads',
  'execa',
  'probot',
  '@anthropic-ai/sdk',
  'nock',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**/fixtures/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({
            name,
            message: 'src/core must stay pure: do I/O in an adapter behind a port.',
          })),
          patterns: [
            {
              group: ['@octokit/*', '@actions/*', '@anthropic-ai/*'],
              message: 'src/core must not import SDKs: inject them through a port.',
            },
            {
              group: ['**/adapters/**', '**/action/**', '**/app/**', '**/cli/**'],
              message: 'src/core must not import adapters or entrypoints.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core must not read the process: pass values in.' },
        { name: 'fetch', message: 'src/core must not do network I/O.' },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts', 'src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/action/**', '**/app/**', '**/cli/**'],
              message: 'adapters and ports must not import entrypoints.',
            },
          ],
        },
      ],
    },
  },
);
