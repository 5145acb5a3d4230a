// The npm package as a user gets it: the package's `files` (from this checkout) with a
// fresh build of dist/ are packed with `npm pack`, the tarball is installed into an
// empty project with `--omit=dev` and no registry (it declares no dependencies, so it
// needs none), and the installed `greenlight` runs `--version`, `classify` and
// `context` on Node 22 (the oldest supported release, the `node22` dev dependency) and
// Node 24. An older Node (the system's, when there is one) gets the one-line refusal
// from the bin and from the Action's bundle. docs/distribution.md describes the package.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, root } from '../../scripts/build.ts';
import { MINIMUM_NODE } from '../../src/core/node-version-problem.ts';
import { VERSION } from '../../src/version.ts';

interface PackageJson {
  name: string;
  version: string;
  files: string[];
  bin: Record<string, string>;
  engines: { node: string };
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const NODE_22 = join(root, 'node_modules', 'node22', 'bin', 'node');
const NODE_24 = process.execPath;

const work = mkdtempSync(join(tmpdir(), 'greenlight-pack-'));
const stage = join(work, 'stage');
const project = join(work, 'project');
const fixture = join(work, 'repo');
/** Makes every npm call in this file fail rather than reach a registry. */
const npmEnv = {
  ...process.env,
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
let externals: string[] = [];
let packed: string[] = [];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the installed `greenlight` as a shell would, with `node` on PATH being `nodeBinary`. */
function greenlight(nodeBinary: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(join(project, 'node_modules', '.bin', 'greenlight'), args, {
    cwd: fixture,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(nodeBinary)}${delimiter}${process.env.PATH ?? ''}` },
  });
}

/** A Node older than the minimum on this machine (the system's), if any. */
function findOldNode(): { path: string; version: string } | null {
  const which = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n');
  for (const candidate of [...which, '/usr/bin/node', '/usr/local/bin/node']) {
    if (candidate === '' || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (/^\d+\./.test(version) && Number(version.split('.')[0]) < 22) return { path: candidate, version };
  }
  return null;
}

beforeAll(async () => {
  // The package's files as this checkout has them (tracked files only), dist/ built fresh.
  const tracked = execFileSync('git', ['ls-files', '-z', '--', ...pkg.files.filter((f) => !f.startsWith('dist'))], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of ['package.json', 'README.md', ...tracked]) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    cpSync(join(root, file), join(stage, file));
  }
  const metafiles = await buildBundles(join(stage, 'dist'));
  externals = [
    ...new Set(
      Object.values(metafiles).flatMap((meta) =>
        Object.values(meta.outputs).flatMap((output) =>
          output.imports.filter((i) => i.external).map((i) => i.path.replace(/^node:/, '')),
        ),
      ),
    ),
  ].sort();

  const [report] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], stage)) as {
    filename: string;
    files: { path: string }[];
  }[];
  packed = report!.files.map((f) => f.path).sort();

  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "try-greenlight", "private": true }\n');
  npm(['install', '--omit=dev', '--offline', '--ignore-scripts', join(work, report!.filename)], project);

  mkdirSync(join(fixture, 'src'), { recursive: true });
  mkdirSync(join(fixture, 'test'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: fixture, stdio: 'ignore' });
  git('init', '-q');
  writeFileSync(
    join(fixture, 'src', 'cart.js'),
    'export function cartTotal(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n',
  );
  writeFileSync(join(fixture, 'src', 'tax.js'), 'export const VAT = 0.2;\n');
  git('add', '.');
  git('commit', '-q', '-m', 'cart');
  writeFileSync(
    join(fixture, 'test', 'cart.test.js'),
    "import { test } from 'node:test';\nimport { cartTotal } from '../src/cart.js';\ntest('empty', () => cartTotal([]));\n",
  );
  git('add', '.');
  git('commit', '-q', '-m', 'tests');
}, 240_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('declares no runtime dependencies, and its bundles import nothing but Node built-ins', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(externals.filter((name) => !builtinModules.includes(name))).toEqual([]);
  });

  it('ships the bin, the CLI bundle and the demo, and no sources, Action bundle or workflows', () => {
    expect(packed).toContain('bin/greenlight.js');
    expect(packed).toContain('dist/cli.js');
    expect(packed.some((f) => /^dist\/cli\/.+\.js$/.test(f))).toBe(true);
    expect(packed).toContain('examples/demo-repo.transcript.jsonl');
    expect(packed).toContain('examples/demo-repo/package.json');
    expect(packed.filter((f) => /^(src|test|scripts|bench)\/|^dist\/index\.js$|^dist\/action\//.test(f))).toEqual([]);
    expect(packed.filter((f) => /workflows/.test(f))).toEqual([]);
  });

  it('asks for the Node version the bundles check', () => {
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE}`);
    expect(Object.keys(pkg.devDependencies)).toContain('node22');
  });

  it('installs without its dev dependencies: nothing but greenlight lands in node_modules', () => {
    const installed = JSON.parse(npm(['ls', '--all', '--json'], project)) as {
      dependencies: Record<string, { dependencies?: object }>;
    };
    expect(Object.keys(installed.dependencies)).toEqual(['greenlight']);
    expect(installed.dependencies['greenlight']?.dependencies ?? {}).toEqual({});
  });

  describe.each([
    ['Node 22', NODE_22, MINIMUM_NODE],
    ['Node 24', NODE_24, '24.'],
  ])('installed greenlight on %s', (_name, node, expectedVersion) => {
    it('runs on that Node', () => {
      const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
      expect(version.startsWith(expectedVersion)).toBe(true);
    });

    it('prints its version', () => {
      const result = greenlight(node, ['--version']);
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe(VERSION);
      expect(result.status).toBe(0);
    });

    it('classifies the last commit', () => {
      const result = greenlight(node, ['classify', '--json']);
      expect(result.status, result.stderr).toBe(0);
      const assessment = JSON.parse(result.stdout) as { tier: string; files: { path: string }[] };
      expect(assessment.tier).toBe('low');
      expect(assessment.files.map((f) => f.path)).toEqual(['test/cart.test.js']);
    });

    it('assembles context, parsing JavaScript with the bundled parser', () => {
      const result = greenlight(node, ['context', '--task', 'Add tests for cartTotal']);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/1 {2}src\/cart\.js +whole .*defines cartTotal \(line 1\)/);
    });
  });
});

const old = findOldNode();
describe.skipIf(old === null)(`on a Node older than ${MINIMUM_NODE} (${old?.path ?? 'none on this machine'})`, () => {
  const refusal = `greenlight needs Node ≥ ${MINIMUM_NODE}; this is Node ${old?.version}`;

  it('the installed bin prints one line and exits 2', () => {
    const result = greenlight(old!.path, ['--version']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${refusal}\n`);
    expect(result.status).toBe(2);
  });

  it("the Action's bundle prints one error annotation and exits 1", () => {
    const result = spawnSync(old!.path, [join(stage, 'dist', 'index.js')], { encoding: 'utf8', env: {} });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`::error::${refusal}\n`);
    expect(result.status).toBe(1);
  });
});
