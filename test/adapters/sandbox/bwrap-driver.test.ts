import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox } from '../../../src/adapters/sandbox/bwrap-driver.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { Sandbox } from '../../../src/ports/sandbox.ts';
import { requireTool } from '../../setup/require-tool.ts';

const isRoot = process.geteuid?.() === 0;
let root: string;
let workspace: string;
let sandbox: Sandbox;
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' });

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-bwrap-')));
  workspace = join(root, 'repo');
  mkdirSync(workspace);
  git(workspace, 'init', '-q', '-b', 'main');
  git(workspace, 'config', 'user.email', 't@example.com');
  git(workspace, 'config', 'user.name', 't');
  writeFileSync(join(workspace, 'a.txt'), 'a\n');
  git(workspace, 'add', '.');
  git(workspace, 'commit', '-q', '-m', 'init');
  mkdirSync(join(root, 'secret-dir'));
  writeFileSync(join(root, 'secret-dir', 'key'), 'dir secret');
  writeFileSync(join(root, 'secret-file'), 'file secret');
  sandbox = await createBwrapSandbox({
    config: defaultConfig().sandbox,
    workspace,
    parentEnv: { PATH: process.env.PATH, HOME: '/nonexistent-home' },
    defaultTimeoutMs: 15_000,
    // The workspace's parent is hidden: the workspace must stay visible anyway.
    hide: [join(root, 'secret-dir'), join(root, 'secret-file'), root],
  });
});
afterAll(async () => {
  await sandbox.close?.();
  rmSync(root, { recursive: true, force: true });
});

