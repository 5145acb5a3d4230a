import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathWithout } from '../setup/path-without.ts';
import { git, tempDir } from './demo-harness.ts';

const root = join(import.meta.dirname, '../..');

const NOTES = [
  'NO SANDBOX: bwrap is not installed (apt-get install bubblewrap), so this demo runs its example without isolation (sandbox driver none).',
  "NO SANDBOX: Not isolated: the example's tests and the tests the replayed model writes run as your user, with your",
  'NO SANDBOX: network, read and write access to your files, and a view of your other processes.',
  'NO SANDBOX: Safe for this example only: its code, its tests and every edit of the replayed transcript ship with',
  'NO SANDBOX: greenlight; no model is called and no code from elsewhere runs. On your own repositories greenlight',
  'NO SANDBOX: refuses to run without a sandbox unless .github/greenlight.yml sets sandbox.driver: none.',
  'NO SANDBOX: To run the demo sandboxed (Linux): sudo apt-get install bubblewrap',
];

describe('npm run demo', () => {
  it("is the CLI's demo command, and on a machine without bubblewrap runs anyway, saying so at the start and the end", () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.demo).toBe('node src/cli/run-cli.ts demo');
    const dir = join(tempDir(), 'shop');

    const [, ...args] = (scripts.demo ?? '').split(' ');
    const run = spawnSync(process.execPath, [...args, '--keep', dir], {
      cwd: root,
      encoding: 'utf8',
      // no API key, and no bwrap anywhere on the PATH
      env: {
        PATH: pathWithout(['bwrap'], `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`),
        HOME: process.env.HOME ?? '/tmp',
      },
    });

    expect(run.status).toBe(0);
    const err = run.stderr.split('\n');
    expect(err.slice(0, NOTES.length)).toEqual(NOTES);
    expect(err[NOTES.length]).toMatch(/^REPLAY: /);
    const out = run.stdout.trimEnd().split('\n');
    expect(out.slice(-NOTES.length)).toEqual(NOTES);
    expect(out.at(-NOTES.length - 1)).toBe(
      'REPLAY: 5 recorded model responses replayed, the run matched the recording.',
    );
    expect(run.stdout).toContain('Generated code ran under `none` with network **on**');
    expect(run.stdout).toContain('Tests:       before 3 passed (3 total) · after 8 passed (8 total)');
    expect(run.stdout).toContain(`git -C ${dir} log --stat main..greenlight/issue-1-add-unit-tests-for-carttotal`);
    expect(git(dir, 'diff', '--name-status', 'main', 'greenlight/issue-1-add-unit-tests-for-carttotal')).toBe(
      'A\ttest/cart.test.js\n',
    );
  });
});
