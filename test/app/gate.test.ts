import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { webhookExample, type ExamplePayload } from '../fakes/webhook-example.ts';
import {
  API,
  APP_ID,
  captureBody,
  harness,
  HEAD,
  mockConfig,
  mockPermission,
  mockToken,
  pullRequest,
  REPO,
  user,
} from './harness.ts';

const OLD = 'd'.repeat(40);
const GATE = 'greenlight/review-gate';

interface ApiFile {
  filename: string;
  status: string;
  patch?: string;
  additions: number;
  deletions: number;
}

const sourceFile: ApiFile = {
  filename: 'src/api/users.ts',
  status: 'modified',
  patch: '@@ -1,1 +1,2 @@\n export const a = 1;\n+export const b = 2;',
  additions: 1,
  deletions: 0,
};

interface Review {
  login: string;
  state?: string;
  commit?: string;
  type?: string;
}
interface GateScene {
  config?: string | null;
  pr?: Record<string, unknown>;
  files?: ApiFile[];
  comments?: { login: string; body: string; type?: string }[];
  headRuns?: { id: number; appId: number; externalId: string | null }[];
  beforeRuns?: { id: number; appId: number; externalId: string | null }[];
  labelers?: string[] | null;
  modes?: Record<string, number> | 'error';
  reviews?: Review[];
  permissions?: Record<string, string>;
  /** Commits of the pull request: author and committer logins (null: not linked to an account); `unread`: not listed. */
  commits?:
    { sha: string; author: string | null; committer?: string | null; name?: string; email?: string }[] | 'unread';
  /** CODEOWNERS on the default branch (at .github/CODEOWNERS), or none. */
  codeowners?: string | null;
  /** The review request the gate is expected to make. */
  requested?: { reviewers: string[]; team_reviewers: string[] };
}

function checkRuns(runs: GateScene['headRuns'], sha: string) {
  return {
    total_count: runs?.length ?? 0,
    check_runs: (runs ?? []).map((r) => ({
      id: r.id,
      name: GATE,
      head_sha: sha,
      status: 'completed',
      conclusion: 'success',
      external_id: r.externalId,
      app: { id: r.appId },
    })),
  };
}

