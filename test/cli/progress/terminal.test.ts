/**
 * The CLI process on a real terminal: `script` (util-linux) gives it a pseudo-terminal,
 * and one of stdout and stderr is redirected to a file, the way people run
 * `greenlight run … > result.txt` or `… 2> progress.log`. Progress goes to stderr, so the
 * live line is redrawn only when stderr is the terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/adapters/sandbox/find-executable.ts';
import { requireTool } from '../../setup/require-tool.ts';

const haveTools = (await requireTool('bwrap')) && (await requireTool('script'));
const script = await findExecutable('script', process.env.PATH);
const CLI = resolve(import.meta.dirname, '../../../src/cli/run-cli.ts');
const ERASE = '\u001b[1A\u001b[2K';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs `greenlight demo` under a pseudo-terminal, `redirect` sending one stream to a file. */
function demoOnTerminal(redirect: '>' | '2>'): { terminal: string; file: string } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-terminal-test-')));
  temps.push(dir);
  const file = join(dir, 'redirected.txt');
  const command = `'${process.execPath}' '${CLI}' demo ${redirect} '${file}'`;
  const result = spawnSync(script!, ['-qec', command, '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: process.env.HOME,
      TERM: 'xterm',
    },
  });
  expect(result.status, result.stderr).toBe(0);
  return { terminal: result.stdout, file: readFileSync(file, 'utf8') };
}

describe.runIf(haveTools)('the CLI on a terminal', () => {
  it('redraws the live status line when stderr is the terminal, even with stdout redirected', () => {
    const { terminal, file } = demoOnTerminal('>');
    expect(terminal).toContain(ERASE);
    // Each round's own counts replace the earlier ones, which are named as such meanwhile.
    expect(terminal).toMatch(/iterations … · round 1\/3 · tests 3\/3 passing before any change · 0 tokens/);
    expect(terminal).toMatch(/round 1\/3 · related tests 4\/5 passing · [\d,]+ tokens/);
    expect(terminal).toMatch(/round 2\/3 · related tests 4\/5 passing in round 1 · [\d,]+ tokens/);
    expect(terminal).toMatch(/round 2\/3 · tests 8\/8 passing · [\d,]+ tokens/);
    expect(file).not.toContain('\u001b');
  });

  it('writes plain lines when stderr is redirected, even with stdout on the terminal', () => {
    const { terminal, file } = demoOnTerminal('2>');
    expect(file).not.toContain('\u001b');
    const lines = file.split('\n');
    expect(lines).toContain('✓ baseline — 3 passed');
    expect(lines).toEqual(
      expect.arrayContaining([
        'iterations … · round 1/3 · tests 3/3 passing before any change · 0 tokens · $0.0000',
        expect.stringMatching(/^iterations … · round 1\/3 · related tests 4\/5 passing · [\d,]+ tokens/),
        expect.stringMatching(/^iterations … · round 2\/3 · related tests 4\/5 passing in round 1 · [\d,]+ tokens/),
        expect.stringMatching(/^iterations … · round 2\/3 · tests 8\/8 passing · [\d,]+ tokens/),
      ]),
    );
    expect(terminal).not.toContain(ERASE);
  });
});
