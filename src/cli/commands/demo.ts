/**
 * `greenlight demo [--replay AUDIT.jsonl [--repo DIR]] [--keep DIR] [--json]
 * [--sandbox none]`: the whole pipeline on the shipped example repository (or a
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
import { runDemo } from '../../demo/run-demo.ts';
import type { ReplayRun } from '../../compose/run-replay.ts';
import type { CliCommand, CliIo, ParsedArgs } from '../command.ts';
import { createTerminalProgress } from '../progress/terminal-progress.ts';

const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function readSandbox(args: ParsedArgs): boolean {
  const sandbox = string(args.values.sandbox);
  if (sandbox === undefined || sandbox === 'bwrap') return false;
  if (sandbox === 'none') return true;
  throw new GreenlightError('usage', `--sandbox must be bwrap (the default) or none, got "${sandbox}"`);
}

function print(io: CliIo, json: boolean, run: ReplayRun, source: ReplaySource, sandboxNone: boolean): number {
  if (json) {
    io.out(JSON.stringify(demoSummaryJson(run, source), null, 2));
  } else {
    io.out(['## Progress checklist', '', run.checklist].join('\n'));
    io.out(run.local.job.reportMarkdown);
    io.out(renderDemoSummary(run, source).join('\n'));
    if (sandboxNone) io.out(renderSandboxWarning());
  }
  return run.divergences.length === 0 ? 0 : 1;
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'see the whole pipeline work on an example repository, no API key needed (model answers replayed)',
  usage: [
    'Usage: greenlight demo [--keep DIR] [--json] [--sandbox none]',
    '       greenlight demo --replay AUDIT.jsonl [--repo DIR] [--keep DIR] [--json]',
    '',
    "Without --replay: copies greenlight's example repository (examples/demo-repo) to a",
    'temp dir, makes it a git repository and runs the complete pipeline on it: context,',
    'baseline tests, the generate → test → fix loop with a real failing first attempt,',
    "verification, risk tier, report. The model's answers are replayed from a recorded,",
    'scripted transcript (examples/demo-repo.transcript.jsonl): no API key, no network.',
    'The test runs are real and sandboxed (bubblewrap). The result is left on a branch.',
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
    "  --sandbox none  demo only: run the example's tests WITHOUT isolation when",
    '                  bubblewrap does not work here (a loud warning is printed)',
    '',
    'Progress and the replay notice go to stderr; the progress checklist, the report (the',
    'pull-request body) and the summary go to stdout.',
    '',
    'Exit codes: 0 the replay matched the recording, 1 it did not (see DIVERGED),',
    '2 cannot start or the replay stopped (bubblewrap missing, bad audit log, base',
    'commit not found, replay diverged), 3 internal error.',
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
      const sandboxNone = readSandbox(args);
      if (sandboxNone) io.err(renderSandboxWarning());
      let source: ReplaySource | undefined;
      const run = await runDemo({
        sandboxNone,
        env: io.env,
        progress,
        onAuditLog,
        ...(keepDir === undefined ? {} : { keepDir }),
        onReady: ({ dir, plan, transcript }) => {
          source = { kind: 'demo', transcript, dir };
          io.err(replayLabel(plan, source).join('\n'));
        },
      });
      return print(io, json, run, source ?? { kind: 'demo', transcript: run.transcript, dir: run.dir }, sandboxNone);
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
    return print(io, json, run, source ?? { kind: 'audit', auditPath, checkout: run.source, dir: run.dir }, false);
  },
};
