import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemdRunSandbox, SANDBOX_USER } from '../../../src/adapters/sandbox/systemd-run-driver.ts';
import type { ProcessResult, RunProcessOptions } from '../../../src/adapters/sandbox/run-process.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

let root: string;
let workspace: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-systemd-')));
  workspace = join(root, 'repo');
  mkdirSync(workspace);
  execFileSync('git', ['init', '-q'], { cwd: workspace });
  execFileSync('git', ['config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic c2VjcmV0'], {
    cwd: workspace,
  });
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const result = (
  exitCode: number | null,
  stdout = '',
  stderr = '',
  extra: Partial<ProcessResult> = {},
): ProcessResult => ({
  exitCode,
  signal: null,
  timedOut: false,
  outputExceeded: false,
  durationMs: 5,
  stdout: { text: stdout, bytes: stdout.length, truncated: false },
  stderr: { text: stderr, bytes: stderr.length, truncated: false },
  ...extra,
});

/** A fake process runner: records every command and answers systemd-run with `answer`. */
function fakeHost(answer: (options: RunProcessOptions) => Promise<ProcessResult> | ProcessResult, userExists = false) {
  const calls: string[][] = [];
  const runner = async (argv: readonly string[], options: RunProcessOptions): Promise<ProcessResult> => {
    calls.push([...argv]);
    if (argv.includes('/usr/bin/systemd-run')) return answer(options);
    if (argv[0] === 'id' && argv[1] === '-u' && !calls.some((call) => call.includes('useradd'))) {
      return result(userExists ? 0 : 1, userExists ? '998\n' : '');
    }
    if (argv[0] === 'id') return result(0, argv[1] === '-u' ? '998\n' : '997\n');
    return result(0);
  };
  return { calls, runner };
}

const create = (runner: Parameters<typeof createSystemdRunSandbox>[0]['runner'], isRoot = false) =>
  createSystemdRunSandbox({
    config: { ...defaultConfig().sandbox, env: ['DATABASE_URL'] },
    workspace,
    isRoot,
    runner,
    owner: '1001:121',
    unitId: () => 'abc123',
    parentEnv: { PATH: '/usr/bin:/bin', HOME: '/home/runner', DATABASE_URL: 'postgres://db', GITHUB_TOKEN: 'ghs_x' },
  });

const trailer = (result: string, code: string, status: string): string =>
  `Running as unit: greenlight-abc123.service; invocation ID: 0f\nchild says hi\nFinished with result: ${result}\nMain processes terminated with: code=${code}/status=${status}\nService runtime: 1s\n`;

