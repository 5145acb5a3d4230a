import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCommand as main } from '../../src/cli/run-command.ts';
import { VERSION } from '../../src/version.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      cwd: process.cwd(),
      env: {},
      interactive: false,
    },
  };
}

describe('greenlight CLI', () => {
  it('keeps the version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('prints help and exits 0 with --help', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Usage: greenlight <command>/);
  });

  it('prints the version', async () => {
    const c = capture();
    expect(await main(['--version'], c.io)).toBe(0);
    expect(c.out).toEqual([VERSION]);
  });

  it('exits 2 with one line for an unknown command', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err).toEqual(["greenlight: unknown command 'frobnicate' (see greenlight --help)"]);
  });

  it('exits 2 with usage when no command is given', async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
  });

  it('runs as a real process through the bin and the bundled dist/cli.js', () => {
    const bin = new URL('../../bin/greenlight.js', import.meta.url).pathname;
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(VERSION);
    const bad = spawnSync(process.execPath, [bin, 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('runtime', () => {
  it('runs the suite on Node 24, the Actions node24 runtime', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
