/**
 * Shared setup for the real-sandbox tests: a temp git workspace whose .git/config holds
 * an actions/checkout-style credential header, fake secrets in the engine's
 * environment, and the driver under test (bwrap by default; the hosted workflow sets
 * GREENLIGHT_TEST_SANDBOX_DRIVER=systemd-run to run the same programs there).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { createSandbox } from '../../../src/adapters/sandbox/create-sandbox.ts';
import type { Sandbox, SandboxDriverName } from '../../../src/ports/sandbox.ts';

/** The token as actions/checkout would store it, and its base64 header form. */
export const CHECKOUT_TOKEN = 'ghs_FAKEcheckoutTOKEN0123456789abcdef';
export const CHECKOUT_HEADER = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${CHECKOUT_TOKEN}`).toString('base64')}`;

/** Secret-looking variables set in the engine's environment during the tests. */
export const FAKE_SECRETS: Record<string, string> = {
  GITHUB_TOKEN: 'ghs_FAKEgithubTOKENvalue000000000000000',
  ANTHROPIC_API_KEY: 'sk-ant-FAKEapiKEYvalue0000000000000000',
  ACTIONS_RUNTIME_TOKEN: 'FAKEruntimeTOKENvalue0000000000000000',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://FAKE.example/idtoken',
  INPUT_ANTHROPIC_API_KEY: 'sk-ant-FAKEinputKEYvalue00000000000000',
  DATABASE_PASSWORD: 'FAKEdatabasePASSWORDvalue000000000',
  MY_SECRET: 'FAKEmySECRETvalue00000000000000000',
};

export const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|ACTIONS_|INPUT_|GITHUB_/;

export interface SandboxFixture {
  sandbox: Sandbox;
  workspace: string;
  dispose(): Promise<void>;
}

/** The driver the adversarial suite runs under. */
export function driverUnderTest(): SandboxDriverName {
  const wanted = process.env.GREENLIGHT_TEST_SANDBOX_DRIVER;
  return wanted === 'systemd-run' || wanted === 'none' ? wanted : 'bwrap';
}

/** Create a git workspace with a credential header and a sandbox over it. */
export async function createSandboxFixture(): Promise<SandboxFixture> {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-ws-')));
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: workspace, stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('config', 'http.https://github.com/.extraheader', CHECKOUT_HEADER);
  execFileSync('sh', ['-c', 'echo hello > README.md'], { cwd: workspace });
  git('add', '.');
  git('commit', '-q', '-m', 'init');

  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(FAKE_SECRETS)) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  const config = { ...defaultConfig().sandbox, driver: driverUnderTest() };
  const sandbox = await createSandbox(config, { workspace, defaultTimeoutMs: 20_000 });
  return {
    sandbox,
    workspace,
    async dispose() {
      await sandbox.close?.();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
