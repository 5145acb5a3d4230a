/**
 * The project's testing conventions, for the prompt: the test command (config wins,
 * else the manifests say), the frameworks in use, how test files are named and where
 * they live, and a representative existing test as a style example.
 */
import { countTokens } from '../text/count-tokens.ts';
import { baseName, dirName } from './path-parts.ts';
import type { Conventions, IndexedFile, RepoIndex } from './types.ts';

export interface ConventionOptions {
  /** `tests.command` from the config, or the engine's resolved command with its reason. */
  configuredTestCommand?: string | { command: string; source: string } | null;
  /** Paths in ranking order: the best-ranked test becomes the style example. */
  ranked: readonly string[];
  maxExampleTokens: number;
}

const EXAMPLE_MAX_LINES = 80;
const NPM_DEFAULT_TEST = /no test specified/;
/** Fixtures and snapshots under test/ are not test files for the layout summary. */
const NOT_CODE = new Set(['markdown', 'json', 'yaml', 'toml', 'text', 'html', 'css', 'sql']);

export function detectConventions(index: RepoIndex, options: ConventionOptions): Conventions {
  const byPath = new Map(index.files.map((f) => [f.path, f]));
  const configured = options.configuredTestCommand;
  const command =
    typeof configured === 'object' && configured !== null
      ? configured
      : configured
        ? { command: configured, source: 'from tests.command in .github/greenlight.yml' }
        : detectTestCommand(index, byPath);
  const frameworks = detectFrameworks(index, byPath);
  const testLayout = describeTestLayout(index);
  const example = pickExample(index, byPath, options);
  const conventions: Conventions = {
    testCommand: command?.command ?? null,
    testCommandSource: command?.source ?? null,
    frameworks,
    testLayout,
    styleExample: example,
    tokens: 0,
  };
  return conventions;
}

