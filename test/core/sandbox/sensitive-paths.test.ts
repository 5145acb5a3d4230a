import { describe, expect, it } from 'vitest';
import { runnerRootOf, sensitivePaths } from '../../../src/core/sandbox/sensitive-paths.ts';

describe('sensitivePaths', () => {
  const hosted = sensitivePaths({
    home: '/home/runner',
    env: {
      RUNNER_TEMP: '/home/runner/work/_temp',
      GITHUB_ENV: '/home/runner/work/_temp/_runner_file_commands/set_env_1',
      GITHUB_OUTPUT: '/home/runner/work/_temp/_runner_file_commands/set_output_1',
    },
    execPath: '/home/runner/actions-runner/cached/externals/node24/bin/node',
    isRoot: false,
    extra: ['/etc/greenlight.env/'],
  });

  it('hides the job temp dir, its command files, the runner credentials and home logins', () => {
    expect(hosted).toEqual(
      expect.arrayContaining([
        '/home/runner/work/_temp',
        '/home/runner/work/_temp/_runner_file_commands/set_env_1',
        '/home/runner/actions-runner/cached/.credentials',
        '/home/runner/actions-runner/cached/.credentials_rsaparams',
        '/home/runner/actions-runner/cached/_diag',
        '/home/runner/.git-credentials',
        '/home/runner/.docker',
        '/home/runner/.ssh',
        '/home/runner/.npmrc',
        '/var/run/docker.sock',
        '/run/secrets',
        '/etc/greenlight.env',
      ]),
    );
  });

  it("hides npm's global config, system-wide and beside the engine's Node", () => {
    const nvm = sensitivePaths({
      home: '/home/dev',
      env: {},
      execPath: '/home/dev/.nvm/versions/node/v24.1.0/bin/node',
      isRoot: false,
    });
    expect(nvm).toEqual(expect.arrayContaining(['/etc/npmrc', '/home/dev/.nvm/versions/node/v24.1.0/etc/npmrc']));
  });

  it('adds root-only files only when the engine is root', () => {
    expect(hosted).not.toContain('/etc/shadow');
    const root = sensitivePaths({ home: '/root', env: {}, execPath: '/usr/bin/node', isRoot: true });
    expect(root).toEqual(expect.arrayContaining(['/root', '/etc/shadow', '/etc/sudoers', '/etc/ssh']));
  });

  it('ignores relative and root paths, and sorts without duplicates', () => {
    const paths = sensitivePaths({
      home: '/',
      env: { RUNNER_TEMP: 'relative', GITHUB_PATH: '/' },
      execPath: 'node',
      isRoot: false,
      extra: ['x', '/'],
    });
    expect(paths).not.toContain('/');
    expect(paths).not.toContain('relative');
    expect(paths).toEqual([...new Set(paths)].sort());
  });

  it.each([
    ['/home/runner/runners/2.330.0/externals/node24/bin/node', '/home/runner/runners/2.330.0'],
    ['/opt/actions-runner/externals/node20_alpine/bin/node', '/opt/actions-runner'],
    ['/usr/bin/node', null],
  ])('runnerRootOf(%s) is %s', (execPath, expected) => {
    expect(runnerRootOf(execPath)).toBe(expected);
  });
});
