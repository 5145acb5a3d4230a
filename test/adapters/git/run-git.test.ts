// The one git runner: its hardening holds against a hostile repository and environment,
// and nothing else in src/ starts git.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, runGit, runGitBytes } from '../../../src/adapters/git/run-git.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { tempRepo, type TempRepo } from './temp-repo.ts';

let r: TempRepo;
let marker: string;

/** A shell script that leaves `marker` behind when anything runs it. */
function trap(name: string): string {
  const path = join(r.root, '.git', name);
  writeFileSync(path, `#!/bin/sh\necho ${name} >> '${marker}'\nexit 0\n`);
  chmodSync(path, 0o755);
  return path;
}

const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n') : []);

beforeEach(() => {
  r = tempRepo();
  marker = join(r.root, '.git', 'ran');
  r.write('a.txt', 'one\n');
  r.commit('base');
});
afterEach(() => r.remove());

describe('runGit hardening', () => {
  it('runs no hook of the repository', async () => {
    const dir = join(r.root, '.git', 'trap-hooks');
    mkdirSync(dir);
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit', 'post-checkout', 'reference-transaction']) {
      writeFileSync(join(dir, hook), `#!/bin/sh\necho ${hook} >> '${marker}'\n`);
      chmodSync(join(dir, hook), 0o755);
    }
    r.git('config', 'core.hooksPath', dir);
    r.git('commit', '-q', '--allow-empty', '-m', 'the hooks work when git runs them');
    expect(ran()).toContain('pre-commit');
    rmSync(marker);
    writeFileSync(join(r.root, 'a.txt'), 'two\n');
    await git(r.root, ['commit', '-q', '-a', '-m', 'change']);
    await git(r.root, ['checkout', '-q', '-b', 'other']);
    expect(ran()).toEqual([]);
  });

  it('starts no fsmonitor', async () => {
    r.git('config', 'core.fsmonitor', trap('fsmonitor'));
    await git(r.root, ['status', '--porcelain']);
    expect(ran()).toEqual([]);
  });

  it('runs no external diff or textconv filter, from config or the environment', async () => {
    r.git('config', 'diff.external', trap('external-diff'));
    r.git('config', 'diff.conv.textconv', trap('textconv'));
    r.write('.gitattributes', '*.txt diff=conv\n');
    r.write('a.txt', 'two\n');
    r.commit('change');
    process.env.GIT_EXTERNAL_DIFF = trap('env-external-diff');
    try {
      expect(await git(r.root, ['diff', 'HEAD~1', 'HEAD'])).toContain('+two');
      expect(await git(r.root, ['log', '-p', '-1'])).toContain('+two');
      expect(await git(r.root, ['show', 'HEAD'])).toContain('+two');
      expect(await git(r.root, ['-c', 'core.abbrev=12', 'show', 'HEAD:a.txt'])).toBe('two\n');
    } finally {
      delete process.env.GIT_EXTERNAL_DIFF;
    }
    expect(ran()).toEqual([]);
  });

  it('uses no pager and no editor', async () => {
    r.git('config', 'core.pager', trap('pager'));
    r.git('config', 'core.editor', trap('editor'));
    await git(r.root, ['log', '-1']);
    await git(r.root, ['commit', '-q', '--allow-empty', '--amend', '--no-edit']);
    const edited = await runGit(r.root, ['commit', '--allow-empty']);
    // GIT_EDITOR=true: the "editor" leaves the template, which git refuses as an empty message.
    expect(edited.exitCode).not.toBe(0);
    expect(ran()).toEqual([]);
  });

  it('gives git only the pinned environment', async () => {
    const leaked = {
      INPUT_GITHUB_TOKEN: 'ghs_secret',
      ANTHROPIC_API_KEY: 'sk-ant-secret',
      GIT_DIR: '/nowhere',
      GIT_INDEX_FILE: '/nowhere/index',
    };
    Object.assign(process.env, leaked);
    let env: string;
    try {
      // An alias is the one place git hands its environment to a program of ours.
      env = await git(r.root, ['-c', 'alias.env=!env', 'env'], { env: { EXTRA: 'for this call' } });
    } finally {
      for (const name of Object.keys(leaked)) delete process.env[name];
    }
    for (const name of Object.keys(leaked)) expect(env).not.toContain(`${name}=`);
    expect(env).toContain('GIT_CONFIG_NOSYSTEM=1');
    expect(env).toContain('GIT_TERMINAL_PROMPT=0');
    expect(env).toContain('EXTRA=for this call');
    // git puts its exec path first; the rest is the caller's PATH.
    expect(env.split('\n').find((line) => line.startsWith('PATH='))).toContain(process.env.PATH);
  });

  it('keeps stdout as bytes and takes stdin as bytes', async () => {
    const bytes = Uint8Array.from([0, 1, 2, 0xff, 10]);
    const id = (await git(r.root, ['hash-object', '-w', '--stdin'], { input: bytes })).trim();
    const result = await runGitBytes(r.root, ['cat-file', 'blob', id]);
    expect(result.exitCode).toBe(0);
    expect([...result.stdout]).toEqual([...bytes]);
  });

  it('reports a failed call as a value, and as a GreenlightError naming the subcommand', async () => {
    const result = await runGit(r.root, ['rev-parse', '--verify', 'no-such-ref']);
    expect(result.exitCode).not.toBe(0);
    const error = await git(r.root, ['-c', 'advice.detachedHead=false', 'checkout', 'no-such-ref']).catch(
      (e: unknown) => e,
    );
    expect(isGreenlightError(error, 'git')).toBe(true);
    expect((error as Error).message).toMatch(/^git checkout failed in /);
  });
});