/** Mocks every read of one gate recomputation; returns the check-run writes it captures. */
function mockGate(scene: GateScene): unknown[] {
  const writes: unknown[] = [];
  const pr = pullRequest(scene.pr);
  const files = scene.files ?? [sourceFile];
  mockConfig(scene.config ?? null);
  const api = nock(API)
    .get(`${REPO}/pulls/7`)
    .twice()
    .reply(200, pr)
    .get(`${REPO}/pulls/7/files`)
    .query({ per_page: '100' })
    .reply(200, files)
    .get(`${REPO}/issues/7/comments`)
    .query({ per_page: '100' })
    .reply(
      200,
      (scene.comments ?? []).map((c, i) => ({
        id: 700 + i,
        body: c.body,
        user: user(c.login, c.type),
        created_at: '2025-01-01T00:00:00Z',
        updated_at: '2025-01-01T00:00:00Z',
        html_url: 'u',
      })),
    )
    .get(`${REPO}/commits/${pr.head.sha}/check-runs`)
    .query({ check_name: GATE, filter: 'all', per_page: '100' })
    .reply(200, checkRuns(scene.headRuns, pr.head.sha))
    .get(`${REPO}/pulls/7/reviews`)
    .query({ per_page: '100' })
    .reply(
      200,
      (scene.reviews ?? []).map((r, i) => ({
        id: 800 + i,
        user: user(r.login, r.type),
        state: r.state ?? 'APPROVED',
        commit_id: r.commit ?? pr.head.sha,
        submitted_at: `2025-01-0${i + 1}T00:00:00Z`,
      })),
    );
  if (scene.beforeRuns !== undefined) {
    api
      .get(`${REPO}/commits/${OLD}/check-runs`)
      .query({ check_name: GATE, filter: 'all', per_page: '100' })
      .reply(200, checkRuns(scene.beforeRuns, OLD));
  }
  if (scene.labelers !== null) {
    api
      .get(`${REPO}/issues/1/events`)
      .query({ per_page: '100' })
      .reply(
        200,
        (scene.labelers ?? ['alice']).map((login, i) => ({
          id: i,
          event: 'labeled',
          label: { name: 'ai-generate' },
          actor: user(login),
        })),
      );
  }
  if (files.length > 0) {
    if (scene.modes === 'error')
      api.post('/graphql').reply(200, { errors: [{ message: "Field 'file' doesn't exist on type 'Commit'" }] });
    else {
      // nock 15 hands a reply function the fetch Request.
      api.post('/graphql').reply(200, async (request: Request) => {
        const { variables } = (await request.json()) as { variables: Record<string, string> };
        const side = (prefix: string) =>
          Object.fromEntries(
            Object.entries(variables)
              .filter(([k]) => k.startsWith(prefix) && /\d$/.test(k))
              .map(([k, path]) => [
                k,
                { mode: (scene.modes as Record<string, number> | undefined)?.[`${prefix}:${path}`] ?? 0o100644 },
              ]),
          );
        return { data: { repository: { base: side('b'), head: side('h') } } };
      });
    }
  }
  for (const [login, role] of Object.entries(scene.permissions ?? {})) mockPermission(login, role);
  if (scene.commits !== 'unread')
    api
      .get(`${REPO}/pulls/7/commits`)
      .query({ per_page: '100' })
      .reply(
        200,
        (scene.commits ?? []).map((c) => {
          const name = c.name ?? c.author ?? 'someone';
          const email = c.email ?? `${name}@example.com`;
          const committer = c.committer === undefined ? c.author : c.committer;
          return {
            sha: c.sha,
            author: c.author === null ? null : user(c.author),
            committer: committer === null ? null : user(committer),
            commit: { author: { name, email }, committer: { name: committer ?? name, email } },
          };
        }),
      );
  const owners = scene.codeowners ?? null;
  if (owners === null) {
    for (const path of ['.github%2FCODEOWNERS', 'CODEOWNERS', 'docs%2FCODEOWNERS'])
      api.get(`${REPO}/contents/${path}`).query({ ref: 'master' }).reply(404, { message: 'Not Found' });
  } else {
    api
      .get(`${REPO}/contents/.github%2FCODEOWNERS`)
      .query({ ref: 'master' })
      .reply(200, { type: 'file', encoding: 'base64', content: Buffer.from(owners).toString('base64'), sha: 'c0de' });
    api.get(`${REPO}/pulls/7/files`).query({ per_page: '100' }).reply(200, files);
  }
  if (scene.requested !== undefined) api.post(`${REPO}/pulls/7/requested_reviewers`, scene.requested).reply(201, pr);
  const existing = scene.headRuns?.find((r) => r.appId === APP_ID);
  if (existing === undefined) {
    api
      .post(`${REPO}/check-runs`, captureBody(writes))
      .reply(201, { id: 31, name: GATE, head_sha: pr.head.sha, status: 'in_progress', app: { id: APP_ID } });
  } else {
    api
      .patch(`${REPO}/check-runs/${existing.id}`, captureBody(writes))
      .reply(200, { id: existing.id, name: GATE, head_sha: pr.head.sha, status: 'in_progress', app: { id: APP_ID } });
  }
  return writes;
}

function reviewEvent(): ExamplePayload {
  const payload = webhookExample('pull_request_review', 'submitted');
  payload.pull_request = {
    ...payload.pull_request,
    number: 7,
    state: 'open',
    labels: [{ name: 'greenlight' }],
    head: { ...payload.pull_request.head, sha: HEAD },
  };
  payload.installation = { id: 1 };
  return payload;
}

function pushEvent(): ExamplePayload {
  const payload = webhookExample('pull_request', 'synchronize');
  payload.pull_request = {
    ...payload.pull_request,
    number: 7,
    state: 'open',
    labels: [{ name: 'greenlight' }],
    head: { ...payload.pull_request.head, sha: HEAD },
  };
  payload.before = OLD;
  payload.after = HEAD;
  return payload;
}

interface Written {
  status: string;
  conclusion?: string;
  output: { title: string; summary: string };
  external_id: string;
  head_sha?: string;
}
/** The check-run write (nock may show a body matcher other requests' bodies too). */
const written = (writes: unknown[]) =>
  writes.find((w) => typeof w === 'object' && w !== null && 'output' in w) as Written;

