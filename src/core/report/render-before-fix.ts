/**
 * The report's answer to "does the fix reproduce the bug?" (docs/architecture.md "Proof
 * that a fix reproduces the bug"): per new or changed test, whether it fails against the
 * base. For tests written for existing code the question turns around: they should pass
 * there.
 */
import type { BeforeFixRecord, BeforeFixTestRecord } from '../../ports/audit.ts';
import { cell, inlineCode, plural } from './format.ts';

const MAX_ROWS = 30;

/**
 * @example
 * renderBeforeFix({ expectation: 'fail', required: false, reverted: ['src/add.ts'], met: true, timedOut: false,
 *   tests: [{ id: 'test/add.test.js::adds', origin: 'new', before: 'failed' }] })
 * // '### Does the fix reproduce the bug?\n\n…| `test/add.test.js::adds` | new | **yes** (failed) |…'
 */
export function renderBeforeFix(record: BeforeFixRecord): string {
  const fix = record.expectation === 'fail';
  const lines = [fix ? '### Does the fix reproduce the bug?' : '### Do the new tests pass on the code as it was?', ''];
  if (record.tests.length === 0) {
    lines.push(
      fix
        ? `No test of the change fails or passes differently without it: it adds or changes no test that could show the bug.${required(record)}`
        : 'The change adds or changes no test.',
    );
    return lines.join('\n');
  }
  lines.push(
    record.reverted.length === 0
      ? 'The change touches only tests, so the code before it is the code they passed on.'
      : `The engine ran the new and changed tests again, against the base with the change's other files put back as they were (${listPaths(record.reverted)}).`,
    '',
    `| Test | Origin | ${fix ? 'Fails before the fix' : 'Passes before the change'} |`,
    '| --- | --- | --- |',
    ...record.tests.slice(0, MAX_ROWS).map((t) => `| ${cell(inlineCode(t.id))} | ${t.origin} | ${answer(t, fix)} |`),
  );
  if (record.tests.length > MAX_ROWS) lines.push('', `…and ${record.tests.length - MAX_ROWS} more.`);
  lines.push('', verdict(record));
  return lines.join('\n');
}

function answer(test: BeforeFixTestRecord, fix: boolean): string {
  const fails = test.before !== 'passed' && test.before !== 'skipped';
  const how = test.before === 'missing' ? 'did not run' : test.before;
  return `${fails === fix ? '**yes**' : 'no'} (${how})`;
}

function verdict(record: BeforeFixRecord): string {
  if (record.timedOut) return `The run against the base timed out, so it proves nothing.${required(record)}`;
  const failing = record.tests.filter((t) => t.before !== 'passed' && t.before !== 'skipped').length;
  if (record.expectation === 'fail') {
    return record.met
      ? `${plural(failing, 'test')} of ${record.tests.length} ${failing === 1 ? 'fails' : 'fail'} without the fix and ${failing === 1 ? 'passes' : 'pass'} with it: the fix is shown to change what ${failing === 1 ? 'it checks' : 'they check'}.`
      : `None of them fails without the fix, so none shows the bug it is for.${required(record)}`;
  }
  return record.met
    ? 'Every one of them passes on the code as it was: they describe existing behaviour, as tests for existing code should.'
    : `${plural(failing, 'test')} of ${record.tests.length} ${failing === 1 ? 'fails' : 'fail'} on the code as it was: ${failing === 1 ? 'it depends' : 'they depend'} on the change's edits to non-test files, which a reviewer should check.`;
}

function required(record: BeforeFixRecord): string {
  return record.required ? ' `verify.requireFailBeforeFix` does not accept that.' : '';
}

function listPaths(paths: readonly string[]): string {
  const shown = paths.slice(0, 10).map(inlineCode).join(', ');
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}
