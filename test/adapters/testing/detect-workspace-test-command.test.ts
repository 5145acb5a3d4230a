import { describe, expect, it } from 'vitest';
import { detectTestCommand } from '../../../src/adapters/testing/index.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

describe('detectTestCommand (workspace)', () => {
  it('reads only the root files detection needs', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ scripts: { test: 'jest' } }),
      'pnpm-lock.yaml': 'lockfileVersion: 9',
      'src/a.ts': 'export {}',
      'go.mod': 'module x',
    };
    const read: string[] = [];
    const plan = await detectTestCommand({
      config: defaultConfig(),
      files: Object.keys(files),
      readFile: async (path) => {
        read.push(path);
        return files[path] ?? null;
      },
    });
    expect(plan).toMatchObject({ runner: 'jest', command: 'pnpm test', client: 'pnpm' });
    expect(read.sort()).toEqual(['go.mod', 'package.json']);
  });

  it('prefers tests.command from the config', async () => {
    const config = defaultConfig();
    config.tests.command = 'python3 -m pytest -x';
    const plan = await detectTestCommand({
      config,
      files: ['package.json'],
      readFile: async () => '{"scripts":{"test":"jest"}}',
    });
    expect(plan).toMatchObject({ runner: 'pytest', command: 'python3 -m pytest -x', source: 'config' });
  });

  it('rejects a workspace without tests', async () => {
    const error = await detectTestCommand({
      config: defaultConfig(),
      files: ['README.md'],
      readFile: async () => null,
    }).catch((e: unknown) => e);
    expect(isGreenlightError(error, 'no-test-command')).toBe(true);
  });
});
