import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import type { CheckLine, DoctorHost } from '../../../src/core/doctor/doctor-check.ts';
import { doctorJson, renderDoctorMarkdown, renderDoctorText } from '../../../src/core/doctor/render-doctor-report.ts';
import { runDoctor } from '../../../src/core/doctor/run-doctor.ts';
import { detectTestCommand } from '../../../src/core/testing/detect-test-command.ts';
import { GreenlightError } from '../../../src/ports/errors.ts';
import type { TestReport } from '../../../src/ports/test-runner.ts';
import { report, testCase } from '../testing/report-builders.ts';

const PLAN = detectTestCommand({
  files: ['package.json'],
  texts: { 'package.json': '{"scripts":{"test":"vitest run"}}' },
});

/** The shipped single-job and gate workflows, which wire greenlight as the default config expects. */
const WORKFLOWS = ['greenlight.yml', 'greenlight-gate.yml'].map((name) => ({
  path: `.github/workflows/${name}`,
  text: readFileSync(join(import.meta.dirname, '../../../examples/workflows', name), 'utf8'),
}));

/** A machine where everything a run needs works; each test breaks one thing. */
function host(overrides: Partial<DoctorHost> = {}): DoctorHost {
  return {
    nodeVersion: '24.21.0',
    env: { ANTHROPIC_API_KEY: 'sk-ant-secret-value', PATH: '/usr/bin' },
    gitVersion: async () => 'git version 2.47.3',
    checkout: async () => ({ kind: 'ok', root: '/w/shop', branch: 'main', clean: true, dirtyPaths: [] }),
    readConfig: async () => ({ path: '.github/greenlight.yml', text: null }),
    readWorkflows: async () => WORKFLOWS,
    findProgram: async (name) => `/usr/bin/${name}`,
    readSysctl: async (name) => (name === 'user.max_user_namespaces' ? '63325' : null),
    probeSandbox: async () => ({ ok: true }),
    detectTests: async () => PLAN,
    runBaseline: async () => report([testCase('a.test.ts::a', 'passed'), testCase('a.test.ts::b', 'passed')]),
    ...overrides,
  };
}

async function lineOf(label: string, machine: DoctorHost, runBaseline = true): Promise<CheckLine | undefined> {
  const result = await runDoctor(machine, { surface: 'cli', runBaseline });
  return result.results.flatMap((r) => r.lines).find((l) => l.label === label);
}

