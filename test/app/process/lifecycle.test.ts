// A running App is observable and stops cleanly: /healthz and /readyz, JSON log lines,
// and SIGTERM that stops taking deliveries but finishes the one it accepted.
import { describe, expect, it } from 'vitest';
import { deliver, fakeGitHub, getJson, labelDelivery, runEnv, startApp, until } from './harness.ts';

describe('a running App', () => {
  it('answers /healthz and /readyz, and logs JSON lines', async () => {
    const github = await fakeGitHub();
    const app = await startApp(runEnv(github));
    expect(await getJson(`${app.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${app.url}/readyz`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { credentials: 'ok', state: 'ok' } },
    });
    expect(await deliver(app.url, labelDelivery(1))).toBe(200);
    const handled = await app.waitForLog('delivery handled');
    expect(handled).toMatchObject({ delivery: 'label-1', event: 'issues.labeled', outcome: { kind: 'dispatched' } });
    expect(handled.level).toBe(30);
    const listening = app.logs().find((l) => l.msg === 'greenlight App listening');
    expect(listening).toMatchObject({ app: 'greenlight', state: 'memory', name: 'greenlight-app' });
    // The App's acknowledgement is the comment the run will edit.
    expect(github.dispatches).toEqual([
      { repo: 'Codertocat/Hello-World', inputs: { issue: '1', requester: 'alice', progress_comment: '1000' } },
    ]);
  }, 90_000);

  it('on SIGTERM stops taking deliveries, finishes the accepted one, and exits 0', async () => {
    const github = await fakeGitHub();
    let release = () => {};
    github.hold = new Promise<void>((resolve) => (release = resolve));
    const app = await startApp(runEnv(github));
    const accepted = deliver(app.url, labelDelivery(1));
    await until('the dispatch to be under way', () => github.calls.some((c) => c.endsWith('/dispatches')));
    app.child.kill('SIGTERM');
    await app.waitForLog('shutting down: no new deliveries; finishing the accepted ones');
    // New deliveries are refused (GitHub redelivers them to a process that is up).
    expect(await deliver(app.url, labelDelivery(2))).toBeOneOf([0, 503]);
    expect(github.dispatches).toEqual([]);
    release();
    expect(await accepted).toBe(200);
    expect(await app.exited()).toBe(0);
    expect(github.dispatches.map((d) => d.inputs.issue)).toEqual(['1']);
    expect(app.logs().at(-1)).toMatchObject({ msg: 'greenlight App stopped', clean: true });
  }, 90_000);
});
