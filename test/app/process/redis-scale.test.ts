// Two App processes behind one address share their state through a real Redis
// (REDIS_URL): a redelivery storm dispatches each delivery once, the fleet limits hold
// across both, killing one mid-load loses no delivery, and a Redis that goes away
// makes /readyz fail and deliveries get 503 (GitHub redelivers), never a silent drop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookExample } from '../../fakes/webhook-example.ts';
import { user } from '../harness.ts';
import { startRedis, type TestRedis } from '../state/redis-server.ts';
import {
  deliver,
  fakeGitHub,
  getJson,
  labelDelivery,
  runEnv,
  startApp,
  until,
  type AppProcess,
  type FakeGitHub,
} from './harness.ts';
import { requireTool } from '../../setup/require-tool.ts';

const haveRedis = await requireTool('redis-server');

let redis: TestRedis;
beforeAll(async () => {
  if (!haveRedis) return;
  redis = await startRedis();
}, 60_000);
afterAll(async () => {
  if (!haveRedis) return;
  await redis.remove();
});

let prefix = 0;
/** Two App processes on one Redis (each test with its own key prefix through a fresh DB state). */
async function twoApps(github: FakeGitHub): Promise<[AppProcess, AppProcess]> {
  await redis.start();
  prefix += 1;
  const env = runEnv(github, { REDIS_URL: `${redis.url}/${prefix % 16}` });
  const apps = await Promise.all([startApp(env), startApp(env)]);
  return apps as [AppProcess, AppProcess];
}

const dispatchedIssues = (github: FakeGitHub) => github.dispatches.map((d) => Number(d.inputs.issue));
const count = (values: number[], value: number) => values.filter((v) => v === value).length;

