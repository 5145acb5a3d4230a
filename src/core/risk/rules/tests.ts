/**
 * Tests and fixtures are `low`, but anything that makes fewer tests run is at least
 * `medium`: deleting a test file or a test case, moving a test out of the test tree,
 * adding a skipped test or skipping one, focusing tests (`.only`). Renaming or moving a
 * test is not deleting it: a test name removed in one place and added in another
 * (anywhere in the change) still runs.
 */
import { isTestCodePath, isTestPath, isTestSourcePath, isTestSupportPath } from '../path-sets.ts';
import type { ChangeFacts, FileFacts, RuleDefinition } from '../rule.ts';
import { testNames } from '../test-names.ts';

/** Skip and disable markers of vitest/jest/mocha/jasmine/playwright, pytest/unittest, go test, JUnit, RSpec/minitest, cargo test. */
const SKIP_MARKERS: readonly RegExp[] = [
  /\b(?:it|test|describe|context|suite|specify|scenario)\.(?:skip|skipIf|fixme)\b/,
  /(?:^|[^\w.$])x(?:it|test|describe|context|specify|scenario)\s*\(/m,
  /(?:^|[^\w.$])pending\s*\(/m,
  /@pytest\.mark\.(?:skip|skipif|xfail)\b/,
  /@(?:unittest\.)?(?:skip|skipIf|skipUnless|expectedFailure)\b/,
  /\bpytest\.(?:skip|xfail|importorskip)\s*\(/,
  /\.skipTest\s*\(/,
  /\braise\s+(?:unittest\.)?SkipTest\b/,
  /^\s*pytestmark\s*=.*\b(?:skip|xfail)/m,
  /\b[tb]\.Skip(?:f|Now)?\s*\(/,
  /@(?:Disabled|Ignore)\b/,
  /@(?:Disabled|Enabled)(?:If|On|For)\w*/,
  /\bassume(?:True|False|That)\s*\(/,
  /\bAssumptions\.assum/,
  /^\s*(?:skip|pending)(?:\s*\(|\s+['"]|\s*$)/m,
  /\b(?:skip|pending):\s*(?:true|['"])/,
  /#\[ignore\b/,
];

/** Focus markers: every other test stops running. */
const FOCUS_MARKERS: readonly RegExp[] = [
  /\b(?:it|test|describe|context|suite|specify)\.only\b/,
  /(?:^|[^\w.$])f(?:it|describe|context)\s*\(/m,
  /\bfocus:\s*true\b/,
  /(?:^|[\s,]):focus\b/m,
];

/** Test files, and Rust sources with inline test modules. */
const holdsTests = (file: FileFacts) =>
  file.isTest || (file.extension === 'rs' && /#\[(?:cfg\(test\)|test)\]/.test(file.text ?? file.added));

/** True when test names removed here do not reappear anywhere in the change. */
function removesTestCases(file: FileFacts, change: ChangeFacts): boolean {
  return testNames(file.change.removedLines).some((name) => !change.addedTestNames.has(name));
}

/** A deleted test file removes tests unless each test it declared reappears elsewhere. */
function deletesTests(file: FileFacts, change: ChangeFacts): boolean {
  if (file.change.status !== 'deleted' || !isTestSourcePath(file.path)) return false;
  const names = testNames(file.change.removedLines);
  if (names.length === 0) return file.change.removedLines.some((line) => line.trim() !== ''); // cannot tell: fail closed
  return names.some((name) => !change.addedTestNames.has(name));
}

export const testRiskRules: readonly RuleDefinition[] = [
  {
    name: 'test-deleted',
    tier: 'medium',
    category: 'tests',
    reason: 'deletes a test file: the tests it declared stop running',
    when: deletesTests,
    condition: 'a deleted test file whose tests do not reappear elsewhere in the change',
  },
  {
    name: 'test-moved-out',
    tier: 'medium',
    category: 'tests',
    reason: 'moves a test file out of the test tree, so the test runner stops finding it',
    when: (file) =>
      file.change.status === 'renamed' &&
      file.change.previousPath !== undefined &&
      isTestSourcePath(file.change.previousPath) &&
      !isTestPath(file.change.path),
    condition: 'a rename from a test path to a path outside the test tree',
  },
  {
    name: 'test-case-removed',
    tier: 'medium',
    category: 'tests',
    reason: 'removes test cases that do not reappear elsewhere in the change',
    when: (file, change) =>
      file.change.status !== 'deleted' && isTestSourcePath(file.path) && removesTestCases(file, change),
    condition: 'a test file that loses test cases which do not reappear elsewhere in the change',
  },
  {
    name: 'test-skipped',
    tier: 'medium',
    category: 'tests',
    reason: 'adds a skipped or disabled test, or skips an existing one',
    content: SKIP_MARKERS,
    except: ['docs'],
    when: holdsTests,
    condition: 'a test file (or a Rust file with inline tests)',
  },
  {
    name: 'test-focused',
    tier: 'medium',
    category: 'tests',
    reason: 'focuses tests (.only, fit): every other test stops running',
    content: FOCUS_MARKERS,
    except: ['docs'],
    when: holdsTests,
    condition: 'a test file (or a Rust file with inline tests)',
  },
];

export const testRules: readonly RuleDefinition[] = [
  {
    name: 'test-file',
    tier: 'low',
    category: 'tests',
    reason: 'tests only: generated tests must pass reliably',
    // path-sets.ts TEST_DIRS and TEST_FILES, minus documentation
    when: (file) => isTestCodePath(file.path) && !file.isDoc,
    condition: 'a test path (test folders and test file names), not documentation',
  },
  {
    name: 'test-fixture',
    tier: 'low',
    category: 'tests',
    reason: 'test fixtures, snapshots and golden files',
    // path-sets.ts TEST_SUPPORT
    when: (file) => isTestSupportPath(file.path),
    condition: 'a fixture, snapshot or golden-file path',
  },
];
