import { describe, expect, it } from 'vitest';
import { plainTestCommand } from '../../../src/core/repair/plain-test-command.ts';

describe('plainTestCommand', () => {
  it.each([
    'npm test',
    'npm t',
    'npm run test',
    'npm run test:unit',
    'npm test -- --runInBand',
    'pnpm test',
    'pnpm run test:ci',
    'pnpm exec vitest run',
    'yarn test',
    'yarn jest --ci',
    'bun test',
    'npx vitest run --reporter=dot',
    'npx jest',
    'vitest run',
    'mocha --recursive test',
    'node --test',
    'pytest -q tests/unit',
    'python -m pytest',
    'python3 -m unittest',
    'go test ./...',
    'cargo test --workspace',
    'make test',
  ])('takes %j', (run) => {
    expect(plainTestCommand(`  ${run}\n`)).toBe(run);
  });

  it.each([
    ['two commands', 'npm ci && npm test'],
    ['a pipe', 'npm test | tee out.txt'],
    ['a redirection', 'pytest > report.txt'],
    ['an expansion', 'npm test -- --shard=$SHARD'],
    ['an expression', 'npm run test:${{ matrix.suite }}'],
    ['a command substitution', 'pytest `cat tests.txt`'],
    ['quotes', 'pytest -k "not slow"'],
    ['a glob', 'mocha test/**/*.js'],
    ['a script of several lines', 'npm ci\nnpm test'],
    ['an environment assignment', 'CI=true npm test'],
    ['another script', 'npm run build'],
    ['a non-test program', 'rm -rf / --no-preserve-root'],
    ['npx of anything', 'npx some-package'],
    ['a shell', 'bash -c "npm test"'],
    ['nothing', '   '],
  ])('refuses %s', (_what, run) => {
    expect(plainTestCommand(run)).toBeNull();
  });
});
