import { describe, expect, it } from 'vitest';
import { parseGoTestJson } from '../../../src/core/testing/parse-go-test-json.ts';
import { FIXTURE_ROOT, fixture } from './fixture.ts';

describe('parseGoTestJson', () => {
  const { tests } = parseGoTestJson(fixture('go-test.jsonl'), [FIXTURE_ROOT], 'example.com/calc');

  it('reports leaf tests per package directory, with file and line of failures', () => {
    expect(tests.map((t) => [t.id, t.status, t.file, t.line])).toEqual([
      ['.::TestAdd', 'passed', null, undefined],
      ['.::TestDiv', 'failed', 'calc_test.go', 15],
      ['.::TestSkip', 'skipped', 'calc_test.go', undefined],
      ['.::TestTable/positive', 'passed', null, undefined],
      ['.::TestTable/negative', 'failed', 'calc_test.go', 27],
      ['.::TestPanics', 'failed', 'calc_test.go', 33],
      ['slow::TestQuick', 'passed', null, undefined],
      ['slow::TestSlow', 'failed', null, undefined],
      ['parse::(package)', 'errored', null, undefined],
    ]);
  });

  it('keeps the failure text without go test framing lines', () => {
    expect(tests[1]?.message).toBe('calc_test.go:15: Div(1, 0) = 0, want an error');
    expect(tests[2]?.message).toBe('calc_test.go:20: needs a database');
    expect(tests[5]?.message).toMatch(/^panic: runtime error: index out of range \[3\] with length 0 \[recovered\]/);
    expect(tests[5]?.message).toContain('calc_test.go:33 +0x1d');
  });

  it('reports a test cut off by the package timeout, and a build failure, as failures', () => {
    expect(tests[7]?.message).toMatch(/^did not finish: panic: test timed out after 1s/);
    expect(tests[8]?.message).toBe(
      '# example.com/calc/parse [example.com/calc/parse.test]\nparse/parse.go:7:9: undefined: strconv',
    );
  });

  it('uses import paths when the module path is unknown', () => {
    const ids = parseGoTestJson(fixture('go-test.jsonl'), [FIXTURE_ROOT]).tests.map((t) => t.id);
    expect(ids[0]).toBe('example.com/calc::TestAdd');
  });

  it('rejects output without test events', () => {
    expect(() => parseGoTestJson('ok  \texample.com/x\t0.1s\n', [])).toThrow('no go test -json events in the output');
  });
});