describe('runDoctor', () => {
  it('passes on a machine where a run can start, and never shows the key', async () => {
    const result = await runDoctor(host(), { surface: 'cli' });
    expect(result.ok).toBe(true);
    const text = renderDoctorText(result);
    expect(text).toMatchSnapshot();
    expect(text).not.toContain('sk-ant-secret-value');
    expect(text.split('\n').at(-1)).toBe('A run can start here: every check passed.');
  });

  it.each<[string, string, Partial<DoctorHost>, string, string]>([
    [
      'an old Node',
      'node',
      { nodeVersion: '20.20.2' },
      'greenlight needs Node ≥ 22.20; this is Node 20.20.2',
      'install Node 22.20 or newer',
    ],
    ['no git', 'git', { gitVersion: async () => null }, 'git cannot be started', 'sudo apt-get install git'],
    [
      'no checkout',
      'checkout',
      { checkout: async () => ({ kind: 'not-a-checkout', why: '/tmp/x is not a git checkout' }) },
      '/tmp/x is not a git checkout',
      'pass --repo DIR',
    ],
    [
      'a detached HEAD',
      'checkout',
      { checkout: async () => ({ kind: 'ok', root: '/w', branch: null, clean: true, dirtyPaths: [] }) },
      '/w: HEAD is detached',
      'git switch -c my-work',
    ],
    [
      'uncommitted changes',
      'checkout',
      {
        checkout: async () => ({
          kind: 'ok',
          root: '/w',
          branch: 'main',
          clean: false,
          dirtyPaths: ['a', 'b', 'c', 'd'],
        }),
      },
      '/w on main has uncommitted changes (a, b, c and 1 more)',
      'git stash -u',
    ],
    [
      'an invalid config',
      'config',
      { readConfig: async () => ({ path: '.github/greenlight.yml', text: 'budgets:\n  maxIterations: five\n' }) },
      '.github/greenlight.yml is invalid (1 problem); the other checks use the defaults',
      '.github/greenlight.yml:2:18 budgets.maxIterations: expected an integer from 1 to 50, found "five"',
    ],
    [
      'no model key',
      'model key',
      { env: { PATH: '/usr/bin' } },
      'ANTHROPIC_API_KEY is not set',
      'export ANTHROPIC_API_KEY',
    ],
    [
      'a model without a price',
      'model price',
      { readConfig: async () => ({ path: '.github/greenlight.yml', text: 'model:\n  name: my-own-model\n' }) },
      'greenlight has no price for my-own-model',
      'model.prices: { "my-own-model"',
    ],
    [
      'no bubblewrap',
      'bubblewrap',
      { findProgram: async () => null, probeSandbox: async () => ({ ok: false, reason: 'bwrap is not installed' }) },
      'bwrap is not installed',
      'sudo apt-get install bubblewrap',
    ],
    [
      'user namespaces switched off (Debian)',
      'user namespaces',
      {
        readSysctl: async (name) => (name === 'kernel.unprivileged_userns_clone' ? '0' : null),
        probeSandbox: async () => ({ ok: false, reason: 'no' }),
      },
      'unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0)',
      'sudo sysctl -w kernel.unprivileged_userns_clone=1',
    ],
    [
      'no user namespaces at all',
      'user namespaces',
      {
        readSysctl: async (name) => (name === 'user.max_user_namespaces' ? '0' : null),
        probeSandbox: async () => ({ ok: false, reason: 'no' }),
      },
      'user namespaces are off (user.max_user_namespaces = 0)',
      'sudo sysctl -w user.max_user_namespaces=15000',
    ],
    [
      "Ubuntu 24.04's AppArmor restriction",
      'apparmor',
      {
        readSysctl: async (name) => (name === 'kernel.apparmor_restrict_unprivileged_userns' ? '1' : null),
        probeSandbox: async () => ({ ok: false, reason: 'bwrap: setting up uid map: Permission denied' }),
      },
      'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, the Ubuntu 24.04 default)',
      'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
    ],
    [
      'no sandbox driver that works',
      'sandbox',
      {
        probeSandbox: async (driver) => ({
          ok: false,
          reason: driver === 'bwrap' ? 'bwrap cannot create a sandbox here' : 'systemd is not the init system here',
        }),
      },
      'no sandbox works here: bwrap cannot create a sandbox here; systemd is not the init system here',
      'sandbox.driver: none',
    ],
    [
      'no test command',
      'test command',
      {
        detectTests: async () => {
          throw new GreenlightError('no-test-command', 'No test command found. greenlight looked for: …');
        },
      },
      'no test command found',
      'tests: { command: npm test }',
    ],
    [
      'a suite that cannot start',
      'baseline',
      {
        runBaseline: async (): Promise<TestReport> =>
          report([testCase('(suite)', 'errored')], {
            crashed: true,
            structured: false,
            exitCode: 127,
            outputTail: 'sh: 1: vitest: not found',
          }),
      },
      '`npm test` could not start: vitest was not found (exit code 127); a run would stop before its first model call',
      'installCommand: npm install',
    ],
    [
      'a workflow whose condition names another label than the config',
      'condition',
      { readConfig: async () => ({ path: '.github/greenlight.yml', text: 'trigger:\n  label: bot\n' }) },
      "names the label 'ai-generate' where trigger.label is 'bot', so labelling an issue `bot` starts nothing",
      'greenlight init --force',
    ],
    [
      'a workflow that keeps the checkout token',
      'checkout step',
      {
        readWorkflows: async () =>
          WORKFLOWS.map((file) => ({
            ...file,
            text: file.text.replaceAll('persist-credentials: false', 'persist-credentials: true'),
          })),
      },
      'greenlight.yml (job greenlight)',
      'persist-credentials: false',
    ],
  ])('%s: ✗ %s with its fix', async (_name, label, broken, detail, fix) => {
    const machine = host(broken);
    const result = await runDoctor(machine, { surface: 'cli' });
    const line = result.results.flatMap((r) => r.lines).find((l) => l.label === label && l.status === 'fail');
    expect(line?.detail).toContain(detail);
    expect((line?.fix ?? []).join('\n')).toContain(fix);
    expect(result.ok).toBe(false);
  });

  it('a checkout without a workflow that runs greenlight is a warning: greenlight run works without one', async () => {
    const result = await runDoctor(host({ readWorkflows: async () => [] }), { surface: 'cli' });
    const line = result.results.flatMap((r) => r.lines).find((l) => l.label === 'workflow');
    expect(line).toMatchObject({
      status: 'warn',
      fix: ['run `greenlight init` to write .github/workflows/greenlight.yml'],
    });
    expect(result.ok).toBe(true);
  });

  it('the Action does not check its own wiring', async () => {
    const result = await runDoctor(host({ readWorkflows: async () => [] }), { surface: 'action' });
    expect(result.results.map((r) => r.id)).not.toContain('wiring');
  });

  it('the sandbox parts are warnings when another driver works', async () => {
    const machine = host({
      findProgram: async () => null,
      probeSandbox: async (driver) =>
        driver === 'bwrap' ? { ok: false, reason: 'bwrap is not installed' } : { ok: true },
    });
    const result = await runDoctor(machine, { surface: 'cli' });
    expect(result.ok).toBe(true);
    expect(await lineOf('bubblewrap', machine)).toMatchObject({ status: 'warn' });
    expect((await lineOf('sandbox', machine))?.detail).toBe(
      'systemd-run works here (bwrap does not: bwrap is not installed): tests run in a transient unit with cgroup limits',
    );
  });

  it('skips what depends on a failed check, and skips the suite when asked', async () => {
    const noTests = host({
      detectTests: async () => {
        throw new GreenlightError('no-test-command', 'No test command found.');
      },
    });
    expect(await lineOf('baseline', noTests)).toEqual({
      label: 'baseline',
      status: 'skip',
      detail: 'not checked: test-command failed above',
    });
    expect((await lineOf('baseline', host(), false))?.status).toBe('skip');
  });

  it('warns when the test command cannot run as things are, and still runs the baseline that decides', async () => {
    // unjs/defu's shape: pnpm is not installed and neither are the dependencies.
    const blocked = detectTestCommand({
      files: ['package.json', 'pnpm-lock.yaml'],
      texts: { 'package.json': '{"scripts":{"test":"vitest run"}}' },
      tools: {
        onPath: new Set(['node', 'npx']),
        unusable: new Map(),
        corepack: new Set(),
        bins: new Map(),
        venvs: new Map(),
      },
    });
    const machine = host({
      detectTests: async () => blocked,
      runBaseline: async () =>
        report([testCase('(suite)', 'errored')], {
          command: blocked.command,
          crashed: true,
          structured: false,
          exitCode: 127,
          outputTail: 'sh: 1: node_modules/.bin/vitest: not found',
        }),
    });
    expect(await lineOf('test command', machine, false)).toMatchObject({
      status: 'warn',
      fix: [
        'as things are it cannot run: the dependencies are not installed (node_modules/.bin/vitest is missing)',
        'a run would stop before its first model call; the baseline check (not with --skip-baseline) gives the exact lines to add',
      ],
    });
    const result = await runDoctor(machine, { surface: 'cli', runBaseline: true });
    const lines = result.results.flatMap((r) => r.lines);
    // The baseline line right below gives the fix: the warning does not repeat it.
    expect(lines.find((l) => l.label === 'test command')?.fix).toHaveLength(1);
    const baseline = lines.find((l) => l.label === 'baseline');
    expect(baseline?.status).toBe('fail');
    expect(baseline?.fix?.join('\n')).toContain('installCommand: npx --yes pnpm install --frozen-lockfile');
    // With an install command configured the warning says that a run installs first.
    const installing = await runDoctor(machine, {
      surface: 'cli',
      runBaseline: false,
      config: { ...defaultConfig(), tests: { ...defaultConfig().tests, installCommand: 'npm ci' } },
    });
    expect(installing.results.flatMap((r) => r.lines).find((l) => l.label === 'test command')?.fix?.[1]).toBe(
      'a run runs tests.installCommand `npm ci` first; the baseline check (not with --skip-baseline) shows whether that is enough',
    );
  });

  it('runs only the Action checks in the Action, with the config it brings', async () => {
    const result = await runDoctor(host({ env: {} }), { surface: 'action', config: defaultConfig() });
    expect(result.results.map((r) => r.id)).toEqual(['node', 'git', 'model', 'sandbox', 'test-command']);
    expect(result.ok).toBe(false);
    expect(renderDoctorMarkdown(result)).toContain('- ✗ **model key**: ANTHROPIC_API_KEY is not set');
  });

  it('--json lists every line with its check and status', async () => {
    const json = doctorJson(await runDoctor(host({ env: {} }), { surface: 'cli', runBaseline: false })) as {
      ok: boolean;
      checks: { id: string; status: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.checks.find((c) => c.id === 'model')).toMatchObject({ status: 'fail' });
  });
});
