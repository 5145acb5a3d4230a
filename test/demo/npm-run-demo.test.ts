import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './demo-harness.ts';

const root = join(import.meta.dirname, '../..');

describe('npm run demo', () => {
  it("is the CLI's demo command, and works as a process with no API key", () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.demo).toBe('node src/cli/run-cli.ts demo');
    const dir = join(tempDir(), 'shop');

    const [, ...args] = (scripts.demo ?? '').split(' ');
    const run = spawnSync(process.execPath, [...args, '--keep', dir], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? '/tmp',
      },
    });

    expect(run.stderr.split('\n')[0]).toMatch(/^REPLAY: /);
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      'REPLAY: 5 recorded model responses replayed, the run matched the recording.',
    );
    expect(run.stdout).toContain(`git -C ${dir} log --stat main..greenlight/issue-1-add-unit-tests-for-carttotal`);
  });
});
