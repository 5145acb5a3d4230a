/**
 * docs/security.md §8–16 and §30, §32, §33 under a REAL sandbox: each test runs one hostile
 * program and asserts that it was contained (failed, found nothing, or was stopped) and
 * which limit the result names. bwrap here; the hosted workflow runs the same file under
 * systemd-run, and under bwrap with greenlight as root.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralizeWorkflowCommands } from '../../../src/core/sandbox/neutralize-workflow-commands.ts';
import type { SandboxResult } from '../../../src/ports/sandbox.ts';
import {
  CHECKOUT_HEADER,
  CHECKOUT_TOKEN,
  createSandboxFixture,
  driverUnderTest,
  FAKE_SECRETS,
  SECRET_NAME,
} from './sandbox-fixture.ts';
import type { SandboxFixture } from './sandbox-fixture.ts';
import { requireTool } from '../../setup/require-tool.ts';

let fx: SandboxFixture;
const sh = (script: string): string[] => ['sh', '-c', script];
const output = (result: SandboxResult): string => `${result.stdout.text}\n${result.stderr.text}`;
const secretValues = [...Object.values(FAKE_SECRETS), CHECKOUT_TOKEN, CHECKOUT_HEADER.split(' ').at(-1) as string];

/** Host processes whose command line contains `marker`. */
function hostProcessesWith(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) found.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}

beforeAll(async () => {
  fx = await createSandboxFixture();
});
afterAll(async () => {
  await fx.dispose();
});

// The programs are sh and python3; bwrap is only needed when it is the driver under test.
const ready = (driverUnderTest() !== 'bwrap' || (await requireTool('bwrap'))) && (await requireTool('python3'));

