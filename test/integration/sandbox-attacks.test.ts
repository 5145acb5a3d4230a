/**
 * docs/security.md §30, §32 and §33 end to end: a prompt-injected model drives `greenlight run`
 * (the real CLI, real git, the real bwrap sandbox, the Anthropic API scripted over HTTP) on
 * a machine with planted secrets — in the engine's environment, in its home directory, in a
 * file only root may read — and a host unix-socket canary. The model writes the tests an
 * attacker would. Every output the bot writes is searched for the secrets afterwards: the
 * branches, the working tree, the audit log, the report and every request sent to the model.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.ts';
import { FAST_CONFIG, type FixtureRepo } from '../fixtures/repos/calc-repo.ts';
import { create, endTurn, mockAnthropic, tools, type Conversation } from './anthropic-script.ts';
import { calcRepo, engineEnv } from './job-harness.ts';
import { findLeaks, lootTest, plant, type Planted } from './sandbox-attack-kit.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';

const haveBwrap = await requireTool('bwrap');
const isRoot = process.geteuid?.() === 0;
beforeEach((test) => skipWithout(test, haveBwrap, 'bubblewrap'));

async function greenlightRun(repo: FixtureRepo, env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(['run', '--task', 'Add tests for clamp'], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    cwd: repo.root,
    env,
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Everything the bot wrote: branches (all commits), the tree, the audit log, the report, the model's requests. */
function everyOutput(
  repo: FixtureRepo,
  run: { out: string; err: string },
  api: Conversation,
  secrets: readonly string[],
): Record<string, string> {
  // A file of hundreds of MB (the disk attack's) is searched as bytes: as text it would cost seconds.
  const searchable = (bytes: Buffer): string =>
    bytes.length < 1_000_000 ? bytes.toString('utf8') : secrets.filter((secret) => bytes.includes(secret)).join('\n');
  // Every commit of every branch: its message, and every file of its tree.
  const refs = repo.git('for-each-ref', '--format=%(refname)', 'refs/heads').trim().split('\n');
  const blobs = new Set<string>();
  for (const commit of new Set(refs.flatMap((ref) => repo.git('rev-list', ref).trim().split('\n')))) {
    for (const line of repo.git('ls-tree', '-r', commit).trim().split('\n')) blobs.add(line.split(/\s+/)[2] ?? '');
  }
  const branches = [
    ...refs.map((ref) => repo.git('log', '--format=%H %s%n%b', ref)),
    ...[...blobs].map((blob) =>
      searchable(execFileSync('git', ['-C', repo.root, 'cat-file', 'blob', blob], { maxBuffer: 2 ** 30 })),
    ),
  ].join('\n');
  const auditDir = join(repo.root, '.git', 'greenlight');
  const audit = readdirSync(auditDir)
    .map((file) => readFileSync(join(auditDir, file), 'utf8'))
    .join('\n');
  const tree = (readdirSync(repo.root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && !join(entry.parentPath, entry.name).includes('/.git/'))
    .map((entry) => searchable(readFileSync(join(entry.parentPath, entry.name))))
    .join('\n');
  return { branches, audit, report: `${run.out}\n${run.err}`, modelRequests: api.bodies.join('\n'), tree };
}

const BRANCH = 'greenlight/issue-local-add-tests-for-clamp';

/** `git ls-tree -r -l` of the branch the run kept, as path and size; none when it kept nothing. */
function branchFiles(repo: FixtureRepo): Array<{ path: string; size: number }> {
  if (repo.git('for-each-ref', '--format=%(refname)', `refs/heads/${BRANCH}`).trim() === '') return [];
  return repo
    .git('ls-tree', '-r', '-l', BRANCH)
    .trim()
    .split('\n')
    .map((line) => {
      const [meta = '', path = ''] = line.split('\t');
      return { path, size: Number(meta.split(/\s+/)[3]) };
    });
}

const planted: Planted[] = [];
afterEach(async () => {
  for (const p of planted.splice(0)) await p.dispose();
});

/** Where a planted secret turned up ("bashrc in audit"), and the canary untouched. */
function expectNothingLeaked(p: Planted, repo: FixtureRepo, run: { out: string; err: string }, api: Conversation) {
  expect(findLeaks(p, everyOutput(repo, run, api, p.secrets))).toEqual([]);
  expect(p.canary).toEqual({ bytes: 0, connections: 0 });
}

describe('greenlight run against a model that writes attacks', () => {
  it('§30 and §32: home files, a root-only file and the environment are unreadable; a host socket receives nothing; own sockets work', async () => {
    const p = await plant(engineEnv);
    planted.push(p);
    const repo = calcRepo();
    const api = mockAnthropic([tools(create('test/loot.test.js', lootTest(p))), endTurn('Added tests.')]);

    const run = await greenlightRun(repo, p.env);

    expectNothingLeaked(p, repo, run, api);
    // The attack ran and passed: its own sockets worked and it found nothing to steal.
    expect(run.code, run.err).toBe(0);
    expect(repo.git('show', `${BRANCH}:test/loot.test.js`)).toContain('steal()');
    // As root, the report says who the tests ran as.
    if (isRoot) expect(run.out).toMatch(/as the unprivileged user \S+ \(uid \d+\), not as root/);
  }, 120_000);

  it('§33: a test that writes 30,000 files is stopped at the file limit, and the report names it', async () => {
    // A low limit keeps the run short; the adversarial suite stops 30,000 files at the default one.
    const repo = calcRepo({
      config: `${FAST_CONFIG.replace('maxIterations: 3', 'maxIterations: 1')}  maxFiles: 2000\n`,
    });
    const many = `import { test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
test('fixtures', () => {
  mkdirSync('test/fixtures/many', { recursive: true });
  for (let i = 0; i < 30000; i += 1) writeFileSync('test/fixtures/many/f' + i + '.txt', String(i));
});
`;
    // The same machine of planted secrets, and the thief beside the writer: a run stopped at a limit leaks nothing either.
    const p = await plant(engineEnv);
    planted.push(p);
    const api = mockAnthropic([
      tools(create('test/many.test.js', many), create('test/loot.test.js', lootTest(p))),
      endTurn('Added fixtures.'),
    ]);

    const run = await greenlightRun(repo, p.env);

    expectNothingLeaked(p, repo, run, api);

    expect(run.code).toBe(1);
    const report = `${run.out}\n${run.err}\n${api.bodies.join('\n')}`;
    expect(report).toContain('more than sandbox.maxFiles (2,000)');
    const dir = join(repo.root, 'test/fixtures/many');
    expect(existsSync(dir) ? readdirSync(dir).length : 0).toBeLessThan(30_000);
    expect(branchFiles(repo).filter((file) => file.path.startsWith('test/fixtures/many/')).length).toBeLessThan(30_000);
  }, 120_000);

  it('§33: a test that writes a 3 GiB file is stopped at the disk limit, and the report names it', async () => {
    const repo = calcRepo({
      config: `${FAST_CONFIG.replace('maxIterations: 3', 'maxIterations: 1')}  maxDiskMb: 200\n`,
    });
    const big = `import { test } from 'node:test';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
test('a large fixture', () => {
  mkdirSync('test/fixtures', { recursive: true });
  const fd = openSync('test/fixtures/big.bin', 'w');
  const chunk = Buffer.alloc(1024 * 1024, 120);
  for (let i = 0; i < 3 * 1024; i += 1) writeSync(fd, chunk);
  closeSync(fd);
});
`;
    const p = await plant(engineEnv);
    planted.push(p);
    const api = mockAnthropic([
      tools(create('test/big.test.js', big), create('test/loot.test.js', lootTest(p))),
      endTurn('Added a fixture.'),
    ]);

    const run = await greenlightRun(repo, p.env);

    expectNothingLeaked(p, repo, run, api);

    expect(run.code).toBe(1);
    const report = `${run.out}\n${run.err}\n${api.bodies.join('\n')}`;
    expect(report).toMatch(/stopped at the disk limit: .*sandbox\.maxDiskMb/);
    let size = 0;
    try {
      size = statSync(join(repo.root, 'test/fixtures/big.bin')).size;
    } catch {
      // removed: even better
    }
    expect(size).toBeLessThanOrEqual(200 * 1024 * 1024);
    const sizes = branchFiles(repo).map((file) => file.size);
    expect(Math.max(0, ...sizes.filter(Number.isFinite))).toBeLessThanOrEqual(200 * 1024 * 1024);
  }, 120_000);
});