describe.runIf((await requireTool('bwrap')) && (await requireTool('python3')))('the bwrap driver', () => {
  it('reports itself, with network isolation and enforced memory', () => {
    expect(sandbox.info.driver).toBe('bwrap');
    expect(sandbox.info.networkIsolation).toBe(true);
    expect(sandbox.info.enforcement?.memory).not.toBe('none');
    expect(sandbox.info.warnings.filter((warning) => /root/.test(warning))).toEqual([]);
    // As root, the report says who the commands run as instead.
    if (isRoot)
      expect(sandbox.info.identity).toMatch(
        /^greenlight runs as root, so sandboxed commands run as the unprivileged user greenlight-sandbox \(uid \d+\), not as root/,
      );
    else expect(sandbox.info.identity).toBeUndefined();
  });

  it('runs commands as an unprivileged user that owns what it writes, and gives the workspace back on close', async (ctx) => {
    if (!isRoot) ctx.skip(); // an unprivileged engine's sandbox is its own user, in a user namespace
    const ws = join(root, 'handed');
    mkdirSync(ws);
    git(ws, 'init', '-q');
    writeFileSync(join(ws, 'kept.txt'), 'kept\n');
    git(ws, 'add', '.');
    git(ws, 'commit', '-q', '-m', 'kept');
    const box = await createBwrapSandbox({
      config: defaultConfig().sandbox,
      workspace: ws,
      parentEnv: { PATH: process.env.PATH },
    });
    const result = await box.run(
      ['sh', '-c', 'id -u; id -un; echo new > new.txt; echo more >> kept.txt; git status --porcelain'],
      { cwd: ws },
    );
    const [uid, name, ...status] = result.stdout.text.trim().split('\n');
    expect(Number(uid)).toBeGreaterThan(0);
    expect(name).toBe('greenlight-sandbox');
    expect(status).toEqual([' M kept.txt', '?? new.txt']);
    expect(lstatSync(join(ws, 'new.txt')).uid).toBe(Number(uid));
    await box.close?.();
    for (const path of ['new.txt', 'kept.txt', '.']) {
      expect(lstatSync(join(ws, path)).uid, path).toBe(0);
      expect(lstatSync(join(ws, path)).gid, path).toBe(0);
    }
  });

  it('as root, refuses a workspace its user could not enter, saying which directory to open', async (ctx) => {
    if (!isRoot) ctx.skip();
    const closed = mkdtempSync(join('/var/lib', 'greenlight-closed-'));
    try {
      mkdirSync(join(closed, 'ws'));
      const error = await createBwrapSandbox({
        config: defaultConfig().sandbox,
        workspace: join(closed, 'ws'),
        parentEnv: { PATH: process.env.PATH },
      }).catch((caught: unknown) => caught);
      expect(isGreenlightError(error, 'sandbox-unavailable')).toBe(true);
      expect((error as Error).message).toContain(`cannot enter ${closed} (mode 700)`);
      expect((error as Error).message).toContain(`chmod o+x ${closed}`);
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });

  it("reports a limit only for the run that hit it, though the next runs reuse that run's cgroup", async (ctx) => {
    if (sandbox.info.enforcement?.pids !== 'cgroup') ctx.skip(); // rlimits: nothing is carried over
    const bomb = await sandbox.run(['sh', '-c', 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 5 & done; wait'], {
      cwd: workspace,
      maxPids: 6,
    });
    expect(bomb.exitCode).not.toBe(0);
    expect(bomb.limitHit).toBe('pids');
    // Failed (its counters are read), succeeded (they are not), failed again.
    for (const [command, exitCode] of [
      ['exit 3', 3],
      ['true', 0],
      ['exit 4', 4],
    ] as const) {
      const result = await sandbox.run(['sh', '-c', command], { cwd: workspace });
      expect(result.exitCode).toBe(exitCode);
      expect(result.limitHit).toBeNull();
    }
  });

  it('a run stopped at its output limit never takes the next run down with it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const flood = await sandbox.run(['sh', '-c', 'head -c 100000000 /dev/zero | tr "\\0" y'], {
        cwd: workspace,
        maxOutputBytes: 10_000,
        outputKillBytes: 200_000,
      });
      expect(flood.limitHit).toBe('output');
      const next = await sandbox.run(['sh', '-c', 'sleep 0.1; echo done'], { cwd: workspace });
      expect(next.signal).toBeNull();
      expect(next.stdout.text).toBe('done\n');
    }
  });

  it('gives every run a fresh, empty, writable HOME and /tmp: nothing one run leaves there steers the next', async () => {
    const first = await sandbox.run(
      ['sh', '-c', 'ls -A "$HOME"; echo planted > "$HOME/.npmrc" && echo gone > /tmp/scratch && echo wrote'],
      { cwd: workspace },
    );
    expect(first.stdout.text).toBe('wrote\n');
    const second = await sandbox.run(
      [
        'sh',
        '-c',
        'cat "$HOME/.npmrc" 2>/dev/null || echo "no npmrc"; cat /tmp/scratch 2>/dev/null || echo "no scratch"',
      ],
      { cwd: workspace },
    );
    expect(second.stdout.text).toBe('no npmrc\nno scratch\n');
  });

  it('bounds the private tmpfs mounts by sandbox.maxDiskMb and names the limit when one fills up', async (ctx) => {
    if (sandbox.info.enforcement?.disk?.includes('sized tmpfs') !== true) ctx.skip(); // bubblewrap older than 0.7
    const result = await sandbox.run(['sh', '-c', 'head -c 40000000 /dev/zero > "$HOME/fill"'], {
      cwd: workspace,
      maxDiskMb: 16,
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.limitHit).toBe('disk');
    expect(result.limitDetail).toContain('sandbox.maxDiskMb');
  });

  it('hides extra paths (a directory becomes empty, a file reads as empty) yet shows the workspace inside them', async () => {
    const result = await sandbox.run(
      ['sh', '-c', `ls -A "${join(root, 'secret-dir')}"; cat "${join(root, 'secret-file')}"; echo "[$(cat a.txt)]"`],
      { cwd: workspace },
    );
    expect(result.stdout.text).toBe('[a]\n');
  });

  it('lets repository code read git history but not write to .git', async () => {
    const result = await sandbox.run(
      ['sh', '-c', 'git log --oneline | wc -l; git status --porcelain; echo b > b.txt; git add b.txt; echo "add=$?"'],
      { cwd: workspace },
    );
    expect(result.stdout.text).toMatch(/^1\n/);
    expect(result.stdout.text).toContain('add=128');
    expect(readFileSync(join(workspace, 'b.txt'), 'utf8')).toBe('b\n');
    expect(git(workspace, 'status', '--porcelain')).toBe('?? b.txt\n');
  });

  it('feeds stdin and withholds secret-looking explicit variables with a warning', async () => {
    const result = await sandbox.run(['sh', '-c', 'cat; echo; echo "token=${API_TOKEN:-none} ok=$OK"'], {
      cwd: workspace,
      stdin: 'input',
      env: { API_TOKEN: 't', OK: 'yes' },
    });
    expect(result.stdout.text).toBe('input\ntoken=none ok=yes\n');
    expect(result.warnings).toEqual([expect.stringContaining('withheld API_TOKEN')]);
  });

  it('keeps loopback inside the sandbox, so a test may serve and connect on 127.0.0.1', async () => {
    const script = [
      'import http.server, socketserver, threading, urllib.request',
      'server = socketserver.TCPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)',
      'threading.Thread(target=server.serve_forever, daemon=True).start()',
      'print(urllib.request.urlopen("http://127.0.0.1:%d/a.txt" % server.server_address[1]).read().decode().strip())',
    ].join('\n');
    const result = await sandbox.run(['python3', '-c', script], { cwd: workspace });
    expect(result.stdout.text).toBe('a\n');
  });

  it('refuses a cwd outside the workspace', async () => {
    await expect(sandbox.run(['true'], { cwd: root })).rejects.toSatisfy((error) => isGreenlightError(error, 'usage'));
  });

  it('works in a git worktree, whose .git is a file pointing elsewhere', async () => {
    const worktree = join(root, 'wt');
    git(workspace, 'worktree', 'add', '-q', worktree);
    const wtSandbox = await createBwrapSandbox({
      config: defaultConfig().sandbox,
      workspace: worktree,
      parentEnv: { PATH: process.env.PATH },
    });
    try {
      const result = await wtSandbox.run(
        [
          'sh',
          '-c',
          'git rev-parse --abbrev-ref HEAD; touch "$(git rev-parse --git-common-dir)/hooks/x"; echo "hook=$?"',
        ],
        { cwd: worktree },
      );
      expect(result.stdout.text).toBe('wt\nhook=1\n');
    } finally {
      await wtSandbox.close?.();
    }
  });

  it('falls back to rlimits without cgroups, and says what is not enforced', async () => {
    const rlimited = await createBwrapSandbox({
      config: defaultConfig().sandbox,
      workspace,
      parentEnv: { PATH: process.env.PATH },
      cgroups: 'off',
      prlimit: null,
    });
    try {
      expect(rlimited.info.enforcement).toMatchObject({ memory: 'rlimit', pids: 'none' });
      expect(rlimited.info.warnings).toContainEqual(expect.stringContaining('process limit is NOT enforced'));
      const result = await rlimited.run(['python3', '-c', 'b = bytearray(10 * 1024 ** 3)'], {
        cwd: workspace,
        memoryMb: 256,
      });
      expect(result.limitHit).toBe('memory');
      expect(result.stderr.text).toContain('MemoryError');
    } finally {
      await rlimited.close?.();
    }
  });

  it('uses RLIMIT_NPROC for the process limit when not root', async () => {
    const commands: string[][] = [];
    const unprivileged = await createBwrapSandbox({
      config: defaultConfig().sandbox,
      workspace,
      parentEnv: { PATH: process.env.PATH },
      cgroups: 'off',
      isRoot: false,
      prlimit: '/usr/bin/prlimit',
      features: { tmpfsSize: true },
      procNetUnix: '/nonexistent',
      runner: async (argv) => {
        commands.push([...argv]);
        return {
          exitCode: 0,
          signal: null,
          timedOut: false,
          outputExceeded: false,
          durationMs: 1,
          stdout: { text: '', bytes: 0, truncated: false },
          stderr: { text: '', bytes: 0, truncated: false },
        };
      },
    });
    try {
      expect(unprivileged.info.enforcement).toMatchObject({ memory: 'rlimit', pids: 'rlimit' });
      await unprivileged.run(['npm', 'test'], { cwd: workspace, maxPids: 99, memoryMb: 512, maxDiskMb: 100 });
      expect(commands[0]?.slice(-5)).toEqual(['/usr/bin/prlimit', '--nproc=99', '--', 'npm', 'test']);
      // The data and file-size limits are set by the launcher in front of bwrap: 512 MiB in KiB, 100 MiB in blocks.
      expect(commands[0]?.slice(3, 7)).toEqual(['greenlight-launch', String(512 * 1024), String(100 * 2048), '0']);
    } finally {
      await unprivileged.close?.();
    }
  });
});