describe('the systemd-run driver (fake process runner)', () => {
  it('reports its driver and systemd-enforced limits', async () => {
    const host = fakeHost(() => result(0));
    const sandbox = await create(host.runner);
    expect(sandbox.info).toMatchObject({
      driver: 'systemd-run',
      networkIsolation: true,
      enforcement: { memory: 'systemd', pids: 'systemd', disk: 'watched, file-size rlimit, sized tmpfs' },
      warnings: [],
    });
    await sandbox.close?.();
  });

  it('creates the sandbox user once, hands the workspace over and back, and runs the unit via sudo', async () => {
    const host = fakeHost(() => result(0, 'ok\n', trailer('success', 'exited', '0')));
    const sandbox = await create(host.runner);
    const first = await sandbox.run(['npm', 'test'], { cwd: workspace, timeoutMs: 60_000 });
    await sandbox.run(['true'], { cwd: workspace });
    expect(first).toMatchObject({ exitCode: 0, limitHit: null, stdout: { text: 'ok\n' } });
    expect(first.stderr.text).toBe('child says hi\n');

    const commands = host.calls.map((argv) => argv.join(' '));
    expect(commands.filter((line) => line.startsWith('id -u'))).toEqual([
      `id -u ${SANDBOX_USER}`,
      `id -u ${SANDBOX_USER}`,
    ]);
    expect(commands).toContain(
      `/usr/bin/sudo -n -- useradd --system --user-group --no-create-home --home-dir /var/lib/${SANDBOX_USER} --shell /usr/sbin/nologin ${SANDBOX_USER}`,
    );
    const handOver = `/usr/bin/sudo -n -- find ${workspace} -path ${workspace}/.git -prune -o -exec chown --no-dereference`;
    const order = commands.filter((line) => line.startsWith(handOver) || line.includes('systemd-run')).slice(0, 3);
    expect(order).toEqual([
      `${handOver} ${SANDBOX_USER}:${SANDBOX_USER} {} +`,
      expect.stringContaining(
        '/usr/bin/sudo -n -- /usr/bin/systemd-run --unit=greenlight-abc123 --wait --pipe --collect',
      ),
      `${handOver} 1001:121 {} +`,
    ]);

    const unit = host.calls.find((argv) => argv.includes('/usr/bin/systemd-run')) ?? [];
    expect(unit).toEqual(
      expect.arrayContaining([
        `--property=User=${SANDBOX_USER}`,
        '--property=PrivateNetwork=yes',
        `--property=BindPaths=${workspace}`,
        `--property=BindReadOnlyPaths=${workspace}/.git`,
        `--property=WorkingDirectory=${workspace}`,
        '--property=RuntimeMaxSec=60',
        '--setenv=DATABASE_URL=postgres://db',
        '--setenv=GIT_CONFIG_SYSTEM=/run/greenlight/gitconfig',
        '--setenv=HOME=/home/runner',
        '--property=TemporaryFileSystem=/home/runner:mode=0700,uid=998,gid=997,size=2048M,nr_inodes=20000',
        '--property=LimitFSIZE=2147483648',
      ]),
    );
    expect(unit.join(' ')).not.toContain('GITHUB_TOKEN');
    expect(unit.slice(-3)).toEqual(['--', 'npm', 'test']);
    // The .git/config the unit sees is a sanitized, world-readable copy.
    const overlay = unit.find(
      (part) => part.startsWith('--property=BindReadOnlyPaths=') && part.endsWith(':' + join(workspace, '.git/config')),
    );
    const source = overlay?.slice('--property=BindReadOnlyPaths='.length).split(':')[0] ?? '';
    expect(readFileSync(source, 'utf8')).not.toContain('extraheader');
    // git inside trusts exactly this workspace, through a system config of its own.
    const trust = unit.find((part) => part.endsWith(':/run/greenlight/gitconfig'));
    const trustSource = trust?.slice('--property=BindReadOnlyPaths='.length).split(':')[0] ?? '';
    expect(readFileSync(trustSource, 'utf8')).toContain(`[safe]\n\tdirectory = "${workspace}"\n`);
    await sandbox.close?.();
  });

  it.each<
    [string, string, string, string, { exitCode: number | null; signal: string | null; limitHit: string | null }]
  >([
    ['OOM kill → memory', 'oom-kill', 'killed', 'KILL', { exitCode: null, signal: 'SIGKILL', limitHit: 'memory' }],
    ['RuntimeMaxSec → time', 'timeout', 'killed', 'TERM', { exitCode: null, signal: 'SIGTERM', limitHit: 'time' }],
    ['a failing test suite', 'exit-code', 'exited', '1', { exitCode: 1, signal: null, limitHit: null }],
  ])('%s', async (_name, unitResult, code, status, expected) => {
    const host = fakeHost(
      () => result(code === 'exited' ? Number(status) : 1, '', trailer(unitResult, code, status)),
      true,
    );
    const sandbox = await create(host.runner, true);
    expect(await sandbox.run(['npm', 'test'], { cwd: workspace })).toMatchObject(expected);
    expect(host.calls.some((argv) => argv[0] === '/usr/bin/sudo')).toBe(false);
    await sandbox.close?.();
  });

  it('stops the unit when the engine kills (output flood) and reads TasksMax refusals from the output', async () => {
    const host = fakeHost(async (options) => {
      await options.onKill?.();
      return result(null, '', 'bash: fork: retry: Resource temporarily unavailable\n', {
        signal: 'SIGKILL',
        outputExceeded: true,
      });
    }, true);
    const sandbox = await create(host.runner);
    const out = await sandbox.run(['sh', '-c', 'bomb'], { cwd: workspace });
    expect(out.limitHit).toBe('pids');
    expect(host.calls.map((argv) => argv.join(' '))).toContain(
      '/usr/bin/sudo -n -- /usr/bin/systemctl kill --signal=SIGKILL greenlight-abc123.service',
    );
    await sandbox.close?.();
  });

  it('makes host sockets it would show inaccessible: here, one a host process listens on inside the workspace', async () => {
    const path = join(workspace, 'host.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const host = fakeHost(() => result(0, '', trailer('success', 'exited', '0')), true);
      const sandbox = await create(host.runner);
      await sandbox.run(['true'], { cwd: workspace });
      expect(host.calls.find((argv) => argv.includes('/usr/bin/systemd-run'))).toContain(
        `--property=InaccessiblePaths=-${path}`,
      );
      await sandbox.close?.();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('stops the unit when the command writes more than sandbox.maxDiskMb into the workspace, and names the limit', async () => {
    const host = fakeHost(async (options) => {
      writeFileSync(join(workspace, 'big.bin'), Buffer.alloc(20 * 1024 * 1024, 1));
      for (let waited = 0; options.signal?.aborted !== true && waited < 5_000; waited += 10) await sleep(10);
      await options.onKill?.();
      return result(null, '', '', { signal: 'SIGKILL' });
    }, true);
    const sandbox = await createSystemdRunSandbox({
      config: { ...defaultConfig().sandbox, maxDiskMb: 16 },
      workspace,
      isRoot: false,
      runner: host.runner,
      owner: '1001:121',
      unitId: () => 'abc123',
      parentEnv: { PATH: '/usr/bin:/bin', HOME: '/home/runner' },
    });
    try {
      const out = await sandbox.run(['sh', '-c', 'write a lot'], { cwd: workspace });
      expect(out.limitHit).toBe('disk');
      expect(out.limitDetail).toContain('more than sandbox.maxDiskMb (16 MB)');
      expect(host.calls.map((argv) => argv.join(' '))).toContain(
        '/usr/bin/sudo -n -- /usr/bin/systemctl kill --signal=SIGKILL greenlight-abc123.service',
      );
    } finally {
      rmSync(join(workspace, 'big.bin'), { force: true });
      await sandbox.close?.();
    }
  });

  it('hands the workspace back even when running the unit throws', async () => {
    const host = fakeHost(() => Promise.reject(new Error('spawn failed')), true);
    const sandbox = await create(host.runner);
    await expect(sandbox.run(['true'], { cwd: workspace })).rejects.toThrow('spawn failed');
    expect(host.calls.at(-1)?.join(' ')).toContain('chown --no-dereference 1001:121');
    await sandbox.close?.();
  });

  it('turns a failing helper into an actionable sandbox-unavailable error', async () => {
    const runner = async (argv: readonly string[]): Promise<ProcessResult> =>
      argv.includes('useradd') ? result(1, '', 'sudo: a password is required\n') : result(1);
    const sandbox = await create(runner);
    const error = await sandbox.run(['true'], { cwd: workspace }).catch((caught: unknown) => caught);
    expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
    expect((error as Error).message).toContain('sudo: a password is required');
    await sandbox.close?.();
  });

  it('refuses a workspace path systemd cannot mount', async () => {
    const odd = join(root, 'with space');
    mkdirSync(odd);
    const error = await createSystemdRunSandbox({
      config: defaultConfig().sandbox,
      workspace: odd,
      runner: fakeHost(() => result(0)).runner,
    }).catch((caught: unknown) => caught);
    expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
  });
});
