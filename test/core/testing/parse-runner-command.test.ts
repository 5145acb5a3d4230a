import { describe, expect, it } from 'vitest';
import { parseRunnerCommand } from '../../../src/core/testing/parse-runner-command.ts';

describe('parseRunnerCommand', () => {
  it.each([
    ['vitest', { runner: 'vitest', env: [], launcher: [], program: ['vitest'], args: [] }],
    [
      'vitest run --silent',
      { runner: 'vitest', env: [], launcher: [], program: ['vitest'], args: ['run', '--silent'] },
    ],
    [
      'CI=1 npx --no vitest run',
      { runner: 'vitest', env: ['CI=1'], launcher: ['npx', '--no'], program: ['vitest'], args: ['run'] },
    ],
    [
      './node_modules/.bin/jest --ci',
      { runner: 'jest', env: [], launcher: [], program: ['./node_modules/.bin/jest'], args: ['--ci'] },
    ],
    [
      'cross-env NODE_ENV=test jest',
      { runner: 'jest', env: [], launcher: ['cross-env', 'NODE_ENV=test'], program: ['jest'], args: [] },
    ],
    [
      'pnpm exec mocha --recursive',
      { runner: 'mocha', env: [], launcher: ['pnpm', 'exec'], program: ['mocha'], args: ['--recursive'] },
    ],
    ['yarn jest', { runner: 'jest', env: [], launcher: ['yarn'], program: ['jest'], args: [] }],
    ['node --test', { runner: 'node-test', env: [], launcher: [], program: ['node', '--test'], args: [] }],
    [
      'node --import tsx --test test/',
      { runner: 'node-test', env: [], launcher: [], program: ['node', '--import', 'tsx', '--test'], args: ['test/'] },
    ],
    ['pytest -q', { runner: 'pytest', env: [], launcher: [], program: ['pytest'], args: ['-q'] }],
    [
      'python3 -m pytest tests',
      { runner: 'pytest', env: [], launcher: [], program: ['python3', '-m', 'pytest'], args: ['tests'] },
    ],
    [
      '/usr/bin/python3.11 -m pytest',
      { runner: 'pytest', env: [], launcher: [], program: ['/usr/bin/python3.11', '-m', 'pytest'], args: [] },
    ],
    ['poetry run pytest', { runner: 'pytest', env: [], launcher: ['poetry', 'run'], program: ['pytest'], args: [] }],
    ['uv run pytest -x', { runner: 'pytest', env: [], launcher: ['uv', 'run'], program: ['pytest'], args: ['-x'] }],
    ['go test -race ./...', { runner: 'go', env: [], launcher: [], program: ['go', 'test'], args: ['-race', './...'] }],
    [
      'cargo test --workspace',
      { runner: 'cargo', env: [], launcher: [], program: ['cargo', 'test'], args: ['--workspace'] },
    ],
  ])('recognises %j', (command, expected) => {
    expect(parseRunnerCommand(command)).toEqual(expected);
  });

  it.each([
    'make test',
    'tsc && vitest run',
    'npm test',
    'node test.js',
    'python3 -m unittest',
    'go vet ./...',
    'cargo build',
    '',
    'vitest run > out',
  ])('does not recognise %j', (command) => {
    expect(parseRunnerCommand(command)).toBeNull();
  });
});
