import { describe, expect, it } from 'vitest';
import { engineEnvironment, inputVariable, readActionInputs, readRuntimeEnv } from '../../src/action/inputs.ts';
import { isGreenlightError } from '../../src/ports/errors.ts';

const inputs = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [inputVariable(k), v]));

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isGreenlightError(error, 'usage')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('readActionInputs', () => {
  it("follows the runtime's INPUT_ naming", () => {
    expect(inputVariable('max_cost_usd')).toBe('INPUT_MAX_COST_USD');
    expect(inputVariable('my input-name')).toBe('INPUT_MY_INPUT-NAME');
  });

  it('has defaults for everything but the token, and treats empty values as unset', () => {
    expect(readActionInputs(inputs({ github_token: 'ghs_x', mode: '', model: '', dry_run: '' }))).toEqual({
      anthropicApiKey: null,
      githubToken: 'ghs_x',
      mode: 'auto',
      configPath: '.github/greenlight.yml',
      bundlePath: null,
      dryRun: false,
      progressComment: null,
      overrides: {},
    });
  });

  it('reads every input and maps config inputs to overrides', () => {
    expect(
      readActionInputs(
        inputs({
          anthropic_api_key: 'sk-ant-x',
          github_token: 'ghs_x',
          mode: 'fix',
          trigger_label: 'bot-please',
          fix_command: '/greenlight',
          model: 'claude-opus-4-1',
          max_iterations: '3',
          max_cost_usd: '0.75',
          test_command: 'npm run test:unit',
          config_path: 'ci/greenlight.yml',
          bundle_path: 'out/bundle',
          dry_run: 'TRUE',
          progress_comment: '2468013579',
        }),
      ),
    ).toEqual({
      anthropicApiKey: 'sk-ant-x',
      githubToken: 'ghs_x',
      mode: 'fix',
      configPath: 'ci/greenlight.yml',
      bundlePath: 'out/bundle',
      dryRun: true,
      progressComment: 2468013579,
      overrides: {
        triggerLabel: 'bot-please',
        fixCommand: '/greenlight',
        model: 'claude-opus-4-1',
        maxIterations: 3,
        maxCostUsd: 0.75,
        testCommand: 'npm run test:unit',
      },
    });
  });

  it('falls back to ANTHROPIC_API_KEY and GITHUB_TOKEN from the environment', () => {
    expect(readActionInputs({ GITHUB_TOKEN: 'ghs_env', ANTHROPIC_API_KEY: 'sk-env' })).toMatchObject({
      githubToken: 'ghs_env',
      anthropicApiKey: 'sk-env',
    });
  });

  it.each([
    [{ mode: 'deploy' }, "Input 'mode' must be one of"],
    [{ max_iterations: 'five' }, 'Input \'max_iterations\' must be an integer from 1 to 50, got "five"'],
    [{ max_iterations: '51' }, "Input 'max_iterations' must be an integer from 1 to 50"],
    [{ max_iterations: '2.5' }, "Input 'max_iterations' must be an integer"],
    [{ max_cost_usd: '-1' }, 'Input \'max_cost_usd\' must be a number > 0, got "-1"'],
    [{ fix_command: 'fix' }, "Input 'fix_command' must be a slash command such as /fix"],
    [{ dry_run: 'yes' }, 'Input \'dry_run\' must be true or false, got "yes"'],
    [{ config_path: '../other/greenlight.yml' }, "Input 'config_path' must be a path inside the repository"],
    [{ config_path: '/etc/greenlight.yml' }, "Input 'config_path' must be a path inside the repository"],
    [{ mode: 'publish' }, "Input 'bundle_path' is required with `mode: publish`"],
  ])('rejects %j with an error naming the input', (values, message) => {
    expect(failure(() => readActionInputs(inputs({ github_token: 'ghs_x', ...values })))).toContain(message);
  });

  it('asks for a token when there is none', () => {
    expect(failure(() => readActionInputs({}))).toContain("Input 'github_token' is empty");
  });
});

describe('readRuntimeEnv', () => {
  const base = {
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: '/tmp/e.json',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_WORKSPACE: '/w',
    RUNNER_TEMP: '/rt',
  };

  it('reads the standard variables with github.com defaults', () => {
    expect(readRuntimeEnv(base)).toEqual({
      eventName: 'issues',
      eventPath: '/tmp/e.json',
      repo: { owner: 'acme', repo: 'shop' },
      workspace: '/w',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      runId: null,
      runAttempt: null,
      job: null,
      workflowPath: null,
      runnerTemp: '/rt',
      stepSummary: null,
      outputFile: null,
      anthropicBaseUrl: null,
    });
  });

  it("names the run's own workflow file from GITHUB_WORKFLOW_REF (never repaired)", () => {
    const ref = (value: string) => readRuntimeEnv({ ...base, GITHUB_WORKFLOW_REF: value }).workflowPath;
    expect(ref('acme/shop/.github/workflows/greenlight.yml@refs/heads/main')).toBe('.github/workflows/greenlight.yml');
    expect(ref('acme/shop/.github/workflows/a@b.yml@refs/pull/3/merge')).toBe('.github/workflows/a');
    expect(ref('nonsense')).toBeNull();
  });

  it('honours GitHub Enterprise Server and the model endpoint', () => {
    expect(
      readRuntimeEnv({
        ...base,
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
        GITHUB_SERVER_URL: 'https://ghe.example.com',
        GITHUB_RUN_ID: '42',
        GITHUB_JOB: 'generate',
        GITHUB_OUTPUT: '/o',
        GITHUB_STEP_SUMMARY: '/s',
        ANTHROPIC_BASE_URL: 'http://127.0.0.1:8080',
      }),
    ).toMatchObject({
      apiUrl: 'https://ghe.example.com/api/v3',
      serverUrl: 'https://ghe.example.com',
      runId: '42',
      job: 'generate',
      outputFile: '/o',
      stepSummary: '/s',
      anthropicBaseUrl: 'http://127.0.0.1:8080',
    });
  });

  it.each([
    [{ GITHUB_EVENT_NAME: '' }, 'GITHUB_EVENT_NAME is not set'],
    [{ GITHUB_REPOSITORY: 'shop' }, 'GITHUB_REPOSITORY must be "owner/name"'],
    [{ GITHUB_API_URL: 'ftp://x' }, 'GITHUB_API_URL must be an http(s) URL'],
    [{ ANTHROPIC_BASE_URL: 'not a url' }, 'ANTHROPIC_BASE_URL must be an http(s) URL'],
  ])('rejects %j naming the variable', (values, message) => {
    expect(failure(() => readRuntimeEnv({ ...base, ...values }))).toContain(message);
  });
});

describe('engineEnvironment', () => {
  it('drops the INPUT_ copies of secrets and passes the model key', () => {
    const env = { PATH: '/bin', INPUT_GITHUB_TOKEN: 'ghs_x', INPUT_ANTHROPIC_API_KEY: 'sk-in' };
    expect(engineEnvironment(env, readActionInputs(env))).toEqual({ PATH: '/bin', ANTHROPIC_API_KEY: 'sk-in' });
  });
});