describe.runIf(haveRedis)('two App processes sharing one Redis', () => {
  it('dispatch each delivery exactly once under a redelivery storm', async () => {
    const github = await fakeGitHub();
    github.latencyMs = 20;
    const [a, b] = await twoApps(github);
    // One repository and installation each: neither the fleet limits (2 runs per repository by
    // default) nor an installation's pacing of comments is what this tests.
    const deliveries = Array.from({ length: 12 }, (_, i) =>
      labelDelivery(i + 1, `storm-${i + 1}`, `repo-${i + 1}`, i + 1),
    );
    const copies = deliveries.flatMap((d) => [0, 1, 2, 3].map((copy) => ({ d, app: copy % 2 === 0 ? a : b })));
    const statuses = await Promise.all(copies.map(({ d, app }) => deliver(app.url, d).then((s) => [d.id, s] as const)));
    // Copies that overlapped the first were answered 503; then GitHub (or the App's sweep) redelivers.
    for (const d of deliveries) {
      if (!statuses.some(([id, s]) => id === d.id && s === 200)) expect(await deliver(b.url, d)).toBe(200);
    }
    expect(statuses.every(([, s]) => s === 200 || s === 503)).toBe(true);
    const issues = dispatchedIssues(github);
    for (let issue = 1; issue <= 12; issue++) expect(count(issues, issue), `issue ${issue}`).toBe(1);
    expect(github.dispatches).toHaveLength(12);
    const handled = () => [...a.logs(), ...b.logs()].filter((l) => l.msg === 'delivery handled');
    // A log line reaches the pipe a moment after its answer.
    await until('every delivery in the logs', () => handled().length >= deliveries.length);
    expect(
      handled()
        .map((l) => String(l.delivery))
        .sort(),
    ).toEqual(deliveries.map((d) => d.id).sort());
  }, 120_000);

  it('hold the fleet limits across both, queue in one line, and start the next when a run completes', async () => {
    const github = await fakeGitHub();
    github.config = 'fleet:\n  maxConcurrentRuns: 2\n';
    const [a, b] = await twoApps(github);
    const statuses = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((issue) =>
        deliver(issue % 2 === 0 ? a.url : b.url, labelDelivery(issue, `fleet-${issue}`)),
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(github.dispatches).toHaveLength(2);
    // Copies: the comments are edited when their request is dispatched.
    const queued = github.comments.filter((c) => c.body.includes('(queued)')).map((c) => ({ ...c }));
    expect(queued).toHaveLength(4);
    const positions = queued.map((c) => Number(/This request is number (\d+) in line/.exec(c.body)?.[1])).sort();
    expect(positions).toEqual([1, 2, 3, 4]);

    const payload = webhookExample('workflow_run', 'completed');
    payload.repository = { ...payload.repository, full_name: 'Codertocat/Hello-World' };
    payload.installation = { id: 1 };
    payload.workflow_run = {
      ...payload.workflow_run,
      path: '.github/workflows/greenlight.yml',
      event: 'workflow_dispatch',
      triggering_actor: user('greenlight[bot]', 'Bot'),
    };
    const completed = { id: 'run-done-1', event: 'workflow_run', body: JSON.stringify(payload) };
    expect(await deliver(a.url, completed)).toBe(200);
    expect(await deliver(b.url, completed)).toBe(200); // the same completion again: one slot only
    await until('the first queued request to be dispatched', () => github.dispatches.length === 3);
    const first = queued.find((c) => c.body.includes('This request is number 1 in line'));
    expect(github.dispatches[2]?.inputs).toMatchObject({
      issue: String(first?.issue),
      progress_comment: String(first?.id),
    });
    expect(github.dispatches).toHaveLength(3);
  }, 120_000);

  it('lose no accepted delivery when one process is killed mid-load', async () => {
    const github = await fakeGitHub();
    github.latencyMs = 40;
    const [a, b] = await twoApps(github);
    const deliveries = Array.from({ length: 24 }, (_, i) =>
      labelDelivery(i + 1, `kill-${i + 1}`, `repo-${i + 1}`, i + 1),
    );
    const answers = deliveries.map((d, i) => deliver(i % 2 === 0 ? a.url : b.url, d));
    await until('some dispatches', () => github.dispatches.length >= 4);
    a.child.kill('SIGKILL');
    // (the ones A had accepted but not answered are the point of this test)
    const statuses = await Promise.all(answers);
    const accepted = (status: number | undefined) => status === 200 || status === 202;
    // GitHub records the ones without a 2xx as failed; they are redelivered, to the process that is up.
    for (const [i, d] of deliveries.entries()) {
      if (accepted(statuses[i])) continue;
      await until(
        `${d.id} to be taken over`,
        async () => (await deliver(b.url, d)) === 200,
        () => b.output(),
        90_000,
      );
    }
    const issues = dispatchedIssues(github);
    const unanswered = deliveries.filter((_, i) => !accepted(statuses[i])).length;
    for (let issue = 1; issue <= 24; issue++) {
      expect(count(issues, issue), `issue ${issue}`).toBeGreaterThanOrEqual(1);
      // A delivery answered 2xx was dispatched once; only one the killed process had not answered may be twice.
      if (accepted(statuses[issue - 1])) expect(count(issues, issue), `issue ${issue}`).toBe(1);
    }
    expect(issues.length - 24).toBeLessThanOrEqual(unanswered);
  }, 180_000);

  it('fail /readyz and answer 503 while Redis is away, and take the redelivery when it is back', async () => {
    const github = await fakeGitHub();
    const [a, b] = await twoApps(github);
    await redis.stop();
    for (const app of [a, b]) {
      const ready = await getJson(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(String((ready.body.checks as Record<string, string>).state)).toMatch(/Redis|state store/);
    }
    const delivery = labelDelivery(1, 'away-1');
    expect(await deliver(a.url, delivery)).toBe(503);
    expect(github.dispatches).toEqual([]);
    expect(github.calls.filter((c) => !c.includes('/app'))).toEqual([]);
    await redis.start();
    for (const app of [a, b])
      await until(
        'readiness',
        async () => (await getJson(`${app.url}/readyz`)).status === 200,
        () => app.output(),
      );
    expect(await deliver(b.url, delivery)).toBe(200);
    expect(dispatchedIssues(github)).toEqual([1]);
  }, 120_000);
});
