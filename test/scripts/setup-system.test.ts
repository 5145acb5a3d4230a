/**
 * `npm run setup:system` with stand-ins for apt-get, sudo and id on PATH (recording
 * how they are called), and the real tools hidden from PATH where a test needs them
 * missing. Nothing is installed on the machine running the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathWithout } from '../setup/path-without.ts';
import { requireTool } from '../setup/require-tool.ts';

const root = join(import.meta.dirname, '../..');
const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts['setup:system'];
const pytestHere = spawnSync('/usr/bin/python3', ['-c', 'import pytest'], { stdio: 'ignore' }).status === 0;
const havePytest = await requireTool('pytest');

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Machine {
  /** Tools that exist, as stand-ins; the real bwrap, redis-server, chromium, git and cargo are hidden. */
  tools: string[];
  uid: number;
  /** `sudo -n` works. */
  sudo?: boolean;
  aptGet?: boolean;
}

const ALL = ['bwrap', 'redis-server', 'chromium', 'git', 'cargo'];

function setupSystem(machine: Machine) {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-setup-system-'));
  temps.push(dir);
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'bin');
  const stub = (name: string, body: string) => writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  spawnSync('mkdir', [bin]);
  for (const tool of machine.tools) stub(tool, 'exit 0');
  stub('id', `echo ${machine.uid}`);
  if (machine.aptGet !== false) stub('apt-get', `echo "apt-get $*" >> ${log}`);
  if (machine.sudo === true)
    stub('sudo', `echo "sudo $*" >> ${log}\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nexec "$@"`);
  const hidden = [...ALL, 'id', 'sudo', 'apt-get'];
  const run = spawnSync('sh', ['-c', script ?? 'false'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${pathWithout(hidden)}`,
      HOME: dir,
      CARGO_HOME: join(dir, 'no-cargo'),
    },
  });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    calls: existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n') : [],
  };
}

const pytestPackage = pytestHere ? [] : ['python3-pytest'];

describe('npm run setup:system', () => {
  it.runIf(havePytest)('is quiet and installs nothing when every tool is there', () => {
    const run = setupSystem({ tools: ALL, uid: 0 });
    expect(run).toEqual({ status: 0, stdout: '', stderr: '', calls: [] });
  });

  it('installs what is missing with apt-get as root, cargo only when there is none', () => {
    const run = setupSystem({ tools: ['git', 'redis-server'], uid: 0 });
    const packages = ['bubblewrap', ...pytestPackage, 'chromium', 'cargo'].join(' ');
    expect(run.status).toBe(0);
    expect(run.calls).toEqual(['apt-get update -qq', `apt-get install -y -qq --no-install-recommends ${packages}`]);
    expect(run.stdout).toBe(`setup:system: installing ${packages}\nsetup:system: installed ${packages}\n`);
  });

  it('goes through sudo -n when not root', () => {
    const run = setupSystem({ tools: ['git', 'redis-server', 'chromium', 'cargo'], uid: 1000, sudo: true });
    const packages = ['bubblewrap', ...pytestPackage].join(' ');
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      'sudo -n true',
      'sudo -n apt-get update -qq',
      'apt-get update -qq',
      `sudo -n apt-get install -y -qq --no-install-recommends ${packages}`,
      `apt-get install -y -qq --no-install-recommends ${packages}`,
    ]);
  });

  it('without root or sudo, prints the command to run and exits 1', () => {
    const run = setupSystem({ tools: ['git', 'bwrap', 'chromium', 'cargo'], uid: 1000 });
    const packages = [...pytestPackage, 'redis-server'].join(' ');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `setup:system: installing needs root; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages}\n`,
    );
    expect(run.calls).toEqual([]);
  });

  it('without apt-get, prints the packages to install and exits 1', () => {
    const run = setupSystem({ tools: ['git', 'bwrap', 'redis-server', 'cargo'], uid: 0, aptGet: false });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `setup:system: no apt-get here; install these packages (Debian names) with your package manager: ${[...pytestPackage, 'chromium'].join(' ')}\n`,
    );
  });
});

describe('.ci/run', () => {
  it('installs the system tools with npm run setup:system, then Node 24 with npm ci, then runs npm test under CI=true', () => {
    const lines = readFileSync(join(root, '.ci/run'), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(lines).toContain('export CI=true DEBIAN_FRONTEND=noninteractive');
    const steps = lines.filter((line) => line.startsWith('npm '));
    expect(steps).toEqual(['npm run --silent setup:system', 'npm ci --no-audit --no-fund', 'npm test']);
    expect(lines.join('\n')).not.toContain('apt-get');
  });
});
