import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materializeExample } from '../../src/compose/replay-checkout.ts';
import { EXAMPLE_DIR, TRANSCRIPT } from '../../src/demo/demo-files.ts';
import { demo, git, tempDir } from './demo-harness.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';

const haveBwrap = await requireTool('bwrap');

const root = join(import.meta.dirname, '../..');
const transcriptLines = (): string[] => readFileSync(join(root, TRANSCRIPT), 'utf8').trim().split('\n');

/** The example as a git repository (the demo's base commit) and a transcript file next to it. */
async function setUp(lines: string[]): Promise<{ repo: string; log: string }> {
  const dir = tempDir();
  const repo = join(dir, 'shop');
  await materializeExample(join(root, EXAMPLE_DIR), repo);
  const log = join(dir, 'audit.jsonl');
  writeFileSync(log, lines.join('\n'));
  return { repo, log };
}

describe('greenlight demo --replay', () => {
  it('stops with a clear error when the transcript is cut off, and keeps the unverified work on a branch of the clone', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const lines = transcriptLines();
    const responses = lines.filter((line) => line.includes('"kind":"model-response"'));
    const third = lines.indexOf(responses[2] ?? '');
    // three responses (the whole first round), then half of the next record: a log whose writer died mid-line
    const { repo, log } = await setUp([...lines.slice(0, third + 1), (lines[third + 1] ?? '').slice(0, 40)]);

    const result = await demo(['--replay', log, '--repo', repo]);

    expect(result.code).toBe(2);
    const message = result.err.split('\n').find((line) => line.startsWith('greenlight demo: ')) ?? '';
    expect(message).toContain(
      `greenlight demo: The replay stopped: the run asked for model turn 4, but ${log} has only 3 recorded model responses. ` +
        'It ends without a run-end record and its last line is cut off: the log is incomplete (the recorded run crashed or the file was truncated), so the replay cannot go on.',
    );
    const clone = /Replaying in (\S+),/.exec(result.err)?.[1] ?? '';
    expect(message).toContain(
      `The work done before the error is kept on branch greenlight/issue-1-add-unit-tests-for-carttotal (not verified). (The replay ran in ${clone}.)`,
    );
    expect(git(clone, 'log', '-1', '--format=%b', 'greenlight/issue-1-add-unit-tests-for-carttotal')).toContain(
      'Work in progress, not verified: The replay stopped',
    );
    // the user's repository is untouched
    expect(git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads')).toBe('main\n');
  });

  it('stops with a clear error when a recorded edit no longer applies', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    // the recorded str_replace now looks for text that the recorded create never wrote
    const lines = transcriptLines().map((line) =>
      line.replaceAll(
        '"old_str":"  // 15% of 999 is 149.85; the discount is cut',
        '"old_str":"  // 15% of 999 is 149.85; the discount is truncated',
      ),
    );
    expect(lines.join('\n')).toContain('the discount is truncated');
    const { repo, log } = await setUp(lines);

    const result = await demo(['--replay', log, '--repo', repo]);

    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `greenlight demo: The replay no longer matches ${log}: in model turn 4, tool call 1 (str_replace_based_edit_tool str_replace test/cart.test.js) failed in this replay but succeeded in the recorded run.\n` +
        'This replay: No change made to test/cart.test.js: old_str was not found in the file',
    );
    expect(result.err).toContain('\nRecorded: The file test/cart.test.js has been edited.');
  });

  it('stops at once, before any recorded response is used, when the tests before any change differ from the recording', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const lines = transcriptLines();
    const start = lines.findIndex((line) => line.includes('"kind":"run-start"'));
    // the recorded run saw 4 passing tests before any change; the example has 3
    const note =
      '{"at":"2026-01-01T00:00:01.000Z","event":{"kind":"note","message":"baseline","data":{"exitCode":0,"crashed":false,"totals":{"passed":4,"failed":0,"errored":0,"skipped":0,"total":4}}}}';
    const { repo, log } = await setUp([...lines.slice(0, start + 1), note, ...lines.slice(start + 1)]);

    const result = await demo(['--replay', log, '--repo', repo]);

    expect(result.code).toBe(2);
    expect(result.err).toContain(
      `greenlight demo: The replay no longer matches ${log}: the tests before any change differ from the recorded run's, so no recorded model response was used.\n` +
        'This replay: 3 passed, 0 failing, 0 skipped (exit code 0).\n' +
        'Recorded: 4 passed, 0 failing, 0 skipped (exit code 0).',
    );
  });

  it('reports, and exits 1, when the replay ends differently from the recording', async (test) => {
    skipWithout(test, haveBwrap, 'bubblewrap');
    const lines = transcriptLines();
    const last = lines.findLast((line) => line.includes('"kind":"model-response"')) ?? '';
    const extra = last.replace('"turn":5', '"turn":6');
    const { repo, log } = await setUp([
      ...lines.slice(0, -1),
      extra,
      '{"at":"2026-01-01T00:01:00.000Z","event":{"kind":"run-end","outcome":"gave-up","reason":"budget"}}',
    ]);

    const kept = join(tempDir(), 'kept');
    const result = await demo(['--replay', log, '--repo', repo, '--keep', kept]);

    expect(result.code).toBe(1);
    // a kept clone has its own objects: it survives the source repository
    expect(existsSync(join(kept, '.git/objects/info/alternates'))).toBe(false);
    rmSync(repo, { recursive: true, force: true });
    expect(git(kept, 'log', '--format=%s', 'greenlight-replay')).toBe('demo-shop: cart arithmetic in cents\n');
    expect(git(kept, 'fsck', '--no-progress', '--no-dangling')).toBe('');
    expect(result.out).toContain(
      'DIVERGED:    The replay used 5 of the 6 recorded model responses: this run ended (succeeded) where the recorded run went on.',
    );
    expect(result.out).toContain('DIVERGED:    The recorded run ended "gave-up", this replay "succeeded".');
    expect(result.out.trimEnd().split('\n').at(-1)).toBe(
      'REPLAY: the run did not follow the recording (see DIVERGED above).',
    );
  });

  it('refuses a run whose base commit is not in the checkout, and says how to get it', async () => {
    const lines = transcriptLines().map((line) => line.replace(/"base":"[0-9a-f]{40}"/, `"base":"${'ab'.repeat(20)}"`));
    const { repo, log } = await setUp(lines);

    const result = await demo(['--replay', log, '--repo', repo]);

    expect(result.code).toBe(2);
    expect(result.err).toContain(`greenlight demo: The recorded run started at abababababab, which is not in ${repo}`);
    expect(result.err).toContain('replay from a clone of the repository the run was made in, after git fetch');
  });

  it.each([
    [
      'no run-start',
      (lines: string[]) => lines.filter((line) => !line.includes('"run-start"')),
      'has no run-start record: it is not a greenlight audit log',
    ],
    [
      'no model response',
      (lines: string[]) => lines.filter((line) => !line.includes('"model-response"')),
      'has no model-response records: the recorded run never got an answer from the model',
    ],
    [
      'a gate run',
      (lines: string[]) => lines.map((line) => line.replace('"mode":"generate"', '"mode":"gate"')),
      'records a gate run; only generate and fix runs can be replayed',
    ],
    [
      'a response in another shape',
      (lines: string[]) => lines.map((line) => line.replace('"stopReason":"tool_use"', '"stopReason":"paused"')),
      'is not a ModelResponse: stopReason',
    ],
    ['a line that is not JSON', (lines: string[]) => [lines[0] ?? '', 'not json', ...lines.slice(1)], 'Line 2 of'],
  ])('refuses an audit log with %s before cloning anything', async (_name, edit, message) => {
    const { repo, log } = await setUp(edit(transcriptLines()));
    const result = await demo(['--replay', log, '--repo', repo]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).not.toContain('REPLAY:');
  });
});