function detectTestCommand(
  index: RepoIndex,
  byPath: ReadonlyMap<string, IndexedFile>,
): { command: string; source: string } | null {
  const lockfiles = new Set(index.skipped.filter((s) => s.reason === 'lockfile').map((s) => s.path));
  const packageJson = byPath.get('package.json');
  if (packageJson) {
    const test = parseJson(packageJson.content)?.scripts?.test;
    if (typeof test === 'string' && !NPM_DEFAULT_TEST.test(test)) {
      const manager = lockfiles.has('pnpm-lock.yaml')
        ? 'pnpm'
        : lockfiles.has('yarn.lock')
          ? 'yarn'
          : lockfiles.has('bun.lockb') || lockfiles.has('bun.lock')
            ? 'bun'
            : 'npm';
      return { command: `${manager} test`, source: `scripts.test in package.json (${test})` };
    }
  }
  const pyproject = byPath.get('pyproject.toml')?.content ?? '';
  if (
    byPath.has('pytest.ini') ||
    /\[tool\.pytest/.test(pyproject) ||
    /\[tool:pytest\]/.test(byPath.get('setup.cfg')?.content ?? '') ||
    byPath.has('conftest.py') ||
    index.files.some((f) => f.language === 'python' && f.isTest)
  ) {
    return { command: 'python -m pytest', source: 'Python tests (pytest configuration or test_*.py files)' };
  }
  if (byPath.has('go.mod')) return { command: 'go test ./...', source: 'go.mod' };
  if (byPath.has('Cargo.toml')) return { command: 'cargo test', source: 'Cargo.toml' };
  if (byPath.has('Gemfile') && index.files.some((f) => f.path.startsWith('spec/')))
    return { command: 'bundle exec rspec', source: 'Gemfile and spec/' };
  if (byPath.has('Gemfile') && byPath.has('Rakefile'))
    return { command: 'bundle exec rake test', source: 'Gemfile and Rakefile' };
  if (byPath.has('pom.xml')) return { command: 'mvn test', source: 'pom.xml' };
  if (byPath.has('build.gradle') || byPath.has('build.gradle.kts')) {
    return {
      command:
        index.files.some((f) => f.path === 'gradlew') || byPath.has('gradlew') ? './gradlew test' : 'gradle test',
      source: 'build.gradle',
    };
  }
  const makefile = byPath.get('Makefile');
  if (makefile && /^test:/m.test(makefile.content))
    return { command: 'make test', source: 'the test target in Makefile' };
  return null;
}

const JS_FRAMEWORKS = ['vitest', 'jest', 'mocha', 'ava', 'tap', 'jasmine', 'uvu', '@playwright/test', 'cypress'];

function detectFrameworks(index: RepoIndex, byPath: ReadonlyMap<string, IndexedFile>): string[] {
  const found = new Set<string>();
  for (const file of index.files) {
    if (baseName(file.path) !== 'package.json') continue;
    const manifest = parseJson(file.content);
    const deps = { ...manifest?.dependencies, ...manifest?.devDependencies };
    for (const name of JS_FRAMEWORKS) if (name in deps) found.add(name);
  }
  const tests = index.files.filter((f) => f.isTest);
  const sample = tests.slice(0, 200);
  if (sample.some((f) => /from ['"]node:test['"]|require\(['"]node:test['"]\)/.test(f.content))) found.add('node:test');
  if (sample.some((f) => f.language === 'python')) {
    const pyproject = byPath.get('pyproject.toml')?.content ?? '';
    if (
      byPath.has('conftest.py') ||
      byPath.has('pytest.ini') ||
      /pytest/.test(pyproject) ||
      sample.some((f) => /^\s*import pytest|^\s*from pytest/m.test(f.content))
    )
      found.add('pytest');
    if (sample.some((f) => /^\s*import unittest|^\s*from unittest/m.test(f.content))) found.add('unittest');
  }
  if (sample.some((f) => f.language === 'go')) {
    found.add('go testing');
    if (/github\.com\/stretchr\/testify/.test(byPath.get('go.mod')?.content ?? '')) found.add('testify');
  }
  if (sample.some((f) => f.path.endsWith('_spec.rb'))) found.add('rspec');
  if (sample.some((f) => /_test\.rb$/.test(f.path))) found.add('minitest');
  if (sample.some((f) => /org\.junit/.test(f.content))) found.add('junit');
  if (sample.some((f) => f.path.endsWith('.bats'))) found.add('bats');
  if (byPath.has('Cargo.toml') && index.files.some((f) => f.language === 'rust' && /#\[test\]/.test(f.content)))
    found.add('cargo test');
  return [...found].sort();
}

/** One line per naming/location pattern seen among test files, most common first. */
function describeTestLayout(index: RepoIndex): string[] {
  const sourceDirectories = new Set(index.files.filter((f) => !f.isTest).map((f) => dirName(f.path)));
  const counts = new Map<string, number>();
  for (const file of index.files) {
    if (!file.isTest || NOT_CODE.has(file.language)) continue;
    const shape = testShape(file.path, sourceDirectories);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([shape, n]) => `${shape} (${n} ${n === 1 ? 'file' : 'files'})`);
}

function testShape(path: string, sourceDirectories: ReadonlySet<string>): string {
  const name = baseName(path);
  const ext = name.slice(name.lastIndexOf('.'));
  const pattern = /\.test\./.test(name)
    ? `*.test${ext}`
    : /\.spec\./.test(name)
      ? `*.spec${ext}`
      : /^test_.*\.py$/.test(name)
        ? 'test_*.py'
        : /_test\.(?:py|go|rb)$/.test(name)
          ? `*_test${ext}`
          : /_spec\.rb$/.test(name)
            ? '*_spec.rb'
            : /(?:Tests?|IT)\.(?:java|kt)$/.test(name)
              ? `*Test${ext}`
              : `*${ext}`;
  const top = /^(?:[^/]+\/)*?(__tests__|tests?|spec|specs)\//.exec(path);
  if (top) {
    const prefix = path.slice(0, top.index + top[0].length);
    return `${pattern} under ${prefix}`;
  }
  return sourceDirectories.has(dirName(path))
    ? `${pattern} next to the sources`
    : `${pattern} in ${dirName(path) || 'the root'}/`;
}

function pickExample(
  index: RepoIndex,
  byPath: ReadonlyMap<string, IndexedFile>,
  options: ConventionOptions,
): Conventions['styleExample'] {
  let file: IndexedFile | undefined;
  let reason = '';
  for (const path of options.ranked) {
    const candidate = byPath.get(path);
    if (candidate?.isTest && /\b(?:describe|it|test|def test_|func Test|@Test|#\[test\])\b/.test(candidate.content)) {
      file = candidate;
      reason = 'the test most related to the task';
      break;
    }
  }
  if (!file) {
    // The median-sized test of the most common language among tests.
    const tests = index.files.filter((f) => f.isTest && f.language !== 'text' && f.language !== 'json');
    const languages = new Map<string, number>();
    for (const t of tests) languages.set(t.language, (languages.get(t.language) ?? 0) + 1);
    const language = [...languages].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    const sameLanguage = tests
      .filter((t) => t.language === language)
      .sort((a, b) => a.size - b.size || (a.path < b.path ? -1 : 1));
    file = sameLanguage[Math.floor(sameLanguage.length / 2)];
    reason = 'a typical test of this repository';
  }
  if (!file) return null;
  const lines = file.content.split('\n');
  let count = Math.min(lines.length, EXAMPLE_MAX_LINES);
  let text = lines.slice(0, count).join('\n');
  while (count > 5 && countTokens(text) > options.maxExampleTokens) {
    count = Math.floor(count * 0.75);
    text = lines.slice(0, count).join('\n');
  }
  if (countTokens(text) > options.maxExampleTokens) return null;
  if (count < lines.length - (lines.at(-1) === '' ? 1 : 0)) text += '\n…';
  return { path: file.path, reason, text, tokens: countTokens(text) };
}

interface PackageManifest {
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
}

function parseJson(text: string): PackageManifest | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as PackageManifest) : null;
  } catch {
    return null;
  }
}
