import { parseCargoOutput } from '../../../core/testing/parse-cargo-output.ts';
import { joinShellWords } from '../../../core/testing/shell-words.ts';
import type { RunnerInvocation } from '../../../core/testing/test-plan.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { CANNOT_NARROW } from '../select-test-files.ts';

/** cargo test with every test binary run (`--no-fail-fast`) and libtest filters after `--`. */
function cargoWords(inv: RunnerInvocation, filters: readonly string[]): string[] {
  const separator = inv.args.indexOf('--');
  const cargoArgs = separator < 0 ? inv.args : inv.args.slice(0, separator);
  const testArgs = separator < 0 ? [] : inv.args.slice(separator + 1);
  const libtest = [...testArgs, ...(filters.length > 0 ? ['--exact', ...filters] : [])];
  return [
    ...inv.env,
    ...inv.launcher,
    ...inv.program,
    ...cargoArgs,
    ...(cargoArgs.includes('--no-fail-fast') ? [] : ['--no-fail-fast']),
    ...(libtest.length > 0 ? ['--', ...libtest] : []),
  ];
}

/**
 * cargo test: stable Rust has no machine-readable test output, so libtest's text is
 * parsed. stderr is merged into stdout (`2>&1`) because cargo names each test binary
 * on stderr and its results on stdout. Changed files run everything (cargo builds the
 * whole crate anyway); named tests run with exact filters.
 */
export const cargoAdapter: RunnerAdapter = {
  id: 'cargo',
  reportExpected: true,
  prepare({ plan, selection }) {
    const inv = plan.invocation;
    if (inv === null || plan.script !== null) {
      return { command: plan.command, env: {}, scope: 'all', notes: selection.tests?.length ? [CANNOT_NARROW] : [] };
    }
    const named = (selection.tests ?? [])
      .map((id) => (id.includes('::') ? id.slice(id.indexOf('::') + 2) : id))
      .filter((n) => n !== '');
    const notes =
      named.length === 0 && (selection.changedFiles?.length ?? 0) > 0
        ? ['cargo has no related-tests mode, so the whole suite ran']
        : [];
    return {
      command: `${joinShellWords(cargoWords(inv, named))} 2>&1`,
      env: {},
      scope: named.length > 0 ? 'tests' : 'all',
      notes,
    };
  },
  parse({ stdout, stderr, roots }) {
    return parseCargoOutput(`${stdout}\n${stderr}`, roots);
  },
};
