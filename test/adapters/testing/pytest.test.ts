import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../setup/require-tool.ts';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

const PYTEST = '/usr/bin/python3 -m pytest';

describe.runIf(await requireTool('pytest'))('pytest adapter (real project)', () => {
  let project: Project;
  let fixture: RunnerFixture;

  beforeAll(async () => {
    project = createProject({
      'pyproject.toml': '[tool.pytest.ini_options]\npythonpath = ["."]\n',
      'pkg/__init__.py': '',
      'pkg/calc.py': 'def add(a, b):\n    return a + b\n',
      'tests/test_calc.py': `import time
import pytest
from pkg.calc import add

def test_adds():
    assert add(1, 2) == 3

def test_fails():
    assert add(1, 2) == 4

def test_errors():
    None.x

@pytest.fixture
def broken():
    raise RuntimeError("fixture boom")

def test_fixture_error(broken):
    pass

@pytest.mark.skip(reason="not yet")
def test_skipped():
    pass

class TestGroup:
    @pytest.mark.parametrize("n", [1, 2])
    def test_param(self, n):
        assert n == 1
`,
      'tests/test_other.py': 'def test_other():\n    assert True\n',
    });
    // Debian's pytest, named explicitly: python3 on PATH may be a pyenv shim that needs the engine's HOME.
    fixture = await runnerFor(project, { command: PYTEST });
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
  });

  it('runs the suite and reads --junitxml into an exact report, leaving no cache or bytecode behind', async () => {
    const report = await fixture.runner.run();
    expect(stable(report)).toEqual({
      runner: 'pytest',
      command: `PYTEST_ADDOPTS='--junitxml=<reports>/pytest.xml -o junit_family=xunit1 -p no:cacheprovider' PYTHONDONTWRITEBYTECODE=1 ${PYTEST}`,
      crashed: false,
      structured: true,
      exitCode: 1,
      timedOut: false,
      durationMs: 0,
      scope: 'all',
      outputTail: '<output>',
      totals: { passed: 3, failed: 3, errored: 1, skipped: 1, total: 8 },
      tests: [
        { id: 'tests/test_calc.py::test_adds', name: 'test_adds', file: 'tests/test_calc.py', status: 'passed' },
        {
          id: 'tests/test_calc.py::test_fails',
          name: 'test_fails',
          file: 'tests/test_calc.py',
          status: 'failed',
          line: 9,
          message:
            'assert 3 == 4\n +  where 3 = add(1, 2)\n\ndef test_fails():\n>       assert add(1, 2) == 4\nE       assert 3 == 4\nE        +  where 3 = add(1, 2)\n\ntests/test_calc.py:9: AssertionError',
        },
        {
          id: 'tests/test_calc.py::test_errors',
          name: 'test_errors',
          file: 'tests/test_calc.py',
          status: 'failed',
          line: 12,
          message:
            "def test_errors():\n>       None.x\nE       AttributeError: 'NoneType' object has no attribute 'x'\n\ntests/test_calc.py:12: AttributeError",
        },
        {
          id: 'tests/test_calc.py::test_fixture_error',
          name: 'test_fixture_error',
          file: 'tests/test_calc.py',
          status: 'errored',
          line: 16,
          message:
            'failed on setup with "RuntimeError: fixture boom"\n\n@pytest.fixture\n    def broken():\n>       raise RuntimeError("fixture boom")\nE       RuntimeError: fixture boom\n\ntests/test_calc.py:16: RuntimeError',
        },
        { id: 'tests/test_calc.py::test_skipped', name: 'test_skipped', file: 'tests/test_calc.py', status: 'skipped' },
        {
          id: 'tests/test_calc.py::TestGroup::test_param[1]',
          name: 'TestGroup::test_param[1]',
          file: 'tests/test_calc.py',
          status: 'passed',
        },
        {
          id: 'tests/test_calc.py::TestGroup::test_param[2]',
          name: 'TestGroup::test_param[2]',
          file: 'tests/test_calc.py',
          status: 'failed',
          line: 28,
          message: expect.stringMatching(
            /^self = <test_calc.TestGroup object at 0x[0-9a-f]+>, n = 2\n[\s\S]*tests\/test_calc.py:28: AssertionError$/,
          ),
        },
        { id: 'tests/test_other.py::test_other', name: 'test_other', file: 'tests/test_other.py', status: 'passed' },
      ],
    });
    expect(existsSync(join(project.root, '.pytest_cache'))).toBe(false);
    expect(existsSync(join(project.root, 'tests', '__pycache__'))).toBe(false);
    expect(report.outputTail).toContain('rootdir: .');
  });

  it('reruns named tests by node id', async () => {
    const report = await fixture.runner.run({
      tests: ['tests/test_calc.py::TestGroup::test_param[2]', 'tests/test_other.py::test_other'],
    });
    expect(report.command).toMatch(
      /-m pytest 'tests\/test_calc.py::TestGroup::test_param\[2\]' tests\/test_other.py::test_other$/,
    );
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([
      ['tests/test_calc.py::TestGroup::test_param[2]', 'failed'],
      ['tests/test_other.py::test_other', 'passed'],
    ]);
  });

  it('runs the test file named after a changed module', async () => {
    const report = await fixture.runner.run({ changedFiles: ['pkg/calc.py'] });
    expect(report.scope).toBe('related');
    expect(report.command).toMatch(/ tests\/test_calc.py$/);
    expect(new Set(report.tests.map((t) => t.file))).toEqual(new Set(['tests/test_calc.py']));
  });

  it('reports a collection error as a crash with the broken file errored', async () => {
    project.write('tests/test_broken.py', 'import missing_module\n');
    try {
      const report = await fixture.runner.run();
      expect(report).toMatchObject({ crashed: true, structured: true, exitCode: 2, totals: { errored: 1, total: 1 } });
      expect(report.tests[0]).toMatchObject({ id: 'tests/test_broken.py::(file)', status: 'errored', line: 1 });
    } finally {
      project.write('tests/test_broken.py', '');
    }
  });
});