describe('review gate recomputation (docs/security.md §21)', () => {
  it.each([
    [
      'the requester approves',
      [{ login: 'alice' }],
      { alice: 'write' },
      'in_progress',
      'Waiting for 1 more approval (0 of 1)',
      'requested this change',
    ],
    [
      'a bot approves',
      [{ login: 'helper[bot]', type: 'Bot' }],
      {},
      'in_progress',
      'Waiting for 1 more approval (0 of 1)',
      'no: bot',
    ],
    [
      'another maintainer approves an older commit',
      [{ login: 'bob', commit: OLD }],
      { bob: 'maintain' },
      'in_progress',
      'Waiting for 1 more approval (0 of 1)',
      'approved an older commit',
    ],
    [
      'a reader approves',
      [{ login: 'carol' }],
      { carol: 'read' },
      'in_progress',
      'Waiting for 1 more approval (0 of 1)',
      'no write access (read)',
    ],
    [
      'another maintainer approves the latest commit',
      [{ login: 'bob' }],
      { bob: 'maintain' },
      'completed',
      'Approved (1 of 1)',
      '| @bob | approved on `aaaaaaa` | yes |',
    ],
  ])('%s', async (_name, reviews, permissions, status, title, row) => {
    const h = await harness();
    mockToken();
    const writes = mockGate({ reviews, permissions });
    await h.receive('pull_request_review', reviewEvent());
    const check = written(writes);
    expect(check).toMatchObject({ name: GATE, head_sha: HEAD, status, output: { title } });
    expect(check.output.summary).toContain(row);
    expect(check.output.summary).toContain('### Risk: `medium`');
    expect(JSON.parse(check.external_id)).toEqual({ v: 1, tier: 'medium', requesters: ['alice'] });
  });

  it('counts the /fix commenter as a requester too', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      comments: [{ login: 'bob', body: '/fix please cover the edge case' }],
      reviews: [{ login: 'bob' }],
      permissions: { bob: 'write' },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (0 of 1)');
    expect(JSON.parse(written(writes).external_id).requesters).toEqual(['alice', 'bob']);
  });

  it('keeps requesters recorded on the previous head after a push, and the approval before the push no longer counts', async () => {
    const h = await harness();
    mockToken();
    const memo = JSON.stringify({ v: 1, tier: 'low', requesters: ['dave'] });
    const writes = mockGate({
      labelers: [],
      beforeRuns: [{ id: 20, appId: APP_ID, externalId: memo }],
      reviews: [{ login: 'bob', commit: OLD }, { login: 'dave' }],
      permissions: { bob: 'write', dave: 'admin' },
    });
    await h.receive('pull_request', pushEvent());
    const check = written(writes);
    expect(check.status).toBe('in_progress');
    // The tier comes from the App's own classification, never from a memo; the push's
    // sender (the example payload's Codertocat) is remembered as a pusher.
    expect(JSON.parse(check.external_id)).toEqual({
      v: 1,
      tier: 'medium',
      requesters: ['dave'],
      pushers: ['Codertocat'],
    });
  });

  it("takes requesters (never the tier) from another app's memo, and updates its own check run", async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      headRuns: [
        { id: 41, appId: 15368, externalId: JSON.stringify({ v: 1, tier: 'low', requesters: ['erin'] }) },
        { id: 40, appId: APP_ID, externalId: null },
      ],
      reviews: [{ login: 'erin' }],
      permissions: { erin: 'write' },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (0 of 1)');
    expect(JSON.parse(written(writes).external_id)).toEqual({ v: 1, tier: 'medium', requesters: ['alice', 'erin'] });
  });

  it("fails closed when nothing records who requested a bot's pull request", async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({ labelers: [], reviews: [{ login: 'bob' }], permissions: { bob: 'write' } });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Requester unknown: the review gate cannot pass' },
    });
    // No memo: an empty requester list must not read as "nobody asked" to the Action's gate.
    expect(written(writes).external_id).toBeUndefined();
  });

  it('counts a human pull request author as the requester', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      pr: { user: user('frank'), head: { sha: HEAD, ref: 'feature/x', repo: { full_name: 'Codertocat/Hello-World' } } },
      labelers: null,
      reviews: [{ login: 'frank' }],
      permissions: { frank: 'admin' },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (0 of 1)');
  });
});

