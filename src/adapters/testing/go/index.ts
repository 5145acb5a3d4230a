import { parseGoTestJson } from '../../../core/testing/parse-go-test-json.ts';
import { joinShellWords } from '../../../core/testing/shell-words.ts';
import { extendCommand } from '../extend-command.ts';
import type { RunnerAdapter } from '../runner-adapter.ts';
import { CANNOT_NARROW } from '../select-test-files.ts';

const isPackagePattern = (arg: string) => arg === '.' || arg.startsWith('./') || arg.includes('...');

function packagesOf(changed: readonly string[]): string[] {
  const dirs = changed
    .filter((f) => f.endsWith('.go'))
    .map((f) => (f.includes('/') ? `./${f.slice(0, f.lastIndexOf('/'))}/...` : '.'));
  return [...new Set(dirs)];
}

function modulePath(goMod: string | undefined): string | undefined {
  return goMod === undefined ? undefined : /^module\s+(\S+)/m.exec(goMod)?.[1];
}

/**
 * go test: `-json` on stdout (test2json events). Changed files run their packages
 * (`./pkg/...`); named tests run with `-run '^(TestA|TestB)$'` in their packages.
 */
export const goAdapter: RunnerAdapter = {
  id: 'go',
  reportExpected: true,
  prepare({ plan, selection }) {
    const all = extendCommand(plan, ['-json']) ?? plan.command;
    const named = selection.tests ?? [];
    let packages: string[] = [];
    let run: string[] = [];
    let scope: 'all' | 'related' | 'tests' = 'all';
    if (named.length > 0) {
      packages = [
        ...new Set(
          named
            .map((id) => id.slice(0, Math.max(0, id.indexOf('::'))))
            .filter((d) => d !== '')
            .map((d) => (d === '.' ? '.' : `./${d}`)),
        ),
      ];
      const names = [
        ...new Set(
          named.map((id) => id.slice(id.indexOf('::') + 2).split('/')[0] ?? '').filter((n) => /^\w+$/.test(n)),
        ),
      ];
      if (names.length > 0) run = ['-run', `^(${names.join('|')})$`];
      scope = 'tests';
    } else if (selection.changedFiles !== undefined && selection.changedFiles.length > 0) {
      packages = packagesOf(selection.changedFiles);
      scope = 'related';
      if (packages.length === 0)
        return { command: all, env: {}, scope: 'all', notes: ['no Go file changed, so the whole suite ran'] };
    }
    if (scope === 'all') return { command: all, env: {}, scope, notes: [] };
    const inv = plan.invocation;
    if (inv === null || plan.script !== null || packages.length === 0)
      return { command: all, env: {}, scope: 'all', notes: [CANNOT_NARROW] };
    const args = inv.args.filter((a) => !isPackagePattern(a));
    return {
      command: joinShellWords([...inv.env, ...inv.launcher, ...inv.program, ...args, ...run, ...packages, '-json']),
      env: {},
      scope,
      notes: [],
    };
  },
  parse({ stdout, roots, texts }) {
    if (!stdout.includes('"Action"')) return null;
    return parseGoTestJson(stdout, roots, modulePath(texts['go.mod']));
  },
};
