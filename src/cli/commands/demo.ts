/**
 * `greenlight demo [--replay AUDIT.jsonl [--repo DIR]] [--keep DIR] [--json]
 * [--sandbox auto|bwrap|none]`: the whole pipeline on the shipped example repository (or a
 * recorded run of the user's own), with the model's answers replayed. Wiring only: the
 * flows are `runDemo` and `replayAuditLog` (src/demo), the words `replayLabel` and
 * `renderDemoSummary`.
 */
import { resolve } from 'node:path';
import { GreenlightError } from '../../ports/errors.ts';
import { renderSandboxWarning } from '../../demo/sandbox-warning.ts';
import { demoSummaryJson } from '../../demo/demo-summary-json.ts';
import { replayAuditLog } from '../../demo/replay-audit-log.ts';
import { replayLabel, type ReplaySource } from '../../demo/replay-label.ts';
import { renderDemoSummary } from '../../demo/render-demo-summary.ts';
import { runDemo, type DemoSandbox, type DemoSandboxChoice } from '../../demo/run-demo.ts';
import type { ReplayRun } from '../../compose/run-replay.ts';
import type { CliCommand, CliIo, ParsedArgs } from '../command.ts';
import { createTerminalProgress } from '../progress/terminal-progress.ts';

const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function readSandbox(args: ParsedArgs): DemoSandboxChoice {
  const sandbox = string(args.values.sandbox) ?? 'auto';
  if (sandbox === 'auto' || sandbox === 'bwrap' || sandbox === 'none') return sandbox;
  throw new GreenlightError('usage', `--sandbox must be auto (the default), bwrap or none, got "${sandbox}"`);
}

function print(io: CliIo, json: boolean, run: ReplayRun, source: ReplaySource, sandbox: DemoSandbox | null): number {
  // Said again at the end, where a reader of the result looks (stderr beside JSON).
  const warning = sandbox === null ? null : renderSandboxWarning(sandbox);
  if (json) {
    io.out(JSON.stringify({ ...demoSummaryJson(run, source), ...(sandbox === null ? {} : { sandbox }) }, null, 2));
    if (warning !== null) io.err(warning);
  } else {
    io.out(['## Progress checklist', '', run.checklist].join('\n'));
    io.out(run.local.job.reportMarkdown);
    io.out(renderDemoSummary(run, source).join('\n'));
    if (warning !== null) io.out(warning);
  }
  return run.divergences.length === 0 ? 0 : 1;
}

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: [
    'Usage: greenlight demo [--keep DIR] [--json] [--sandbox auto|bwrap|none]',
    '       greenlight demo --replay AUDIT.jsonl [--repo DIR] [--keep DIR] [--json]',
    '',
    "Without --replay: copies greenlight's example repository (examples/demo-repo) to a",
    'temp dir, makes it a git repository and runs the complete pipeline on it: context,',
    'baseline tests, the generate → test → fix loop with a real failing first attempt,',
    "verification, risk tier, report. The model's answers are replayed from a recorded,",
    'scripted transcript (examples/demo-repo.transcript.jsonl): no API key, no network.',
    'The test runs are real and sandboxed by bubblewrap where it works; elsewhere the demo',
    'runs its own example without isolation and says so at the start and the end. The',
    'result is left on a branch.',
    '',
    'With --replay: replays a real run from its audit log (the .jsonl that greenlight run',
    "or the Action wrote) to show what happened. It needs the run's base commit: the",
    'replay runs in a temporary clone of the checkout (--repo, default: the current',
    'directory) at that commit; your checkout is not touched. It stops with an error as',
    'soon as the replay no longer matches the recording (an edit that no longer applies,',
    'answers that run out).',
    '',
    'Options:',
    "  --replay FILE   replay this audit log instead of the example's transcript",
    "  --repo DIR      with --replay: the checkout that has the run's base commit",
    '  --keep DIR      work in DIR (new or empty) instead of a temp dir',
    '  --json          print a JSON summary (with the report) instead of text',
    '  --sandbox MODE  demo only: auto (default) uses bubblewrap when it works here and',
    "                  otherwise runs the example's tests without isolation, with a",
    '                  notice; bwrap stops when bubblewrap does not work; none never',
    '                  isolates (a loud warning is printed)',
    '',
    'Progress and the replay notice go to stderr; the progress checklist, the report (the',
    'pull-request body) and the summary go to stdout.',
    '',
    'Exit codes: 0 the replay matched the recording, 1 it did not (see DIVERGED),',
    '2 cannot start or the replay stopped (no sandbox for --sandbox bwrap or a replay,',
    'bad audit log, base commit not found, replay diverged), 3 internal error.',
  ].join('\n'),
  options: {
    replay: { type: 'string' },
    repo: { type: 'string' },
    keep: { type: 'string' },
    json: { type: 'boolean', default: false },
    sandbox: { type: 'string' },
  },
  async run(args, io) {
    const json = args.values.json === true;
    const keep = string(args.values.keep);
    const keepDir = keep === undefined ? undefined : resolve(io.cwd, keep);
    const replay = string(args.values.replay);
    const repo = string(args.values.repo);
    const progress = createTerminalProgress((line) => io.err(line), io.interactive);
    const onAuditLog = (path: string) => io.err(`greenlight: this run's audit log: ${path}`);
    if (replay === undefined) {
      if (repo !== undefined)
        throw new GreenlightError(
          'usage',
          '--repo goes with --replay: the demo makes its own repository (see greenlight demo --help)',
        );
      let source: ReplaySource | undefined;
      const run = await runDemo({
        sandbox: readSandbox(args),
        env: io.env,
        progress,
        onAuditLog,
        ...(keepDir === undefined ? {} : { keepDir }),
        onReady: ({ dir, plan, transcript, sandbox }) => {
          source = { kind: 'demo', transcript, dir };
          const warning = renderSandboxWarning(sandbox);
          if (warning !== null) io.err(warning);
          io.err(replayLabel(plan, source).join('\n'));
        },
      });
      return print(io, json, run, source ?? { kind: 'demo', transcript: run.transcript, dir: run.dir }, run.sandbox);
    }
    if (args.values.sandbox !== undefined) {
      throw new GreenlightError(
        'usage',
        "--sandbox is for the demo's example; a replay uses the sandbox that the recorded repository's config asks for",
      );
    }
    let source: ReplaySource | undefined;
    const auditPath = resolve(io.cwd, replay);
    const run = await replayAuditLog({
      auditPath,
      repo: resolve(io.cwd, repo ?? '.'),
      env: io.env,
      progress,
      onAuditLog,
      ...(keepDir === undefined ? {} : { keepDir }),
      onReady: ({ dir, plan, source: checkout }) => {
        source = { kind: 'audit', auditPath, checkout, dir };
        io.err(replayLabel(plan, source).join('\n'));
      },
    });
    return print(io, json, run, source ?? { kind: 'audit', auditPath, checkout: run.source, dir: run.dir }, null);
  },
};