describe('the tier the gate enforces comes from the diff', () => {
  it('a Dockerfile makes it high: two approvals', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      files: [
        {
          filename: 'Dockerfile',
          status: 'modified',
          patch: '@@ -1 +1 @@\n-FROM node:22\n+FROM node:24',
          additions: 1,
          deletions: 1,
        },
      ],
      reviews: [{ login: 'bob' }],
      permissions: { bob: 'write' },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (1 of 2)');
    expect(JSON.parse(written(writes).external_id).tier).toBe('high');
  });

  it('a file that becomes executable is high (modes read through GraphQL)', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      files: [
        { filename: 'scripts/run.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b', additions: 1, deletions: 1 },
      ],
      modes: { 'h:scripts/run.ts': 0o100755 },
      reviews: [{ login: 'bob' }],
      permissions: { bob: 'write' },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(JSON.parse(written(writes).external_id).tier).toBe('high');
    expect(written(writes).output.summary).toContain('becomes executable');
  });

  it('unreadable modes fail closed to high', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({ modes: 'error', reviews: [{ login: 'bob' }], permissions: { bob: 'write' } });
    await h.receive('pull_request_review', reviewEvent());
    expect(JSON.parse(written(writes).external_id).tier).toBe('high');
    expect(written(writes).output.summary).toContain('could not be read');
  });

  it('a low-tier change needs no approval', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      files: [
        {
          filename: 'test/users.test.ts',
          status: 'added',
          patch: "@@ -0,0 +1,3 @@\n+import { it } from 'vitest';\n+it('works', () => {});\n+",
          additions: 3,
          deletions: 0,
        },
      ],
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes)).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'No approval required for low risk' },
    });
  });
});

describe('which events recompute the gate', () => {
  it('ignores pull requests without the greenlight label, without any API call', async () => {
    const h = await harness();
    const payload = reviewEvent();
    payload.pull_request.labels = [{ name: 'bug' }];
    await h.receive('pull_request_review', payload);
    expect(h.logs.find((l) => l.msg === 'delivery handled')?.outcome).toMatchObject({ kind: 'ignored' });
  });

  it('recomputes when the greenlight label is added', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({ reviews: [] });
    const payload = webhookExample('pull_request', 'labeled');
    payload.label = { name: 'greenlight' };
    payload.pull_request = { ...payload.pull_request, number: 7, state: 'open' };
    await h.receive('pull_request', payload);
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (0 of 1)');
  });

  it('writes a failing gate when the config on the default branch is invalid', async () => {
    const h = await harness();
    mockToken();
    const writes: unknown[] = [];
    mockConfig('review:\n  medium:\n    approvals: lots\n');
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullRequest())
      .get(`${REPO}/pulls/7/files`)
      .query({ per_page: '100' })
      .reply(200, [sourceFile])
      .get(`${REPO}/issues/7/comments`)
      .query({ per_page: '100' })
      .reply(200, [])
      .get(`${REPO}/commits/${HEAD}/check-runs`)
      .query({ check_name: GATE, filter: 'all', per_page: '100' })
      .reply(200, checkRuns([], HEAD))
      .post(`${REPO}/check-runs`, captureBody(writes))
      .reply(201, { id: 32, name: GATE, head_sha: HEAD, status: 'completed' });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes)).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: '.github/greenlight.yml on the default branch is invalid' },
    });
    expect(written(writes).output.summary).toContain('review.medium.approvals');
  });

  it('a /fix on a greenlight pull request records its commenter in the gate at once', async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({ reviews: [{ login: 'bob' }], permissions: { bob: 'write' } });
    // The trigger's own calls (the gate's GET /pulls/7 answers are shared by the mock above).
    mockPermission('bob', 'write');
    nock(API)
      .get(`${REPO}/pulls/7`)
      .reply(200, pullRequest())
      .post(`${REPO}/issues/comments/555/reactions`)
      .reply(201, {})
      .post(`${REPO}/actions/workflows/greenlight.yml/dispatches`)
      .reply(204)
      .post(`${REPO}/issues/7/comments`)
      .reply(201, {
        id: 1,
        body: 'ack',
        user: user('greenlight[bot]', 'Bot'),
        created_at: 'x',
        updated_at: 'x',
        html_url: 'u',
      });
    mockConfig(null);
    const payload = webhookExample('issue_comment', 'created');
    payload.issue = { ...payload.issue, number: 7, pull_request: { url: 'x' }, labels: [{ name: 'greenlight' }] };
    payload.comment = { ...payload.comment, id: 555, body: '/fix', user: user('bob') };
    payload.sender = user('bob');
    payload.installation = { id: 1 };
    await h.receive('issue_comment', payload);
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (0 of 1)');
    expect(JSON.parse(written(writes).external_id).requesters).toEqual(['alice', 'bob']);
  });
});

