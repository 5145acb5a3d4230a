import type { TestCaseResult, TestStatus } from '../../ports/test-runner.ts';
import type { ParsedTests } from './build-test-report.ts';
import { cleanFailureText } from './clean-failure-text.ts';
import { relativizePath } from './relativize.ts';

interface GoEvent {
  Action?: string;
  Package?: string;
  ImportPath?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
}

interface Entry {
  output: string[];
  status: string | null;
  elapsed?: number;
}

/** Id suffix of the case that stands for a package that failed outside any test (build failure, panic in init, timeout). */
export const PACKAGE_CASE = '(package)';

const NOISE = /^(=== (RUN|PAUSE|CONT|NAME)\s|\s*--- (PASS|FAIL|SKIP): |PASS$|FAIL$|ok\s|FAIL\s|coverage: )/;

function packageDir(pkg: string, modulePath: string | undefined): string {
  if (modulePath !== undefined && (pkg === modulePath || pkg.startsWith(`${modulePath}/`))) {
    const rest = pkg.slice(modulePath.length + 1);
    return rest === '' ? '.' : rest;
  }
  return pkg;
}

function meaningful(lines: readonly string[]): string {
  return lines
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '' && !NOISE.test(l))
    .join('\n');
}

/** First `name_test.go:12` position in go test output (test files before the standard library's). */
function goPosition(text: string): { file: string; line: number } | null {
  const all = [...text.matchAll(/(?:^|\s|\/)([\w.-]+\.go):(\d+)/g)].map((m) => ({
    file: m[1] as string,
    line: Number(m[2]),
  }));
  return all.find((p) => p.file.endsWith('_test.go')) ?? all[0] ?? null;
}

/**
 * Parse the event stream of `go test -json` (test2json format, including Go 1.24's
 * build-output / build-fail events). Parent tests are reported only when they failed
 * on their own, not merely because a subtest failed. `modulePath` (from go.mod) maps
 * import paths to directories.
 */
export function parseGoTestJson(text: string, roots: readonly string[], modulePath?: string): ParsedTests {
  const tests = new Map<string, Entry>();
  const packages = new Map<string, Entry>();
  const order: string[] = [];
  let events = 0;
  const entry = (map: Map<string, Entry>, key: string): Entry => {
    let found = map.get(key);
    if (found === undefined) {
      found = { output: [], status: null };
      map.set(key, found);
      if (map === tests) order.push(key);
    }
    return found;
  };
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let event: GoEvent;
    try {
      event = JSON.parse(line) as GoEvent;
    } catch {
      continue;
    }
    events += 1;
    const pkg = event.Package ?? event.ImportPath?.replace(/\s.*$/, '') ?? '';
    if (event.Action === 'build-output' || event.Action === 'build-fail') {
      const target = entry(packages, pkg);
      if (event.Output !== undefined) target.output.push(event.Output);
      if (event.Action === 'build-fail') target.status = 'build-fail';
      continue;
    }
    const target = event.Test === undefined ? entry(packages, pkg) : entry(tests, `${pkg}\u0000${event.Test}`);
    if (event.Action === 'output' && event.Output !== undefined) target.output.push(event.Output);
    else if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip') {
      target.status = event.Action;
      if (event.Elapsed !== undefined) target.elapsed = event.Elapsed;
    }
  }
  if (events === 0) throw new Error('no go test -json events in the output');

  const parents = new Set<string>();
  for (const key of order) {
    const [pkg, name] = key.split('\u0000') as [string, string];
    for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1))
      parents.add(`${pkg}\u0000${name.slice(0, i)}`);
  }

  const results: TestCaseResult[] = [];
  const failedPackages = new Set<string>();
  for (const key of order) {
    const [pkg, name] = key.split('\u0000') as [string, string];
    const test = tests.get(key) as Entry;
    const dir = packageDir(pkg, modulePath);
    const pkgEntry = packages.get(pkg);
    let status: TestStatus;
    if (test.status === 'pass') status = 'passed';
    else if (test.status === 'skip') status = 'skipped';
    else status = 'failed';
    const own = cleanFailureText(meaningful(test.output), roots);
    if (parents.has(key) && (status !== 'failed' || own === '')) continue;
    const position = goPosition(own);
    const result: TestCaseResult = {
      id: `${dir}::${name}`,
      name,
      file: position === null ? null : relativizePath(dir === '.' ? position.file : `${dir}/${position.file}`, roots),
      status,
    };
    if (test.elapsed !== undefined) result.durationMs = Math.round(test.elapsed * 1000);
    if (status === 'failed') {
      failedPackages.add(pkg);
      const unfinished =
        test.status === null
          ? `did not finish: ${cleanFailureText(meaningful(pkgEntry?.output ?? []), roots) || 'the package stopped'}`
          : '';
      result.message = [own, unfinished].filter((s) => s !== '').join('\n') || 'failed';
      if (position !== null) result.line = position.line;
    } else if (status === 'skipped' && own !== '') {
      result.message = own;
    }
    results.push(result);
  }
  for (const [pkg, pkgEntry] of packages) {
    if ((pkgEntry.status !== 'fail' && pkgEntry.status !== 'build-fail') || failedPackages.has(pkg)) continue;
    const dir = packageDir(pkg, modulePath);
    const message = cleanFailureText(meaningful(pkgEntry.output), roots);
    results.push({
      id: `${dir}::${PACKAGE_CASE}`,
      name: PACKAGE_CASE,
      file: null,
      status: 'errored',
      message: message || 'the package failed',
    });
  }
  return { tests: results };
}
