// GitHub's limits are per installation, so the App's client-side throttling is too
// (docs/security.md §25): every installation gets its own write limiter.
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { createInstallationOctokit, throttleKey } from '../../src/app/installation-octokit.ts';
import { KeyedRateLimiter } from '../../src/app/keyed-rate-limiter.ts';
import { API, commentReply, harness, labeledIssue, mockConfig, mockPermission, mockToken, REPO } from './harness.ts';

class RecordingLimiter extends KeyedRateLimiter {
  readonly keys: string[] = [];

  constructor() {
    super({ capacity: 1000, refillPerSecond: 1000 });
  }

  override acquire(key: string, weight?: number) {
    this.keys.push(key);
    return super.acquire(key, weight);
  }
}

/** Stands in for a Bottleneck group in Octokit's throttling plugin, recording the keys it is asked for. */
function recordingGroup() {
  const keys: string[] = [];
  return {
    keys,
    key(id: string) {
      keys.push(id);
      return {
        schedule: (...args: unknown[]) => {
          const [first, ...rest] = args;
          const [fn, ...fnArgs] = (typeof first === 'function' ? args : rest) as [
            (...a: unknown[]) => unknown,
            ...unknown[],
          ];
          return Promise.resolve(fn(...fnArgs));
        },
      };
    },
  };
}

function mockLabelFrom(installation: number, issue: number): void {
  mockToken(installation);
  mockConfig(null);
  mockPermission('alice', 'write');
  nock(API)
    .post(`${REPO}/issues/${issue}/reactions`)
    .reply(201, {})
    .post(`${REPO}/actions/workflows/greenlight.yml/dispatches`)
    .reply(204)
    .post(`${REPO}/issues/${issue}/comments`)
    .reply(201, commentReply(issue, 'ack'));
}

function labelFrom(installation: number, issue: number) {
  const payload = labeledIssue({ installation });
  payload.issue = { ...payload.issue, number: issue };
  return payload;
}

describe('KeyedRateLimiter', () => {
  function limiter() {
    const sleeps: [string, number][] = [];
    let pendingKey = '';
    const keyed = new KeyedRateLimiter(
      { capacity: 2, refillPerSecond: 1 },
      {
        now: () => 0,
        sleep: async (ms) => void sleeps.push([pendingKey, ms]),
        onWait: (key) => {
          pendingKey = key;
        },
      },
    );
    return { keyed, sleeps };
  }

  it('lets one key burst, then paces it, without delaying another key', async () => {
    const { keyed, sleeps } = limiter();
    for (let i = 0; i < 4; i++) await keyed.acquire('installation-1');
    await keyed.acquire('installation-2');
    expect(sleeps).toEqual([
      ['installation-1', 1000],
      ['installation-1', 2000],
    ]);
  });

  it('never delays a retry (weight 0)', async () => {
    const { keyed, sleeps } = limiter();
    for (let i = 0; i < 3; i++) await keyed.acquire('k');
    await keyed.acquire('k', 0);
    expect(sleeps).toHaveLength(1);
  });
});

describe('throttleKey', () => {
  it.each([
    [{ auth: { installationId: 42 } }, 'installation-42'],
    [{ auth: { installationId: '7' } }, 'installation-7'],
    [{ auth: { appId: 1, privateKey: 'k' } }, 'app'],
    [{}, 'app'],
  ])('%j → %s', (options, key) => {
    expect(throttleKey(options)).toBe(key);
  });
});

describe("the App's clients are throttled per installation", () => {
  it("each installation's writes go through its own limiter key", async () => {
    const write = new RecordingLimiter();
    const notifications = new RecordingLimiter();
    const h = await harness(
      {},
      { Octokit: createInstallationOctokit({ throttle: { limiters: { write, notifications } }, retries: false }) },
    );
    mockLabelFrom(1, 1);
    mockLabelFrom(2, 2);
    await Promise.all([h.receive('issues', labelFrom(1, 1)), h.receive('issues', labelFrom(2, 2))]);
    expect([...new Set(write.keys)].sort()).toEqual(['installation-1', 'installation-2']);
    // Comments notify people: they go through the notification limiter, per installation too.
    expect([...new Set(notifications.keys)].sort()).toEqual(['installation-1', 'installation-2']);
  });

  it("Probot's own client would have shared one key across installations (the trap)", async () => {
    const write = recordingGroup();
    const notifications = recordingGroup();
    const Shared = ProbotOctokit.defaults((instance: Record<string, unknown>) => ({
      ...instance,
      retry: { enabled: false },
      throttle: { ...(instance.throttle as object), write, notifications },
    }));
    const h = await harness({}, { Octokit: Shared });
    mockLabelFrom(1, 1);
    mockLabelFrom(2, 2);
    await Promise.all([h.receive('issues', labelFrom(1, 1)), h.receive('issues', labelFrom(2, 2))]);
    expect([...new Set(write.keys)]).toEqual(['no-id']);
  });

  it('app.auth(installation) clients (queued dispatches) are keyed by installation too', async () => {
    const write = new RecordingLimiter();
    const notifications = new RecordingLimiter();
    const h = await harness(
      {},
      { Octokit: createInstallationOctokit({ throttle: { limiters: { write, notifications } }, retries: false }) },
    );
    mockToken(5);
    nock(API).post(`${REPO}/issues/3/reactions`).reply(201, {});
    const octokit = await h.probot.auth(5);
    await octokit.rest.reactions.createForIssue({
      owner: 'Codertocat',
      repo: 'Hello-World',
      issue_number: 3,
      content: 'eyes',
    });
    expect(write.keys).toEqual(['installation-5']);
  });
});