describe('pushers do not count (docs/security.md §34)', () => {
  const REQUESTED = JSON.stringify({ v: 1, tier: 'medium', requesters: ['alice'] });

  it('a maintainer pushes a commit and approves → pending; another maintainer approves → success', async () => {
    let h = await harness();
    mockToken();
    let writes = mockGate({
      labelers: [],
      headRuns: [{ id: 20, appId: APP_ID, externalId: REQUESTED }],
      commits: [
        {
          sha: 'f'.repeat(40),
          author: null,
          name: 'greenlight[bot]',
          email: 'greenlight[bot]@users.noreply.github.com',
        },
        { sha: HEAD, author: 'bob' },
      ],
      reviews: [{ login: 'bob' }],
      permissions: { bob: 'maintain' },
    });
    await h.receive('pull_request_review', reviewEvent());
    let check = written(writes);
    expect(check.status).toBe('in_progress');
    expect(check.output.title).toBe('Waiting for 1 more approval (0 of 1)');
    expect(check.output.summary).toContain(
      "**Not counted, because they pushed to this pull request's branch:** @bob (pushed commits to the branch (aaaaaaa)).",
    );
    expect(check.output.summary).toContain(
      '| @bob | approved on `aaaaaaa` | no: pushed commits to the branch (aaaaaaa) |',
    );
    expect(nock.pendingMocks()).toEqual([]);

    h = await harness();
    mockToken();
    writes = mockGate({
      labelers: [],
      headRuns: [{ id: 20, appId: APP_ID, externalId: REQUESTED }],
      commits: [{ sha: HEAD, author: 'bob' }],
      reviews: [{ login: 'bob' }, { login: 'carol' }],
      permissions: { bob: 'maintain', carol: 'maintain' },
    });
    await h.receive('pull_request_review', reviewEvent());
    check = written(writes);
    expect([check.status, check.conclusion, check.output.title]).toEqual(['completed', 'success', 'Approved (1 of 1)']);
  });

  it('remembers who pushed (the API does not say), so that their later approval does not count', async () => {
    let h = await harness();
    mockToken();
    const push = pushEvent();
    push.sender = { ...push.sender, login: 'erin', type: 'User' };
    let writes = mockGate({ labelers: [], beforeRuns: [{ id: 20, appId: APP_ID, externalId: REQUESTED }] });
    await h.receive('pull_request', push);
    const memo = JSON.parse(written(writes).external_id);
    expect(memo.pushers).toEqual(['erin']);

    // erin wrote the commit under another name; only the remembered push says it was her.
    h = await harness();
    mockToken();
    writes = mockGate({
      labelers: [],
      headRuns: [{ id: 31, appId: APP_ID, externalId: JSON.stringify(memo) }],
      commits: [{ sha: HEAD, author: null, name: 'Someone Else', email: 'someone@example.com' }],
      reviews: [{ login: 'erin' }],
      permissions: { erin: 'admin' },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).output.summary).toContain('| @erin | approved on `aaaaaaa` | no: pushed to the branch |');
    expect(written(writes).status).toBe('in_progress');
  });

  it('gate.excludePushers: false lets a pusher approve', async () => {
    const h = await harness();
    mockToken();
    const pushedByBob = JSON.stringify({ v: 1, tier: 'medium', requesters: ['alice'], pushers: ['bob'] });
    const writes = mockGate({
      config: 'gate:\n  excludePushers: false\n',
      labelers: [],
      headRuns: [{ id: 20, appId: APP_ID, externalId: pushedByBob }],
      reviews: [{ login: 'bob' }],
      permissions: { bob: 'maintain' },
      // No commits are listed at all when pushers are not excluded.
      commits: 'unread',
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).conclusion).toBe('success');
  });

  it("asks the tier's reviewers and the code owners to review, never a pusher or the requester", async () => {
    const h = await harness();
    mockToken();
    const writes = mockGate({
      config: 'review:\n  medium:\n    reviewers: [alice, bob, frank]\n    teams: ["@acme/qa"]\n',
      labelers: [],
      headRuns: [{ id: 20, appId: APP_ID, externalId: REQUESTED }],
      commits: [{ sha: HEAD, author: 'bob' }],
      codeowners: '* @grace @acme/platform\n',
      requested: { reviewers: ['frank', 'grace'], team_reviewers: ['qa', 'platform'] },
    });
    await h.receive('pull_request_review', reviewEvent());
    expect(written(writes).output.title).toBe('Waiting for 1 more approval (0 of 1)');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
