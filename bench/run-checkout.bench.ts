/**
 * What running in a checkout of its own costs (docs/security.md §28, §31), on a
 * generated repository of 2,000 tracked files with an installed `node_modules/` of
 * 20,000 small files, median of 3 runs each:
 *
 *   open + close    the run's worktree: dependencies stashed as hard links in .git,
 *                   the worktree checked out, the links made; then all removed
 *   fresh checkout  what each final verification adds: a second worktree with links
 *   copy deps       the alternative that needs no sandbox support: `cp -a node_modules`
 *   guard           what each test run adds: record the checkout, then put it back
 *   snapshot        one working-tree snapshot (`git write-tree` through a temporary index)
 *
 * Target: open + close within 1.5× of copying the dependencies once (a copy would also
 * be needed again for every fresh checkout). The guard is informative, as a multiple of
 * one snapshot: it walks the tree about five times (record, list ignored files before and
 * after, list new untracked files, compare), beside a test run that takes seconds.
 *
 *   node bench/run-checkout.bench.ts [dependency files]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addWorktree } from '../src/adapters/git/add-worktree.ts';
import { stashDependencies } from '../src/adapters/git/dependency-stash.ts';
import { GitCheckpoints } from '../src/adapters/git/git-checkpoints.ts';
import { guardWorkspace } from '../src/adapters/git/guard-workspace.ts';
import { spread, verdict } from './verdict.ts';

const DEPENDENCY_FILES = Number(process.argv[2] ?? 20_000);
const TRACKED_FILES = 2_000;
const RUNS = 3;

function generate(root: string): void {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const run = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { env, stdio: 'pipe' });
  run('init', '-q', '-b', 'main');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('.gitignore', 'node_modules/\n');
  for (let i = 0; i < TRACKED_FILES; i += 1) write(`src/m${i % 40}/file${i}.ts`, `export const v${i} = ${i};\n`);
  for (let i = 0; i < DEPENDENCY_FILES; i += 1)
    write(`node_modules/pkg${i % 500}/lib/f${i}.js`, `module.exports = ${i};\n`);
  run('add', '--all');
  run('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'init');
}

async function timed(run: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-checkout-'));
try {
  const root = join(dir, 'repo');
  mkdirSync(root);
  generate(root);
  const base = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();

  const open = spread(
    await timed(async () => {
      const stash = await stashDependencies(root, ['node_modules']);
      const work = await addWorktree(root, base, 'bench');
      await stash.linkInto(work.root);
      await work.remove();
      await stash.dispose();
    }),
  );
  const stash = await stashDependencies(root, ['node_modules']);
  const fresh = spread(
    await timed(async () => {
      const wt = await addWorktree(root, base, 'bench');
      await stash.linkInto(wt.root);
      await wt.remove();
    }),
  );
  const copy = spread(
    await timed(async () => {
      const target = join(dir, 'copy');
      execFileSync('cp', ['-a', join(root, 'node_modules'), target]);
      rmSync(target, { recursive: true, force: true });
    }),
  );
  const work = await addWorktree(root, base, 'bench');
  await stash.linkInto(work.root);
  writeFileSync(join(work.root, 'src/new.test.ts'), 'test\n');
  const guard = spread(
    await timed(async () => {
      const g = await guardWorkspace(work.root);
      writeFileSync(join(work.root, 'written-by-a-test.txt'), 'x');
      await g.restore();
    }),
  );
  const snapshot = spread(
    await timed(async () => {
      await new GitCheckpoints(work.root).save('bench');
    }),
  );
  await work.remove();
  await stash.dispose();

  const ms = (s: { median: number }) => `${Math.round(s.median)} ms`;
  process.stdout.write(
    [
      `${TRACKED_FILES} tracked files, ${DEPENDENCY_FILES} dependency files; median of ${RUNS} (min–max)`,
      `open + close     ${ms(open)} (${Math.round(open.min)}–${Math.round(open.max)})`,
      `fresh checkout   ${ms(fresh)} (${Math.round(fresh.min)}–${Math.round(fresh.max)})`,
      `copy deps        ${ms(copy)} (${Math.round(copy.min)}–${Math.round(copy.max)})`,
      `guard            ${ms(guard)} (${Math.round(guard.min)}–${Math.round(guard.max)})`,
      `snapshot         ${ms(snapshot)} (${Math.round(snapshot.min)}–${Math.round(snapshot.max)})`,
      '',
    ].join('\n'),
  );
  const openRatio = open.median / copy.median;
  const guardRatio = guard.median / snapshot.median;
  verdict(
    'run checkout, open + close',
    `${openRatio.toFixed(2)}× copying node_modules once`,
    '≤ 1.5×',
    openRatio <= 1.5,
  );
  process.stdout.write(`guard around a test run: ${guardRatio.toFixed(2)}× one snapshot\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
