// The runner's part of the evidence record: the publish step is given a hook that records
// each commit, a /fix comment ends with the record, and greenlight-evidence.json (output
// `evidence`) is the record of the audit log as written. The engine here is a fake that
// writes the events a real run writes first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../src/core/evidence/build-evidence.ts';
import { EVIDENCE_SCHEMA_ID } from '../../src/core/evidence/evidence-json-schema.ts';
import type { JobOptions } from '../../src/core/job.ts';
import type { PublishResult } from '../../src/core/publish/publish-types.ts';
import { fakeSha } from '../fakes/fake-forge.ts';
import { commentEvent, harness } from './harness.ts';

function setup() {
  const h = harness();
  h.forge.setPermission('alice', 'write');
  const pr = h.forge.addPullRequest({ number: 7, title: 'feat: parse dates', body: '', headRef: 'feature/dates' });
  const engine = h.services.runJob.bind(h.services);
  h.services.runJob = async (options: JobOptions) => {
    options.audit.write({
      kind: 'run-start',
      mode: 'fix',
      task: 'feat: parse dates',
      model: 'm',
      base: 'b',
      provider: 'anthropic',
    });
    options.audit.write({
      kind: 'command',
      command: 'npm test',
      exitCode: 0,
      timedOut: false,
      outputExcerpt: '',
      durationMs: 1_500,
      purpose: 'baseline',
      tests: { passed: 3, failed: 0, errored: 0, skipped: 0, total: 3 },
    });
    options.audit.write({ kind: 'run-end', outcome: 'succeeded' });
    return engine(options);
  };
  // The publisher calls the hook as the real one does when it keeps a commit.
  const publishFix = h.services.publishFix.bind(h.services);
  h.services.publishFix = async (request) => {
    const result = await publishFix(request);
    if (result.kind === 'pushed-fix')
      await request.evidence?.({
        sha: result.commitSha,
        parent: request.pr.headSha,
        branch: result.branch,
        pushed: true,
        role: 'fix',
        risk: result.risk,
      });
    return result as PublishResult;
  };
  return { h, pr };
}

describe('Action runner: the evidence record', () => {
  it("a /fix comment ends with the record, and greenlight-evidence.json is the audit log's record", async () => {
    const { h, pr } = setup();
    const run = await h.run('issue_comment', commentEvent(7, '/fix add a leap-year test'));

    expect(run.code).toBe(0);
    const path = run.outputs['evidence'] ?? '';
    expect(path.endsWith('greenlight-evidence.json')).toBe(true);
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(file).toEqual({ $schema: EVIDENCE_SCHEMA_ID, ...buildEvidence(run.audit) });
    expect(file['commit']).toEqual({
      sha: fakeSha('commit'),
      parent: pr.headSha,
      branch: 'feature/dates',
      pushed: true,
      role: 'fix',
    });
    expect(file['commands']).toEqual([
      expect.objectContaining({ command: 'npm test', purpose: 'baseline', exitCode: 0, durationMs: 1_500 }),
    ]);
    const progress = h.forge.commentsOn(7).find((c) => c.author.isBot)?.body ?? '';
    const evidence = progress.slice(progress.indexOf('### Evidence'));
    expect(evidence).toContain(`| Commit | \`${fakeSha('commit').slice(0, 12)}\` on \`feature/dates\``);
    expect(evidence).toContain('| `npm test` | baseline | 0 | 1.5 s | 3/3 passed |');
    expect(progress.trimEnd().endsWith('</details>')).toBe(true);
    expect(run.summary).toContain(`| evidence | \`${path}\``);
  });

  it('an event that starts no run writes no record', async () => {
    const h = harness();
    const run = await h.run('issue_comment', commentEvent(7, 'looks good to me'));
    expect(run.outputs['outcome']).toBe('skipped');
    expect(run.outputs['evidence']).toBe('');
    expect(existsSync(join(h.dir, 'run-1', 'temp', 'greenlight-evidence.json'))).toBe(false);
  });
});