describe.runIf(ready)(`adversarial programs under the ${driverUnderTest()} driver`, () => {
  it('reports an isolating driver with network off', () => {
    expect(fx.sandbox.info.driver).toBe(driverUnderTest());
    expect(fx.sandbox.info.networkIsolation).toBe(true);
  });

  it('8: dumping the environment finds no secret-looking name or value', async () => {
    const result = await fx.sandbox.run(['env'], { cwd: fx.workspace });
    expect(result.exitCode).toBe(0);
    expect(result.limitHit).toBeNull();
    const names = result.stdout.text
      .split('\n')
      .map((line) => line.split('=')[0] ?? '')
      .filter((name) => name !== '');
    expect(names).toContain('HOME');
    expect(names.filter((name) => SECRET_NAME.test(name))).toEqual([]);
    for (const value of secretValues) expect(result.stdout.text).not.toContain(value);
  });

  it('9: /proc/*/environ shows nothing secret and not the engine', async () => {
    const result = await fx.sandbox.run(
      sh(
        'for p in /proc/[0-9]*; do echo "== $p $(tr "\\0" " " < $p/cmdline 2>/dev/null)"; tr "\\0" "\\n" < $p/environ 2>/dev/null; done',
      ),
      { cwd: fx.workspace },
    );
    expect(result.limitHit).toBeNull();
    const text = output(result);
    expect(text).toContain('== /proc/'); // the child does see its own processes
    for (const value of secretValues) expect(text).not.toContain(value);
    // The engine (this vitest worker) is not among the processes the sandbox can see.
    expect(text).not.toContain('vitest');
    expect(text).not.toContain(process.argv[1] ?? 'never');
  });

  it('13: the checkout credential header is absent from everything the child can read', async () => {
    const script = [
      'cat .git/config',
      'git config --list --show-origin',
      'git rev-parse HEAD', // git still works on the sanitized config
      `grep -rIl "${CHECKOUT_TOKEN.slice(0, 12)}" .git "$HOME" /tmp "${homedir()}" 2>/dev/null`,
      `grep -rIl "basic " .git 2>/dev/null`,
      'cat /proc/self/mountinfo',
    ].join('; ');
    const result = await fx.sandbox.run(sh(script), { cwd: fx.workspace });
    const text = output(result);
    expect(text).toMatch(/^[0-9a-f]{40}$/m);
    expect(text).not.toContain(CHECKOUT_TOKEN);
    expect(text).not.toContain(CHECKOUT_HEADER);
    expect(text).not.toMatch(/extraheader/i);
    expect(result.limitHit).toBeNull();
    // The host file still has it: the sandbox showed a sanitized copy, it did not edit the checkout.
    expect(readFileSync(join(fx.workspace, '.git/config'), 'utf8')).toContain(CHECKOUT_HEADER);
  });

  it('11: sudo -n true fails and the child has no capabilities or new privileges', async () => {
    const result = await fx.sandbox.run(
      sh('sudo -n true; echo "sudo=$?"; id -u; grep -E "^(NoNewPrivs|CapEff)" /proc/self/status'),
      { cwd: fx.workspace },
    );
    const text = output(result);
    expect(text).toMatch(/sudo=(?!0\b)\d+/);
    expect(text).not.toMatch(/^0$/m); // not uid 0
    expect(text).toMatch(/NoNewPrivs:\s*1/);
    expect(text).toMatch(/CapEff:\s*0+$/m);
    expect(result.limitHit).toBeNull();
  });

  describe('10: network', () => {
    let server: Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections += 1;
        socket.end('hello from the host\n');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });
    const connect = (): string[] => [
      'python3',
      '-c',
      `import socket; s = socket.create_connection(("127.0.0.1", ${port}), timeout=3); print(s.recv(100).decode())`,
    ];

    it('a TCP connect to a server the test listens on over loopback fails', async () => {
      const result = await fx.sandbox.run(connect(), { cwd: fx.workspace });
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout.text).not.toContain('hello from the host');
      expect(connections).toBe(0);
      expect(result.limitHit).toBeNull();
    });

    it('the same connect works with network on (installs), so the test above is meaningful', async () => {
      const result = await fx.sandbox.run(connect(), { cwd: fx.workspace, network: true });
      expect(result.stdout.text).toContain('hello from the host');
      expect(connections).toBe(1);
    });
  });

  it('12: writes to the real $HOME, the host /tmp, .git/hooks and .git/config fail or vanish', async () => {
    const tag = randomBytes(6).toString('hex');
    const realHome = join(homedir(), `greenlight-escape-${tag}`);
    const hostTmp = join(tmpdir(), `greenlight-escape-${tag}`);
    const script = [
      `echo x > "${realHome}"`,
      `echo x > "${hostTmp}"`,
      'echo "#!/bin/sh" > .git/hooks/pre-commit',
      'echo "[core] hooksPath = /tmp" >> .git/config',
      'echo ok > inside.txt', // the workspace itself is writable
    ].join('; ');
    const result = await fx.sandbox.run(sh(script), { cwd: fx.workspace });
    expect(result.limitHit).toBeNull();
    expect(existsSync(realHome)).toBe(false);
    expect(existsSync(hostTmp)).toBe(false);
    expect(existsSync(join(fx.workspace, '.git/hooks/pre-commit'))).toBe(false);
    expect(readFileSync(join(fx.workspace, '.git/config'), 'utf8')).not.toContain('hooksPath');
    expect(readFileSync(join(fx.workspace, 'inside.txt'), 'utf8')).toBe('ok\n');
  });

  it('14: an infinite loop is stopped at the time limit', async () => {
    const result = await fx.sandbox.run(sh('while :; do :; done'), { cwd: fx.workspace, timeoutMs: 1_000 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode === 0).toBe(false);
    expect(result.limitHit).toBe('time');
  });

  it('14: a 10 GB allocation is stopped at the memory limit', async () => {
    const result = await fx.sandbox.run(
      ['python3', '-c', 'b = bytearray(10 * 1024 ** 3); print("allocated", len(b))'],
      { cwd: fx.workspace, memoryMb: 256 },
    );
    expect(result.stdout.text).not.toContain('allocated');
    expect(result.exitCode).not.toBe(0);
    expect(result.limitHit).toBe('memory');
  });

  it('14: a fork bomb is stopped at the process limit, and the machine survives', async () => {
    // Never start a fork bomb against an unenforced limit: it would exhaust the host's pids.
    expect(
      fx.sandbox.info.enforcement?.pids,
      'the process limit is not enforced here (root without a writable cgroup?)',
    ).not.toBe('none');
    const result = await fx.sandbox.run(['bash', '-c', 'bomb() { bomb | bomb & }; bomb; sleep 30'], {
      cwd: fx.workspace,
      maxPids: 64,
      timeoutMs: 3_000,
      maxOutputBytes: 20_000,
      outputKillBytes: 2_000_000,
    });
    expect(result.exitCode === 0).toBe(false);
    expect(result.limitHit).toBe('pids');
    // Nothing of it is left, and the sandbox still runs commands.
    expect(hostProcessesWith('bomb | bomb')).toEqual([]);
    const after = await fx.sandbox.run(['true'], { cwd: fx.workspace });
    expect(after.exitCode).toBe(0);
  });

  it('14: printing 1 GB is stopped at the output limit, head and tail kept', async () => {
    const result = await fx.sandbox.run(
      sh('echo FIRST-LINE; head -c 1000000000 /dev/zero | tr "\\0" "y"; echo LAST-LINE'),
      {
        cwd: fx.workspace,
        maxOutputBytes: 10_000,
        outputKillBytes: 1_000_000,
      },
    );
    expect(result.limitHit).toBe('output');
    expect(result.exitCode === 0).toBe(false);
    expect(result.stdout.truncated).toBe(true);
    expect(result.stdout.bytes).toBeLessThan(1_000_000_000);
    expect(result.stdout.text.startsWith('FIRST-LINE\n')).toBe(true);
    expect(result.stdout.text).toContain('greenlight cut');
  });

  it('15: a daemonized child (setsid + double fork) is gone after the run returns', async () => {
    const marker = `1000.${Date.now() % 100000}${Math.floor(Math.random() * 1000)}`;
    const result = await fx.sandbox.run(
      sh(`setsid sh -c '(sleep ${marker} </dev/null >/dev/null 2>&1 &) ; echo started' ; sleep 0.2`),
      { cwd: fx.workspace },
    );
    expect(result.stdout.text).toContain('started');
    expect(result.limitHit).toBeNull();
    expect(hostProcessesWith(`sleep\0${marker}`)).toEqual([]);
  });

  it("30: the engine's home is an empty private directory, a root-only file stays unreadable, and nothing runs as root", async () => {
    const { planted } = fx;
    const script = [
      'echo "uid=$(id -u)"',
      'ls -A "$HOME"; echo "home=$HOME"',
      'echo probe > "$HOME/.written" && echo "home writable"',
      ...[...planted.homeFiles, ...(planted.rootOnly === null ? [] : [planted.rootOnly])].map(
        (path) => `cat "${path}" 2>&1`,
      ),
      `ls -la "${planted.home}" "${planted.home}/.config" 2>&1`,
      `grep -rs canary "${planted.home}" /home /root 2>&1 | head -5`,
    ].join('; ');
    const result = await fx.sandbox.run(sh(script), { cwd: fx.workspace });
    const text = output(result);
    expect(text).toMatch(/^uid=[1-9]\d*$/m);
    expect(text).toContain('home writable');
    expect(text).not.toMatch(/^\.written|^\.bashrc|^\.profile/m);
    for (const secret of planted.secrets) expect(text).not.toContain(secret);
    expect(result.limitHit).toBeNull();
    if (planted.rootOnly === null) console.warn('no root-only file: neither root nor passwordless sudo here');
  });

  it('32: host unix-socket canaries receive nothing, while the sandbox may still make and use its own sockets', async () => {
    const { canaries } = fx.planted;
    const script = [
      'import os, socket, tempfile',
      `for path in ${JSON.stringify(canaries.map((canary) => canary.path))}:`,
      '    try:',
      '        s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect(path); s.sendall(b"exfiltrated"); s.close()',
      '        print("CONNECTED", path)',
      '    except OSError as error:',
      '        print("refused", path, error.__class__.__name__)',
      'own = os.path.join(tempfile.gettempdir(), "own.sock")',
      'server = socket.socket(socket.AF_UNIX); server.bind(own); server.listen(1)',
      'client = socket.socket(socket.AF_UNIX); client.connect(own); peer, _ = server.accept()',
      'client.sendall(b"ping"); print("own socket:", peer.recv(4).decode())',
      'a, b = socket.socketpair(); a.sendall(b"pair"); print("socket pair:", b.recv(4).decode())',
    ].join('\n');
    const result = await fx.sandbox.run(['python3', '-c', script], { cwd: fx.workspace });
    const text = output(result);
    expect(text).not.toContain('CONNECTED');
    expect(text).toContain('own socket: ping');
    expect(text).toContain('socket pair: pair');
    expect(canaries.map(({ connections, bytes }) => ({ connections, bytes }))).toEqual(
      canaries.map(() => ({ connections: 0, bytes: 0 })),
    );
    expect(result.exitCode).toBe(0);
  });

  it('33: a program that writes 30,000 files is stopped at the file limit, and the result names it', async () => {
    const script = [
      'import os',
      'os.makedirs("many", exist_ok=True)',
      'for i in range(30000):',
      '    open(os.path.join("many", "f%d" % i), "w").close()',
      'print("wrote them all")',
    ].join('\n');
    try {
      // Half the default limit: the engine looks every 100 ms, and on a loaded machine an empty-file loop
      // can write thousands between two looks; the margin keeps the proof about the limit, not the load.
      const result = await fx.sandbox.run(['python3', '-c', script], {
        cwd: fx.workspace,
        timeoutMs: 60_000,
        maxFiles: 10_000,
      });
      expect(result.stdout.text).not.toContain('wrote them all');
      expect(result.exitCode === 0).toBe(false);
      expect(result.limitHit).toBe('files');
      expect(result.limitDetail).toContain('more than sandbox.maxFiles (10,000)');
      expect(readdirSync(join(fx.workspace, 'many')).length).toBeLessThan(30_000);
    } finally {
      rmSync(join(fx.workspace, 'many'), { recursive: true, force: true });
    }
  });

  it('33: a program that writes a 3 GiB file is stopped at the disk limit, and the file never grows past it', async () => {
    try {
      const result = await fx.sandbox.run(sh('head -c 3221225472 /dev/zero > big.bin; echo "head=$?"'), {
        cwd: fx.workspace,
        maxDiskMb: 64,
      });
      expect(result.limitHit).toBe('disk');
      expect(result.limitDetail).toContain('sandbox.maxDiskMb');
      expect(statSync(join(fx.workspace, 'big.bin')).size).toBeLessThanOrEqual(64 * 1024 * 1024);
    } finally {
      rmSync(join(fx.workspace, 'big.bin'), { force: true });
    }
  });

  it('16: workflow commands printed by the child are plain text once rendered for a log', async () => {
    const result = await fx.sandbox.run(sh('echo "::add-mask::hidden"; echo "  ::error::pwned"; echo "x ##[group]g"'), {
      cwd: fx.workspace,
    });
    // The Action's log function passes every line through the same neutralizer (src/action/runner.ts).
    const log = neutralizeWorkflowCommands(result.stdout.text);
    expect(log).toContain('␣::add-mask::hidden');
    expect(log).toContain('  ␣::error::pwned');
    expect(log).toContain('x ##␣[group]g');
    expect(log.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
  });
});
