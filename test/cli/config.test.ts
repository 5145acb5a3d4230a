import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCommand as main } from '../../src/cli/run-command.ts';
import { defaultConfig } from '../../src/core/config/repo-config.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-config-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(text: string, file = '.github/greenlight.yml'): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), text);
}

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['config', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
    env: {},
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('greenlight config', () => {
  it('prints all defaults when there is no config file', async () => {
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.err).toBe('no config file at .github/greenlight.yml: all defaults apply');
    expect(parse(result.out)).toEqual(defaultConfig());
  });

  it('prints the effective config of a valid file as YAML', async () => {
    writeConfig('budgets:\n  maxIterations: 8\n');
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.err).toBe('.github/greenlight.yml is valid');
    expect(parse(result.out)).toEqual({
      ...defaultConfig(),
      budgets: { ...defaultConfig().budgets, maxIterations: 8 },
    });
  });

  it('prints JSON with --json', async () => {
    writeConfig('trigger:\n  label: please-generate\n');
    const result = await run('--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      ...defaultConfig(),
      trigger: { ...defaultConfig().trigger, label: 'please-generate' },
    });
  });

  it('exits 2 naming the field and line of every problem', async () => {
    writeConfig('budgets:\n  maxIterations: five\n  maxIteration: 3\n');
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toEqual([
      '.github/greenlight.yml:2:18 budgets.maxIterations: expected an integer from 1 to 50, found "five"',
      '.github/greenlight.yml:3:3 budgets.maxIteration: unknown key `maxIteration`; did you mean `maxIterations`?',
      '.github/greenlight.yml: 2 problems; fix the file and run greenlight config again',
    ]);
  });

  it('exits 2 with line and column for a YAML syntax error', async () => {
    writeConfig('tests:\n  command: [npm test\n');
    const result = await run();
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^\.github\/greenlight\.yml:3:1 YAML syntax error: /);
  });

  it('prints warnings and still succeeds', async () => {
    writeConfig('review:\n  high: {approvals: 2, autoMerge: true}\n');
    const result = await run('--json');
    expect(result.code).toBe(0);
    expect(result.err.split('\n')).toEqual([
      '.github/greenlight.yml is valid',
      '.github/greenlight.yml:2:35 warning: review.high.autoMerge: auto-merge is only honoured for low; high pull requests always wait for their review gate, so this setting is ignored',
    ]);
    expect(JSON.parse(result.out)).toMatchObject({ review: { high: { autoMerge: true } } });
  });

  it('checks another file with --file, named as given', async () => {
    writeConfig('fleet:\n  overLimit: drop\n', 'configs/next.yml');
    const result = await run('--file', 'configs/next.yml');
    expect(result.code).toBe(2);
    expect(result.err.split('\n')[0]).toBe(
      'configs/next.yml:2:14 fleet.overLimit: expected one of "queue", "refuse", found "drop"',
    );
  });

  it.each([
    ['a missing --file', ['--file', 'nope.yml'], 'greenlight config: no such file: nope.yml (check --file)'],
    ['a directory', ['--file', '.'], 'greenlight config: . is a directory; --file takes the config file itself'],
    ['an unknown option', ['--fiel', 'x'], /^greenlight config: Unknown option '--fiel'/],
  ])('exits 2 with one line for %s', async (_name, args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err.split('\n')).toHaveLength(1);
  });

  it('runs as a real process with the exit code', () => {
    writeConfig('sandbox:\n  driver: docker\n');
    const cli = new URL('../../src/cli/run-cli.ts', import.meta.url).pathname;
    const child = spawnSync(process.execPath, [cli, 'config'], { cwd: dir, encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain(
      '.github/greenlight.yml:2:11 sandbox.driver: expected one of "auto", "bwrap", "systemd-run", "none", found "docker"',
    );
  });
});
