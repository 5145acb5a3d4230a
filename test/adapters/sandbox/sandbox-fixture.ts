/**
 * Shared setup for the real-sandbox tests: a temp git workspace whose .git/config holds
 * an actions/checkout-style credential header, fake secrets in the engine's environment,
 * planted secrets in the engine's home directory and (where the test may make one) in a
 * file only root may read, unix-socket canaries that a host server listens on where the
 * sandbox would once have seen them, and the driver under test (bwrap by default; the
 * hosted workflow sets GREENLIGHT_TEST_SANDBOX_DRIVER=systemd-run to run the same programs there).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** A unix socket a host process listens on, counting what reaches it. */
export interface Canary {
  path: string;
  connections: number;
  bytes: number;
}

/** What the fixture planted outside the workspace (docs/security.md §30, §32). */
export interface Planted {
  /** The engine's HOME: dotfiles and tool logins with secrets in them. */
  home: string;
  homeFiles: string[];
  /** A file only root may read, when the test could make one (root, or passwordless sudo). */
  rootOnly: string | null;
  /** Values that must never show inside the sandbox. */
  secrets: string[];
  /** Host unix sockets where a sandbox that showed all of `/` would see them, and one in the workspace. */
  canaries: Canary[];
}

export interface SandboxFixture {
  sandbox: Sandbox;
  workspace: string;
  planted: Planted;
  dispose(): Promise<void>;
}

/** The driver the adversarial suite runs under. */
export function driverUnderTest(): SandboxDriverName {
  const wanted = process.env.GREENLIGHT_TEST_SANDBOX_DRIVER;
  return wanted === 'systemd-run' || wanted === 'none' ? wanted : 'bwrap';
}

const isRoot = process.geteuid?.() === 0;

/** A directory outside /tmp, /run and /var/tmp (which every driver always made private): /var/lib as root, else the real home. */
function visibleDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(isRoot ? '/var/lib' : homedir(), prefix)));
}

/** Write a 0600 file owned by root: directly as root, through passwordless sudo otherwise, or not at all. */
function writeRootOnly(path: string, text: string): boolean {
  if (isRoot) {
    writeFileSync(path, text, { mode: 0o600 });
    return true;
  }
  const sudo = spawnSync(
    'sudo',
    ['-n', 'sh', '-c', 'umask 077 && printf %s "$1" > "$2" && chown root:root "$2"', 'sh', text, path],
    { stdio: 'ignore' },
  );
  return sudo.status === 0;
}

async function listen(path: string, servers: Server[]): Promise<Canary> {
  const canary: Canary = { path, connections: 0, bytes: 0 };
  const server = createServer((socket) => {
    canary.connections += 1;
    socket.on('data', (chunk) => {
      canary.bytes += chunk.length;
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  chmodSync(path, 0o777); // anyone may connect: only the sandbox's view of the path protects it
  servers.push(server);
  return canary;
}

/** Create a git workspace with a credential header, planted secrets and canaries, and a sandbox over it. */
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

  const outside = visibleDir('.greenlight-planted-');
  chmodSync(outside, 0o755);
  const tag = () => randomBytes(6).toString('hex');
  const home = join(outside, 'home');
  const homeSecrets: Record<string, string> = {
    '.bashrc': `export DEPLOY_HOOK=bashrc-canary-${tag()}\n`,
    '.profile': `# profile-canary-${tag()}\n`,
    '.config/gh/hosts.yml': `github.com:\n  oauth_token: gh-hosts-canary-${tag()}\n`,
    '.aws/credentials': `[default]\naws_secret_access_key = aws-canary-${tag()}\n`,
    '.claude/.credentials.json': `{"token":"claude-canary-${tag()}"}\n`,
  };
  for (const [rel, text] of Object.entries(homeSecrets)) {
    mkdirSync(dirname(join(home, rel)), { recursive: true });
    writeFileSync(join(home, rel), text);
  }
  const rootOnlyValue = `root-only-canary-${tag()}`;
  const rootOnlyPath = join(outside, 'root-only.txt');
  const rootOnly = writeRootOnly(rootOnlyPath, rootOnlyValue) ? rootOnlyPath : null;
  const secrets = [
    ...Object.values(homeSecrets).map((text) => /[a-z-]+-canary-[0-9a-f]+/.exec(text)?.[0] ?? text),
    ...(rootOnly === null ? [] : [rootOnlyValue]),
  ];

  const servers: Server[] = [];
  const canaries = [
    await listen(join(outside, 'canary.sock'), servers),
    await listen(join(home, '.agent.sock'), servers),
  ];
  canaries.push(await listen(join(workspace, '.host-canary.sock'), servers));

  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(FAKE_SECRETS)) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  const config = { ...defaultConfig().sandbox, driver: driverUnderTest() };
  const sandbox = await createSandbox(config, {
    workspace,
    parentEnv: { ...process.env, HOME: home },
    defaultTimeoutMs: 20_000,
  });
  return {
    sandbox,
    workspace,
    planted: { home, homeFiles: Object.keys(homeSecrets).map((rel) => join(home, rel)), rootOnly, secrets, canaries },
    async dispose() {
      await sandbox.close?.();
      for (const server of servers) await new Promise((resolve) => server.close(resolve));
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(workspace, { recursive: true, force: true });
      if (rootOnly !== null && !isRoot) spawnSync('sudo', ['-n', 'rm', '-f', rootOnly], { stdio: 'ignore' });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}