/** Every .ts file under src/. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const ROOT = join(import.meta.dirname, '../../..');
const RUNNER = 'src/adapters/git/run-git.ts';
/** The sandbox runs commands it is given (the project's tests), never git of its own. */
const PROCESS_RUNNERS = [RUNNER, 'src/adapters/sandbox/run-process.ts'];
const SPAWNING_MODULE =
  /\bfrom\s+['"](?:node:)?child_process['"]|\bfrom\s+['"]execa['"]|\bimport\(\s*['"](?:node:)?child_process['"]/;
const GIT_SPAWN =
  /\b(?:spawn|spawnSync|exec|execSync|execFile|execFileSync|execa|execaSync|execaCommand|runProcess)\s*\(\s*\[?\s*['"`]git['"`]|\[\s*['"`]git['"`]\s*,/;

describe('one git runner', () => {
  const files = sources(join(ROOT, 'src')).map((path) => relative(ROOT, path));

  it('is the only module of src/ besides the sandbox that can start a process', () => {
    expect(files.filter((file) => SPAWNING_MODULE.test(readFileSync(join(ROOT, file), 'utf8')))).toEqual(
      PROCESS_RUNNERS,
    );
  });

  it('is the only place in src/ that spawns git', () => {
    const spawners = files.filter((file) => file !== RUNNER && GIT_SPAWN.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(spawners).toEqual([]);
  });

  it('the search finds each way of spawning git', () => {
    for (const code of [
      "import { execa } from 'execa';",
      "import { spawn } from 'node:child_process';",
      "const { execFile } = await import('child_process');",
    ])
      expect(SPAWNING_MODULE.test(code), code).toBe(true);
    for (const code of [
      "await execa('git', ['ls-files'])",
      'spawnSync("git", args)',
      "execFile(`git`, ['log'], cb)",
      "runProcess(['git', 'status'], options)",
      "sandbox.run(['git', 'push'])",
    ])
      expect(GIT_SPAWN.test(code), code).toBe(true);
    expect(GIT_SPAWN.test("new GreenlightError('git', 'failed')")).toBe(false);
  });
});
