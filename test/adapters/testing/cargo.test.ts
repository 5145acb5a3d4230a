import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../setup/require-tool.ts';
import { createProject, runnerFor, stable, type Project, type RunnerFixture } from './project.ts';

// cargo is usually a rustup proxy that finds its toolchain through RUSTUP_HOME/CARGO_HOME
// (default: under HOME, which the sandbox replaces), so the test passes them by name.
const rustupHome = process.env.RUSTUP_HOME ?? join(homedir(), '.rustup');
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');

describe.runIf(await requireTool('cargo'))('cargo adapter (real crate)', () => {
  let project: Project;
  let fixture: RunnerFixture;
  let target: string;

  beforeAll(async () => {
    target = mkdtempSync(join(tmpdir(), 'greenlight-cargo-target-'));
    project = createProject({
      'Cargo.toml': '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n',
      'src/lib.rs': `pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    fn fails() {
        assert_eq!(add(1, 2), 4);
    }

    #[test]
    fn errors() {
        let v: Vec<i32> = Vec::new();
        let _ = v[3];
    }

    #[test]
    #[ignore]
    fn skipped() {}
}
`,
      'tests/api.rs': '#[test]\nfn api_adds() {\n    assert_eq!(calc::add(2, 2), 4);\n}\n',
    });
    fixture = await runnerFor(project, {
      env: {
        RUSTUP_HOME: rustupHome,
        CARGO_HOME: cargoHome,
        CARGO_TARGET_DIR: target,
        PATH: `${join(cargoHome, 'bin')}:${process.env.PATH ?? ''}`,
      },
    });
  });
  afterAll(async () => {
    await fixture.close();
    project.remove();
    rmSync(target, { recursive: true, force: true });
  });

  it('builds and runs the crate and reads libtest output into an exact report', async () => {
    const report = await fixture.runner.run();
    expect(stable(report)).toEqual({
      runner: 'cargo',
      command: 'cargo test --no-fail-fast 2>&1',
      crashed: false,
      structured: true,
      exitCode: 101,
      timedOut: false,
      durationMs: 0,
      scope: 'all',
      outputTail: '<output>',
      totals: { passed: 2, failed: 2, errored: 0, skipped: 1, total: 5 },
      tests: [
        { id: 'src/lib.rs::tests::adds', name: 'tests::adds', file: 'src/lib.rs', status: 'passed' },
        {
          id: 'src/lib.rs::tests::errors',
          name: 'tests::errors',
          file: 'src/lib.rs',
          status: 'failed',
          line: 22,
          message: 'panicked at src/lib.rs:22:18:\nindex out of bounds: the len is 0 but the index is 3',
        },
        {
          id: 'src/lib.rs::tests::fails',
          name: 'tests::fails',
          file: 'src/lib.rs',
          status: 'failed',
          line: 16,
          message: 'panicked at src/lib.rs:16:9:\nassertion `left == right` failed\n  left: 3\n right: 4',
        },
        { id: 'src/lib.rs::tests::skipped', name: 'tests::skipped', file: 'src/lib.rs', status: 'skipped' },
        { id: 'tests/api.rs::api_adds', name: 'api_adds', file: 'tests/api.rs', status: 'passed' },
      ],
    });
  });

  it('reruns named tests with exact filters', async () => {
    const report = await fixture.runner.run({ tests: ['src/lib.rs::tests::adds'] });
    expect(report.command).toBe('cargo test --no-fail-fast -- --exact tests::adds 2>&1');
    expect(report.tests.map((t) => [t.id, t.status])).toEqual([['src/lib.rs::tests::adds', 'passed']]);
    expect(report.exitCode).toBe(0);
  });

  it('reports a build error as a crash', async () => {
    project.write('tests/broken.rs', 'fn broken( {\n');
    try {
      const report = await fixture.runner.run();
      expect(report).toMatchObject({ crashed: true, structured: false, exitCode: 101 });
      expect(report.outputTail).toContain('error: could not compile');
      expect(report.notes).toEqual([
        'the cargo report could not be read (no cargo test output found)',
        'no machine-readable test report: the result comes from the exit code and output',
      ]);
    } finally {
      rmSync(join(project.root, 'tests/broken.rs'));
    }
  });
});
