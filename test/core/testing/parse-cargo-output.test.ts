import { describe, expect, it } from 'vitest';
import { parseCargoOutput } from '../../../src/core/testing/parse-cargo-output.ts';
import { FIXTURE_ROOT, fixture } from './fixture.ts';

describe('parseCargoOutput', () => {
  it('reads real libtest output: per-binary files, panics with file and line, ignored tests', () => {
    expect(parseCargoOutput(fixture('cargo-test-output.txt'), [FIXTURE_ROOT]).tests).toEqual([
      { id: 'src/lib.rs::tests::adds', name: 'tests::adds', file: 'src/lib.rs', status: 'passed' },
      {
        id: 'src/lib.rs::tests::errors',
        name: 'tests::errors',
        file: 'src/lib.rs',
        status: 'failed',
        line: 22,
        message: 'panicked at src/lib.rs:22:18:\nindex out of bounds: the len is 0 but the index is 3',
      },
      { id: 'src/lib.rs::tests::expected_panic', name: 'tests::expected_panic', file: 'src/lib.rs', status: 'passed' },
      {
        id: 'src/lib.rs::tests::fails',
        name: 'tests::fails',
        file: 'src/lib.rs',
        status: 'failed',
        line: 16,
        message: 'panicked at src/lib.rs:16:9:\nassertion `left == right` failed\n  left: 3\n right: 4',
      },
      { id: 'src/lib.rs::tests::skipped', name: 'tests::skipped', file: 'src/lib.rs', status: 'skipped' },
      {
        id: 'tests/integration.rs::integration_fails',
        name: 'integration_fails',
        file: 'tests/integration.rs',
        status: 'failed',
        line: 8,
        message: 'panicked at tests/integration.rs:8:5:\nmath is broken: 4',
      },
      {
        id: 'tests/integration.rs::integration_passes',
        name: 'integration_passes',
        file: 'tests/integration.rs',
        status: 'passed',
      },
    ]);
  });

  it('names doc-tests by their file', () => {
    const text =
      '   Doc-tests calc\n\nrunning 1 test\ntest src/lib.rs - add (line 3) ... ok\n\ntest result: ok. 1 passed\n';
    expect(parseCargoOutput(text, []).tests).toEqual([
      {
        id: 'src/lib.rs::src/lib.rs - add (line 3)',
        name: 'src/lib.rs - add (line 3)',
        file: 'src/lib.rs',
        status: 'passed',
      },
    ]);
  });

  it('throws on a build error, where no test binary ran', () => {
    expect(() => parseCargoOutput(fixture('cargo-test-build-error.txt'), [FIXTURE_ROOT])).toThrow(
      'no cargo test output found',
    );
  });
});
