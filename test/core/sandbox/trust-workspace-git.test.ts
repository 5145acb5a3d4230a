import { describe, expect, it } from 'vitest';
import {
  gitSystemConfig,
  SANDBOX_GIT_CONFIG,
  trustWorkspaceGit,
} from '../../../src/core/sandbox/trust-workspace-git.ts';

describe('gitSystemConfig and trustWorkspaceGit', () => {
  it("keeps the host's system config and trusts exactly the workspace, quoted", () => {
    expect(gitSystemConfig('[core]\n\tautocrlf = input', '/w/a "b"\\c')).toBe(
      '[core]\n\tautocrlf = input\n[safe]\n\tdirectory = "/w/a \\"b\\"\\\\c"\n',
    );
    expect(gitSystemConfig('', '/w')).toBe('[safe]\n\tdirectory = "/w"\n');
  });

  it('points git at it through GIT_CONFIG_SYSTEM, a name that looks like no secret', () => {
    const env: Record<string, string> = { PATH: '/usr/bin' };
    trustWorkspaceGit(env);
    expect(env).toEqual({ PATH: '/usr/bin', GIT_CONFIG_SYSTEM: SANDBOX_GIT_CONFIG });
  });

  it('leaves a system config the caller chose alone', () => {
    const chosen: Record<string, string> = { GIT_CONFIG_SYSTEM: '/etc/other' };
    trustWorkspaceGit(chosen);
    expect(chosen).toEqual({ GIT_CONFIG_SYSTEM: '/etc/other' });
    const none: Record<string, string> = { GIT_CONFIG_NOSYSTEM: '1' };
    trustWorkspaceGit(none);
    expect(none).toEqual({ GIT_CONFIG_NOSYSTEM: '1' });
  });
});
