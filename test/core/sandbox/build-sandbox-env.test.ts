import { describe, expect, it } from 'vitest';
import {
  buildSandboxEnv,
  DEFAULT_SANDBOX_PATH,
  isSensitiveEnvName,
} from '../../../src/core/sandbox/build-sandbox-env.ts';

const parentEnv = {
  PATH: '/usr/bin:/bin',
  LANG: 'en_US.UTF-8',
  TZ: 'Europe/Paris',
  HOME: '/home/runner',
  GITHUB_TOKEN: 'ghs_x',
  ANTHROPIC_API_KEY: 'sk-ant-x',
  ACTIONS_RUNTIME_TOKEN: 'rt',
  INPUT_TOKEN: 'in',
  RUNNER_TEMP: '/home/runner/work/_temp',
  DATABASE_URL: 'postgres://localhost/test',
  NPM_TOKEN: 'npm_x',
  SOMETHING_ELSE: 'x',
};

describe('buildSandboxEnv', () => {
  it('builds the base allowlist and nothing else from the parent', () => {
    const { env, warnings, withheld } = buildSandboxEnv({ parentEnv, home: '/sbx/home', configured: [] });
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/sbx/home',
      LANG: 'en_US.UTF-8',
      TZ: 'Europe/Paris',
      CI: 'true',
      TERM: 'dumb',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    });
    expect(warnings).toEqual([]);
    expect(withheld).toEqual([]);
  });

  it('falls back to safe defaults and passes LC_ALL and TMPDIR when given', () => {
    const { env } = buildSandboxEnv({ parentEnv: { LC_ALL: 'C' }, home: '/h', tmpdir: '/tmp', configured: [] });
    expect(env).toMatchObject({ PATH: DEFAULT_SANDBOX_PATH, LANG: 'C.UTF-8', TZ: 'UTC', LC_ALL: 'C', TMPDIR: '/tmp' });
  });

  it('copies configured names; a secret-looking configured name passes with a warning', () => {
    const { env, warnings } = buildSandboxEnv({
      parentEnv,
      home: '/h',
      configured: ['DATABASE_URL', 'NPM_TOKEN', 'NOT_SET'],
    });
    expect(env.DATABASE_URL).toBe('postgres://localhost/test');
    expect(env.NPM_TOKEN).toBe('npm_x');
    expect('NOT_SET' in env).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('sandbox.env passes NPM_TOKEN')]);
  });

  it('withholds a secret-looking explicit variable that is not configured, and keeps the rest', () => {
    const { env, withheld, warnings } = buildSandboxEnv({
      parentEnv,
      home: '/h',
      configured: ['NPM_TOKEN'],
      explicit: {
        GITHUB_TOKEN: 'ghs_leak',
        JUNIT_OUTPUT: '/tmp/junit.xml',
        NPM_TOKEN: 'explicit',
        PATH: '/x:/usr/bin',
      },
    });
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env.JUNIT_OUTPUT).toBe('/tmp/junit.xml');
    expect(env.NPM_TOKEN).toBe('explicit');
    expect(env.PATH).toBe('/x:/usr/bin');
    expect(withheld).toEqual(['GITHUB_TOKEN']);
    expect(warnings).toContainEqual(expect.stringContaining('withheld GITHUB_TOKEN'));
  });

  it.each([
    ['GITHUB_TOKEN', true],
    ['ANTHROPIC_API_KEY', true],
    ['ACTIONS_ID_TOKEN_REQUEST_URL', true],
    ['INPUT_MODEL', true],
    ['DB_PASSWORD', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['npm_config__authToken', true],
    ['GOOGLE_CREDENTIALS', true],
    ['PATH', false],
    ['DATABASE_URL', false],
    ['NODE_ENV', false],
    ['RUNNER_OS', false],
  ])('isSensitiveEnvName(%s) is %s', (name, expected) => {
    expect(isSensitiveEnvName(name)).toBe(expected);
  });
});
