// One linter for the whole repository. The rules that matter most here are the
// architecture rules (docs/architecture.md "The layers and their arrows"): arrows point
// down only — faces (action, app, cli, demo) → compose → adapters → core → ports — core
// is pure (no I/O, no SDKs), and so is every renderer and the Action's own logic, so
// that the engine is tested with in-memory fakes and every face wires nothing by hand.
// test/lint/architecture.test.ts proves that each forbidden arrow is rejected.
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

const FACES = ['**/action/**', '**/app/**', '**/cli/**', '**/demo/**'];

/** Import patterns one layer may not use, each with the message that says what to do instead. */
const forbid = {
  sdks: {
    group: ['@octokit/*', '@actions/*', '@anthropic-ai/*'],
    message: 'pure code must not import SDKs: inject them through a port.',
  },
  adaptersFromCore: {
    group: ['**/adapters/**', '**/compose/**', ...FACES],
    message: 'src/core must not import adapters, the composition or entrypoints: depend on a port.',
  },
  aboveFromPorts: {
    group: ['**/core/**', '**/adapters/**', '**/compose/**', ...FACES],
    message: 'src/ports holds interfaces and the plain types they need: it imports nothing but ports.',
  },
  aboveFromAdapters: {
    group: ['**/compose/**', ...FACES],
    message: 'adapters must not import the composition or entrypoints: move the shared type down to core or ports.',
  },
  facesFromCompose: {
    group: FACES,
    message: 'src/compose must not import entrypoints: define what a face needs here, or lower.',
  },
  adaptersFromFaces: {
    group: ['**/adapters/**'],
    message: 'faces (action, app, cli, demo) must not import adapters: build them in src/compose/.',
  },
};

/**
 * The faces are separate programs (the Action is bundled alone, the App is a server):
 * none imports another, except that the CLI's `demo` command runs src/demo.
 */
const OTHER_FACES = {
  action: ['**/app/**', '**/cli/**', '**/demo/**'],
  app: ['**/action/**', '**/cli/**', '**/demo/**'],
  cli: ['**/action/**', '**/app/**'],
  demo: ['**/action/**', '**/app/**', '**/cli/**'],
};
const otherFaces = (face) => ({
  group: OTHER_FACES[face],
  message: 'a face must not import another face: share the code through src/compose/, src/core/ or src/ports/.',
});

/** The `no-restricted-imports` (and, for pure code, `no-restricted-globals`) rules of one layer. */
function layer({ pure = false, patterns }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: pure
          ? ioModules.map((name) => ({
              name,
              message: 'pure code must not do I/O: do it in an adapter behind a port.',
            }))
          : [],
        patterns: pure ? [forbid.sdks, ...patterns] : patterns,
      },
    ],
    ...(pure
      ? {
          'no-restricted-globals': [
            'error',
            { name: 'process', message: 'pure code must not read the process: pass values in.' },
            { name: 'fetch', message: 'pure code must not do network I/O.' },
          ],
        }
      : {}),
  };
}

/** The Action's files that talk to the runtime; the rest of src/action is pure. */
const ACTION_EDGE = ['src/action/run-action.ts', 'src/action/runner.ts', 'src/action/runtime-files.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'examples/**/fixtures/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Later entries override earlier ones for the same file, so each file gets one entry's rules.
  { files: ['src/core/**/*.ts'], rules: layer({ pure: true, patterns: [forbid.adaptersFromCore] }) },
  { files: ['src/ports/**/*.ts'], rules: layer({ pure: true, patterns: [forbid.aboveFromPorts] }) },
  { files: ['src/adapters/**/*.ts'], rules: layer({ patterns: [forbid.aboveFromAdapters] }) },
  { files: ['src/compose/**/*.ts'], rules: layer({ patterns: [forbid.facesFromCompose] }) },
  ...Object.keys(OTHER_FACES).flatMap((face) => {
    const patterns = [forbid.adaptersFromFaces, otherFaces(face)];
    return [
      { files: [`src/${face}/**/*.ts`], rules: layer({ patterns }) },
      face === 'action'
        ? { files: ['src/action/**/*.ts'], ignores: ACTION_EDGE, rules: layer({ pure: true, patterns }) }
        : { files: [`src/${face}/**/render-*.ts`], rules: layer({ pure: true, patterns }) },
    ];
  }),
);
