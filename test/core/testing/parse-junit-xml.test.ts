import { describe, expect, it } from 'vitest';
import { looksLikeJunit, parseJunitXml } from '../../../src/core/testing/parse-junit-xml.ts';
import { FIXTURE_ROOT, fixture } from './fixture.ts';

describe('parseJunitXml', () => {
  it('reads node:test junit output: describe blocks, the assertion cause, timeouts and a file that did not load', () => {
    const { tests } = parseJunitXml(fixture('node-test-junit.xml'), [FIXTURE_ROOT], 'node-test');
    expect(tests.map(({ durationMs: _d, ...t }) => t)).toEqual([
      {
        id: 'test/broken.test.js::(file)',
        name: '(file)',
        file: 'test/broken.test.js',
        status: 'errored',
        message: 'the test file failed to load or exited with an error (see the output)',
      },
      { id: 'test/math.test.js::math > adds', name: 'math > adds', file: 'test/math.test.js', status: 'passed' },
      {
        id: 'test/math.test.js::math > fails',
        name: 'math > fails',
        file: 'test/math.test.js',
        status: 'failed',
        message: 'AssertionError: Expected values to be strictly equal:\n\n3 !== 4',
        stack: 'at TestContext.<anonymous> (test/math.test.js:5:30)',
        line: 5,
      },
      {
        id: 'test/math.test.js::math > errors',
        name: 'math > errors',
        file: 'test/math.test.js',
        status: 'failed',
        message: "TypeError: Cannot read properties of null (reading 'x')",
        stack: 'at TestContext.<anonymous> (test/math.test.js:6:29)',
        line: 6,
      },
      { id: 'test/math.test.js::math > skipped', name: 'math > skipped', file: 'test/math.test.js', status: 'skipped' },
      {
        id: 'test/math.test.js::math > slow',
        name: 'math > slow',
        file: 'test/math.test.js',
        status: 'failed',
        message: 'test timed out after 200ms',
      },
      { id: 'test/other.test.js::other passes', name: 'other passes', file: 'test/other.test.js', status: 'passed' },
    ]);
  });

  it('reads pytest xunit1 output as node ids, with setup errors as errored and the failure line', () => {
    const { tests } = parseJunitXml(fixture('pytest-junit.xml'), [FIXTURE_ROOT], 'pytest');
    expect(tests.map((t) => [t.id, t.status, t.line])).toEqual([
      ['tests/test_calc.py::test_adds', 'passed', undefined],
      ['tests/test_calc.py::test_fails', 'failed', 8],
      ['tests/test_calc.py::test_errors', 'failed', 11],
      ['tests/test_calc.py::test_fixture_error', 'errored', 15],
      ['tests/test_calc.py::test_skipped', 'skipped', undefined],
      ['tests/test_calc.py::TestGroup::test_param[1]', 'passed', undefined],
      ['tests/test_calc.py::TestGroup::test_param[2]', 'failed', 27],
    ]);
    expect(tests[1]).toMatchObject({
      name: 'test_fails',
      file: 'tests/test_calc.py',
      message:
        'assert 3 == 4\n +  where 3 = add(1, 2)\n\ndef test_fails():\n>       assert add(1, 2) == 4\nE       assert 3 == 4\nE        +  where 3 = add(1, 2)\n\ntests/test_calc.py:8: AssertionError',
    });
    expect(tests[3]?.message).toMatch(/^failed on setup with "RuntimeError: fixture boom"/);
  });

  it('reads a pytest collection error as an errored file', () => {
    const { tests } = parseJunitXml(fixture('pytest-junit-collection-error.xml'), [FIXTURE_ROOT], 'pytest');
    expect(tests).toHaveLength(1);
    expect(tests[0]).toMatchObject({
      id: 'tests/test_broken.py::(file)',
      file: 'tests/test_broken.py',
      status: 'errored',
      line: 1,
    });
    expect(tests[0]?.message).toContain("ModuleNotFoundError: No module named 'missing_module'");
    expect(tests[0]?.message).toContain("ImportError while importing test module 'tests/test_broken.py'");
  });

  it('reads generic JUnit (surefire style): classname when there is no file, CDATA bodies, a lone testsuite root', () => {
    const xml = `<?xml version="1.0"?>
<testsuite name="com.example.CalcTest" tests="3">
  <testcase classname="com.example.CalcTest" name="adds" time="0.012"/>
  <testcase classname="com.example.CalcTest" name="divides" time="0.003">
    <failure message="expected:&lt;2&gt; but was:&lt;3&gt;" type="AssertionError"><![CDATA[java.lang.AssertionError: expected:<2> but was:<3>
\tat com.example.CalcTest.divides(CalcTest.java:21)]]></failure>
  </testcase>
  <testcase classname="com.example.CalcTest" name="later"><skipped/></testcase>
</testsuite>`;
    expect(parseJunitXml(xml, [], 'generic').tests).toEqual([
      {
        id: 'com.example.CalcTest::adds',
        name: 'com.example.CalcTest > adds',
        file: null,
        status: 'passed',
        durationMs: 12,
      },
      {
        id: 'com.example.CalcTest::divides',
        name: 'com.example.CalcTest > divides',
        file: null,
        status: 'failed',
        durationMs: 3,
        message: 'java.lang.AssertionError: expected:<2> but was:<3>',
        stack: 'at com.example.CalcTest.divides(CalcTest.java:21)',
      },
      { id: 'com.example.CalcTest::later', name: 'com.example.CalcTest > later', file: null, status: 'skipped' },
    ]);
  });

  it('rejects XML that is not JUnit', () => {
    expect(() => parseJunitXml('<coverage/>', [], 'generic')).toThrow('not a JUnit report: root element is <coverage>');
    expect(looksLikeJunit('<coverage/>')).toBe(false);
    expect(looksLikeJunit('<testsuites><testsuite><testcase name="a"/></testsuite></testsuites>')).toBe(true);
    expect(looksLikeJunit('not xml <')).toBe(false);
  });
});
