import type { TestCaseResult, TestStatus } from '../../ports/test-runner.ts';
import type { ParsedTests } from './build-test-report.ts';
import { cleanFailureText } from './clean-failure-text.ts';
import { FILE_CASE } from './parse-jest-json.ts';
import { findAll, parseXml, type XmlElement } from './parse-xml.ts';
import { relativizePath } from './relativize.ts';
import { failureLine, splitStack } from './stack-frames.ts';

/**
 * How ids are built: `pytest` gives node ids (`tests/test_a.py::TestX::test_y`),
 * `node-test` joins describe blocks with ` > `, `generic` uses file or classname.
 */
export type JunitStyle = 'generic' | 'pytest' | 'node-test';

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** pytest classname `pkg.test_mod.TestClass` minus the module part, given the file `pkg/test_mod.py`. */
function pytestClassPath(classname: string, file: string | null): string[] {
  if (classname === '') return [];
  const parts = classname.split('.');
  const module = file?.replace(/\.py$/, '').split('/').pop();
  const at = module === undefined ? -1 : parts.lastIndexOf(module);
  return at >= 0 ? parts.slice(at + 1) : parts.filter((p) => /^[A-Z]/.test(p));
}

function failureText(element: XmlElement, style: JunitStyle): string {
  const attr = element.attrs['message'] ?? '';
  const body = element.text.trim();
  if (style === 'node-test') {
    // node wraps the real error: "Error [ERR_TEST_FAILURE]: … cause: AssertionError …".
    const type = /cause: (\w*Error)\b/.exec(body)?.[1];
    const message = type !== undefined && !attr.startsWith(type) ? `${type}: ${attr}` : attr;
    const frames = body
      .split('\n')
      .filter((l) => /^\s*at\s/.test(l))
      .join('\n');
    return frames === '' ? message : `${message}\n${frames}`;
  }
  if (body === '') return attr;
  if (attr === '' || body.includes(attr)) return body;
  return `${attr}\n\n${body}`;
}

interface Walked {
  testcase: XmlElement;
  suites: string[];
  topLevel: boolean;
}

function walk(element: XmlElement, suites: string[], out: Walked[], topLevel: boolean): void {
  for (const c of element.children) {
    if (c.name === 'testcase') out.push({ testcase: c, suites, topLevel });
    else if (c.name === 'testsuite') walk(c, [...suites, c.attrs['name'] ?? ''], out, false);
    else if (c.name === 'testsuites') walk(c, suites, out, topLevel);
  }
}

/**
 * Parse a JUnit XML report (pytest `--junitxml` with junit_family=xunit1, node:test's
 * junit reporter, or any tool that writes JUnit XML) into cases.
 */
export function parseJunitXml(text: string, roots: readonly string[], style: JunitStyle): ParsedTests {
  const root = parseXml(text);
  if (root.name !== 'testsuites' && root.name !== 'testsuite')
    throw new Error(`not a JUnit report: root element is <${root.name}>`);
  const walked: Walked[] = [];
  if (root.name === 'testsuite') walk({ name: 'testsuites', attrs: {}, children: [root], text: '' }, [], walked, true);
  else walk(root, [], walked, true);
  // pytest names its only suite "pytest": not a describe block.
  const skipSuite = (name: string) => style === 'pytest' || (style === 'node-test' && name === '');

  const tests: TestCaseResult[] = walked.map(({ testcase, suites, topLevel }) => {
    const failure = child(testcase, 'failure');
    const error = child(testcase, 'error');
    const skipped = child(testcase, 'skipped');
    let status: TestStatus = 'passed';
    if (failure !== undefined) status = 'failed';
    else if (error !== undefined) status = 'errored';
    else if (skipped !== undefined) status = 'skipped';

    const fileAttr = testcase.attrs['file'];
    const classname = testcase.attrs['classname'] ?? '';
    const file = fileAttr === undefined || fileAttr === '' ? null : relativizePath(fileAttr, roots);
    const rawName = testcase.attrs['name'] ?? '';
    let name: string;
    let fileLevel = false;
    if (style === 'pytest') {
      fileLevel = classname === '' && error !== undefined && /collection failure/i.test(error.attrs['message'] ?? '');
      name = fileLevel ? FILE_CASE : [...pytestClassPath(classname, file), rawName].join('::');
    } else if (style === 'node-test') {
      fileLevel = topLevel && file !== null && relativizePath(rawName, roots) === file;
      name = fileLevel ? FILE_CASE : [...suites.filter((s) => !skipSuite(s)), rawName].join(' > ');
    } else {
      name = file === null && classname !== '' ? `${classname} > ${rawName}` : rawName;
    }
    if (fileLevel) status = 'errored';

    // Without a file, a generic report's classname is the most stable "where".
    const where = file ?? (style === 'generic' ? classname : '');
    const result: TestCaseResult = {
      id: `${where}::${style === 'generic' && file === null ? rawName : name}`,
      name,
      file,
      status,
    };
    const time = Number(testcase.attrs['time']);
    if (testcase.attrs['time'] !== undefined && Number.isFinite(time)) result.durationMs = Math.round(time * 1000);
    const problems = [failure, error].filter((e): e is XmlElement => e !== undefined);
    if (problems.length > 0) {
      const full = cleanFailureText(problems.map((p) => failureText(p, style)).join('\n\n'), roots);
      const { message, stack } = splitStack(full);
      result.message =
        fileLevel && style === 'node-test'
          ? 'the test file failed to load or exited with an error (see the output)'
          : message;
      if (stack !== undefined) result.stack = stack;
      const lineAttr = Number(testcase.attrs['line']);
      // pytest's line attribute is 0-based; prefer the position of the failure itself.
      const line =
        failureLine(full, file) ??
        (Number.isFinite(lineAttr) && testcase.attrs['line'] !== undefined
          ? lineAttr + (style === 'pytest' ? 1 : 0)
          : undefined);
      if (line !== undefined) result.line = line;
    }
    return result;
  });
  return { tests };
}

/** True when a text looks like a JUnit XML report (for reports of unknown origin). */
export function looksLikeJunit(text: string): boolean {
  try {
    const root = parseXml(text);
    return (
      (root.name === 'testsuites' || root.name === 'testsuite') &&
      (findAll(root, 'testcase').length > 0 || root.children.length === 0)
    );
  } catch {
    return false;
  }
}
