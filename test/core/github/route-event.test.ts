import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { routeEvent, type RouteMode } from '../../../src/core/github/route-event.ts';
import { webhookExample, type ExamplePayload } from '../../fakes/webhook-example.ts';

const config = defaultConfig();
const withBots = { trigger: { ...config.trigger, allowedBots: ['renovate[bot]'] } };
const options = { botLogin: 'greenlight[bot]', modeInput: 'auto' as RouteMode };
const repo = { owner: 'Codertocat', repo: 'Hello-World' };
const dispatchRepo = { owner: 'octo-org', repo: 'octo-repo' };
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

function labeled(label = 'ai-generate'): ExamplePayload {
  const payload = webhookExample('issues', 'labeled');
  payload.label.name = label;
  return payload;
}

function prComment(body: string, action = 'created'): ExamplePayload {
  const payload = webhookExample('issue_comment', action);
  payload.comment.body = body;
  payload.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
  return payload;
}

function asBot(payload: ExamplePayload, login: string): ExamplePayload {
  payload.sender = { ...payload.sender, login, type: 'Bot' };
  if (payload.comment) payload.comment.user = { ...payload.comment.user, login, type: 'Bot' };
  return payload;
}

function greenlightPr(payload: ExamplePayload): ExamplePayload {
  payload.pull_request.labels = [{ name: 'greenlight' }, { name: 'risk:medium' }];
  return payload;
}

function dispatch(inputs: Record<string, unknown>, sender?: { login: string; type: string }): ExamplePayload {
  const payload = webhookExample('workflow_dispatch', undefined, 1);
  payload.inputs = inputs;
  if (sender) payload.sender = { ...payload.sender, ...sender };
  return payload;
}

describe('routeEvent: issues', () => {
  it('routes the trigger label to a generate run for the labeler', () => {
    expect(routeEvent('issues', labeled(), config, options)).toEqual({
      kind: 'generate',
      repo,
      installationId: null,
      issue: 1,
      requester: { login: 'Codertocat', isBot: false },
      source: 'label',
    });
  });

  it('matches the label case-insensitively, as GitHub does', () => {
    expect(routeEvent('issues', labeled('AI-Generate'), config, options).kind).toBe('generate');
  });

  it('uses the configured label (and the installation id when the App delivers)', () => {
    const payload = labeled('bot: tests');
    payload.installation = { id: 42 };
    const route = routeEvent('issues', payload, { trigger: { ...config.trigger, label: 'bot: tests' } }, options);
    expect(route).toMatchObject({ kind: 'generate', installationId: 42 });
  });

  it.each([
    ['another label', () => labeled('bug'), "label 'bug' is not the trigger label 'ai-generate'"],
    ['an opened issue', () => webhookExample('issues', 'opened'), 'only a newly added'],
    [
      'an unlabeled issue',
      () => {
        const p = webhookExample('issues', 'unlabeled');
        p.label.name = 'ai-generate';
        return p;
      },
      'only a newly added',
    ],
    [
      'a closed issue',
      () => {
        const p = labeled();
        p.issue.state = 'closed';
        return p;
      },
      'issue #1 is closed',
    ],
    [
      'a pull request',
      () => {
        const p = labeled();
        p.issue.pull_request = { url: 'x' };
        return p;
      },
      'is a pull request',
    ],
    [
      'a bot sender',
      () => asBot(labeled(), 'dependabot[bot]'),
      '@dependabot[bot] is a bot that is not in trigger.allowedBots',
    ],
    [
      'greenlight itself',
      () => {
        const p = labeled();
        p.sender.login = 'greenlight[bot]';
        return p;
      },
      'greenlight itself',
    ],
  ])('ignores %s', (_name, make, reason) => {
    const route = routeEvent('issues', make(), config, options);
    expect(route.kind).toBe('ignore');
    expect(route.kind === 'ignore' && route.reason).toContain(reason);
  });

  it('accepts an allowlisted bot', () => {
    const route = routeEvent('issues', asBot(labeled(), 'renovate[bot]'), withBots, options);
    expect(route).toMatchObject({ kind: 'generate', requester: { login: 'renovate[bot]', isBot: true } });
  });
});

describe('routeEvent: issue_comment', () => {
  it('routes a fix command on a pull request, with the rest as the instruction', () => {
    const route = routeEvent(
      'issue_comment',
      prComment('/fix add a test for the empty input\nand keep it small'),
      config,
      options,
    );
    expect(route).toEqual({
      kind: 'fix',
      repo,
      installationId: null,
      pr: 1,
      instruction: 'add a test for the empty input\nand keep it small',
      commentId: 492700400,
      reviewId: null,
      requester: { login: 'Codertocat', isBot: false },
      headSha: null,
      source: 'comment',
    });
  });

  it.each([
    ['/fix', ''],
    ['  \n\t/fix   handle nulls  ', 'handle nulls'],
    ['/fix\nline two', 'line two'],
  ])('accepts %j', (body, instruction) => {
    expect(routeEvent('issue_comment', prComment(body), config, options)).toMatchObject({ kind: 'fix', instruction });
  });

  it('uses the configured command', () => {
    const trigger = { ...config.trigger, fixCommand: '/greenlight' };
    expect(routeEvent('issue_comment', prComment('/greenlight go'), { trigger }, options)).toMatchObject({
      kind: 'fix',
      instruction: 'go',
    });
    expect(routeEvent('issue_comment', prComment('/fix go'), { trigger }, options).kind).toBe('ignore');
  });

  it.each([
    ['a word that merely starts with the command', () => prComment('/fixes #12'), "does not start with '/fix'"],
    ['a hyphenated command', () => prComment('/fix-it now'), "does not start with '/fix'"],
    ['the command in the middle', () => prComment('please /fix this'), "does not start with '/fix'"],
    [
      'an ordinary comment (real payload)',
      () => webhookExample('issue_comment', 'created'),
      "does not start with '/fix'",
    ],
    ['an edited comment', () => prComment('/fix it', 'edited'), 'edited or deleted ones never do'],
    ['a deleted comment', () => prComment('/fix it', 'deleted'), 'edited or deleted ones never do'],
    [
      'a comment on an issue',
      () => {
        const p = prComment('/fix it');
        delete p.issue.pull_request;
        return p;
      },
      'works on pull requests',
    ],
    [
      'a closed pull request',
      () => {
        const p = prComment('/fix it');
        p.issue.state = 'closed';
        return p;
      },
      'pull request #1 is closed',
    ],
    ["greenlight's own comment", () => asBot(prComment('/fix it'), 'greenlight[bot]'), 'greenlight itself'],
    ['a bot', () => asBot(prComment('/fix it'), 'github-actions[bot]'), 'not in trigger.allowedBots'],
    [
      'a null body',
      () => {
        const p = prComment('');
        p.comment.body = null;
        return p;
      },
      "does not start with '/fix'",
    ],
  ])('ignores %s', (_name, make, reason) => {
    const route = routeEvent('issue_comment', make(), config, options);
    expect(route.kind).toBe('ignore');
    expect(route.kind === 'ignore' && route.reason).toContain(reason);
  });

  it("ignores greenlight's own comment even when its login is not a [bot] login", () => {
    const payload = prComment('/fix it');
    payload.sender.login = 'greenlight-user';
    payload.comment.user.login = 'greenlight-user';
    const route = routeEvent('issue_comment', payload, config, { ...options, botLogin: 'Greenlight-User' });
    expect(route).toMatchObject({ kind: 'ignore' });
  });

  it('accepts an allowlisted bot', () => {
    expect(routeEvent('issue_comment', asBot(prComment('/fix bump'), 'renovate[bot]'), withBots, options).kind).toBe(
      'fix',
    );
  });
});

describe('routeEvent: workflow_dispatch', () => {
  it('routes an issue input to generate for the human who dispatched', () => {
    expect(routeEvent('workflow_dispatch', dispatch({ issue: '7' }), config, options)).toEqual({
      kind: 'generate',
      repo: dispatchRepo,
      installationId: null,
      issue: 7,
      requester: { login: 'Codertocat', isBot: false },
      source: 'dispatch',
    });
  });

  it('routes a pr input to fix, with the requester, head SHA and comment the App recorded', () => {
    const payload = dispatch(
      { pr: 12, requester: 'octocat', head_sha: SHA, comment_id: '99', instruction: 'add tests' },
      { login: 'greenlight[bot]', type: 'Bot' },
    );
    expect(routeEvent('workflow_dispatch', payload, config, options)).toEqual({
      kind: 'fix',
      repo: dispatchRepo,
      installationId: null,
      pr: 12,
      instruction: 'add tests',
      commentId: 99,
      reviewId: null,
      requester: { login: 'octocat', isBot: false },
      headSha: SHA,
      source: 'dispatch',
    });
  });

  it('routes a pr input to gate in gate mode', () => {
    const route = routeEvent('workflow_dispatch', dispatch({ pr: '12', head_sha: SHA }), config, {
      ...options,
      modeInput: 'gate',
    });
    expect(route).toEqual({
      kind: 'gate',
      repo: dispatchRepo,
      installationId: null,
      pr: 12,
      headSha: SHA,
      source: 'dispatch',
    });
  });

  it.each([
    ['no inputs (real payload)', () => webhookExample('workflow_dispatch', undefined, 0), "give an 'issue' input"],
    ['empty inputs from the form', () => dispatch({ issue: '', pr: '' }), "give an 'issue' input"],
    [
      'a person naming someone else as requester',
      () => dispatch({ issue: '3', requester: 'octocat' }),
      'only the greenlight App dispatches',
    ],
    [
      'the App without a requester',
      () => dispatch({ issue: '3' }, { login: 'greenlight[bot]', type: 'Bot' }),
      'greenlight itself',
    ],
    [
      'a bot requester not allowlisted',
      () => dispatch({ issue: '3', requester: 'evil[bot]' }, { login: 'greenlight[bot]', type: 'Bot' }),
      'not in trigger.allowedBots',
    ],
  ])('ignores %s', (_name, make, reason) => {
    const route = routeEvent('workflow_dispatch', make(), config, options);
    expect(route.kind).toBe('ignore');
    expect(route.kind === 'ignore' && route.reason).toContain(reason);
  });

  it('accepts a person naming themselves as requester', () => {
    expect(
      routeEvent('workflow_dispatch', dispatch({ issue: '#3', requester: 'codertocat' }), config, options),
    ).toMatchObject({ kind: 'generate', issue: 3 });
  });

  it.each([
    [{ issue: 'abc' }, "input 'issue' must be an issue number, got 'abc'"],
    [{ pr: '1.5' }, "input 'pr' must be a pull request number"],
    [{ issue: '1', pr: '2' }, "both 'issue' (1) and 'pr' (2)"],
    [{ pr: '2', head_sha: 'main' }, "'head_sha' must be a full commit SHA"],
    [{ pr: '2', requester: 'a b' }, "'requester' must be a GitHub login"],
  ])('rejects malformed inputs %j', (inputs, message) => {
    expect(() => routeEvent('workflow_dispatch', dispatch(inputs), config, options)).toThrow(message);
  });
});

describe('routeEvent: review gate', () => {
  it.each([
    ['submitted', null],
    ['dismissed', 1],
  ])('routes a %s review on a greenlight PR to gate', (action, installationId) => {
    const route = routeEvent(
      'pull_request_review',
      greenlightPr(webhookExample('pull_request_review', action)),
      config,
      options,
    );
    expect(route).toEqual({ kind: 'gate', repo, installationId, pr: 2, headSha: SHA, source: 'review' });
  });

  it('routes a push (synchronize) to gate, whoever pushed — greenlight included', () => {
    const payload = greenlightPr(webhookExample('pull_request', 'synchronize'));
    payload.sender = { ...payload.sender, login: 'greenlight[bot]', type: 'Bot' };
    expect(routeEvent('pull_request', payload, config, options)).toEqual({
      kind: 'gate',
      repo,
      installationId: 1,
      pr: 2,
      headSha: SHA,
      source: 'push',
    });
  });

  it('accepts pull_request_target as the push event', () => {
    expect(
      routeEvent('pull_request_target', greenlightPr(webhookExample('pull_request', 'synchronize')), config, options)
        .kind,
    ).toBe('gate');
  });

  it.each([
    [
      'a review on a PR without the greenlight label',
      'pull_request_review',
      () => webhookExample('pull_request_review', 'submitted'),
      "no 'greenlight' label",
    ],
    [
      'an opened pull request',
      'pull_request',
      () => greenlightPr(webhookExample('pull_request', 'opened')),
      'only new pushes',
    ],
    [
      'a closed pull request',
      'pull_request',
      () => {
        const p = greenlightPr(webhookExample('pull_request', 'synchronize'));
        p.pull_request.state = 'closed';
        return p;
      },
      'is closed',
    ],
    [
      'an edited review',
      'pull_request_review',
      () => {
        const p = greenlightPr(webhookExample('pull_request_review', 'submitted'));
        p.action = 'edited';
        return p;
      },
      'only submitted or dismissed',
    ],
    ['an unknown event', 'push', () => webhookExample('pull_request', 'opened'), "does not act on 'push' events"],
  ])('ignores %s', (_name, event, make, reason) => {
    const route = routeEvent(event, make(), config, options);
    expect(route.kind).toBe('ignore');
    expect(route.kind === 'ignore' && route.reason).toContain(reason);
  });
});

function review(state: string, body: string | null = 'Looks off.', login = 'Codertocat'): ExamplePayload {
  const payload = greenlightPr(webhookExample('pull_request_review', 'submitted'));
  payload.review.state = state;
  payload.review.body = body;
  payload.review.user = { ...payload.review.user, login };
  return payload;
}

describe('routeEvent: review comments', () => {
  it('routes a review requesting changes on a greenlight PR to a fix of its comments, for the reviewer, at the reviewed head', () => {
    expect(routeEvent('pull_request_review', review('changes_requested'), config, options)).toEqual({
      kind: 'fix',
      repo,
      installationId: null,
      pr: 2,
      instruction: 'Looks off.',
      commentId: null,
      reviewId: 237895671,
      requester: { login: 'Codertocat', isBot: false },
      headSha: SHA,
      source: 'review',
    });
  });

  it('routes a review whose body starts with the fix command, whatever its state; the rest is the instruction', () => {
    expect(routeEvent('pull_request_review', review('commented', '/fix all of these'), config, options)).toMatchObject({
      kind: 'fix',
      instruction: 'all of these',
      reviewId: 237895671,
      source: 'review',
    });
  });

  it('leaves a review requesting changes to the gate when trigger.fixOnChangesRequested is off (the command still works)', () => {
    const off = { trigger: { ...config.trigger, fixOnChangesRequested: false } };
    expect(routeEvent('pull_request_review', review('changes_requested'), off, options).kind).toBe('gate');
    expect(routeEvent('pull_request_review', review('changes_requested', '/fix'), off, options).kind).toBe('fix');
  });

  it.each([
    ['an approval', () => review('approved'), 'gate'],
    ['a comment review', () => review('commented'), 'gate'],
    [
      'a review on a pull request without the label',
      () => {
        const p = review('changes_requested');
        p.pull_request.labels = [];
        return p;
      },
      'ignore',
    ],
  ])('routes %s to the gate as before', (_name, make, kind) => {
    expect(routeEvent('pull_request_review', make(), config, options).kind).toBe(kind);
  });

  it('always routes reviews to the gate in gate mode (the gate workflow)', () => {
    expect(
      routeEvent('pull_request_review', review('changes_requested'), config, { ...options, modeInput: 'gate' }).kind,
    ).toBe('gate');
  });

  it('ignores a bot reviewer that is not allowlisted, and greenlight itself', () => {
    for (const login of ['github-actions[bot]', 'greenlight[bot]']) {
      const payload = review('changes_requested', 'x', login);
      payload.review.user.type = 'Bot';
      const route = routeEvent('pull_request_review', payload, config, options);
      expect(route.kind).toBe('ignore');
    }
  });
});

function failedRun(): ExamplePayload {
  const payload = webhookExample('workflow_run', 'completed', 2);
  payload.workflow_run.conclusion = 'failure';
  payload.workflow_run.head_repository = { ...payload.workflow_run.head_repository, full_name: 'octo-org/octo-repo' };
  return payload;
}

describe('routeEvent: CI repair', () => {
  const ownWorkflow = { ...options, ownWorkflowPath: '.github/workflows/greenlight.yml' };

  it('routes a failed run of pull requests to a repair of them, at the run’s head', () => {
    expect(routeEvent('workflow_run', failedRun(), config, ownWorkflow)).toEqual({
      kind: 'repair',
      repo: dispatchRepo,
      installationId: null,
      runId: 289782451,
      prs: [2],
      headSha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
      source: 'workflow_run',
    });
  });

  it.each([
    [
      'a successful run (real payload)',
      () => webhookExample('workflow_run', 'completed', 1),
      "conclusion is 'success'",
    ],
    [
      'a cancelled run',
      () => {
        const p = failedRun();
        p.workflow_run.conclusion = 'cancelled';
        return p;
      },
      "conclusion is 'cancelled'",
    ],
    ['a requested run', () => webhookExample('workflow_run', 'requested'), 'only completed runs'],
    [
      "greenlight's own workflow",
      () => {
        const p = failedRun();
        p.workflow_run.path = '.github/workflows/greenlight.yml';
        return p;
      },
      "greenlight's own workflow",
    ],
    [
      "greenlight's own workflow, called with a ref",
      () => {
        const p = failedRun();
        p.workflow_run.path = '.github/workflows/Greenlight.yml@refs/heads/main';
        return p;
      },
      "greenlight's own workflow",
    ],
    [
      "greenlight's review gate workflow",
      () => {
        const p = failedRun();
        p.workflow_run.path = '.github/workflows/greenlight-gate.yml';
        return p;
      },
      "greenlight's own workflow",
    ],
    [
      'a run of a fork',
      () => {
        const p = failedRun();
        p.workflow_run.head_repository.full_name = 'mallory/octo-repo';
        return p;
      },
      'a fork',
    ],
    [
      'a run of no pull request (a push to a branch)',
      () => {
        const p = failedRun();
        p.workflow_run.pull_requests = [];
        return p;
      },
      'belongs to no pull request',
    ],
  ])('ignores %s', (_name, make, reason) => {
    const route = routeEvent('workflow_run', make(), config, ownWorkflow);
    expect(route.kind).toBe('ignore');
    expect(route.kind === 'ignore' && route.reason).toContain(reason);
  });

  it('routes a dispatch with pr and run_id to a repair, in auto and repair mode, but not in fix mode', () => {
    const payload = dispatch({ pr: '7', run_id: '555', head_sha: SHA }, { login: 'greenlight[bot]', type: 'Bot' });
    const expected = {
      kind: 'repair',
      repo: dispatchRepo,
      installationId: null,
      runId: 555,
      prs: [7],
      headSha: SHA,
      source: 'dispatch',
    };
    expect(routeEvent('workflow_dispatch', payload, config, options)).toEqual(expected);
    expect(routeEvent('workflow_dispatch', payload, config, { ...options, modeInput: 'repair' })).toEqual(expected);
    expect(routeEvent('workflow_dispatch', payload, config, { ...options, modeInput: 'fix' }).kind).toBe('ignore');
  });

  it('routes a dispatch with pr and review_id to a fix of that review', () => {
    const payload = dispatch(
      { pr: '7', review_id: '31', requester: 'octocat' },
      { login: 'greenlight[bot]', type: 'Bot' },
    );
    expect(routeEvent('workflow_dispatch', payload, config, options)).toMatchObject({
      kind: 'fix',
      pr: 7,
      reviewId: 31,
      requester: { login: 'octocat', isBot: false },
    });
  });

  it.each([
    [{ run_id: '5' }, "'run_id' (5) needs 'pr'"],
    [{ pr: '7', run_id: 'latest' }, "input 'run_id' must be a workflow run id"],
    [{ pr: '7', review_id: '-1' }, "input 'review_id' must be a review id"],
  ])('rejects malformed inputs %j', (inputs, message) => {
    expect(() => routeEvent('workflow_dispatch', dispatch(inputs), config, options)).toThrow(message);
  });
});

describe('routeEvent: explicit mode', () => {
  it.each([
    ['generate', 'issues', () => labeled(), 'generate'],
    ['fix', 'issues', () => labeled(), 'ignore'],
    ['gate', 'issue_comment', () => prComment('/fix x'), 'ignore'],
    ['fix', 'issue_comment', () => prComment('/fix x'), 'fix'],
    ['gate', 'pull_request', () => greenlightPr(webhookExample('pull_request', 'synchronize')), 'gate'],
    ['generate', 'pull_request', () => greenlightPr(webhookExample('pull_request', 'synchronize')), 'ignore'],
  ] as const)('mode %s on %s → %s', (mode, event, make, kind) => {
    const route = routeEvent(event, make(), config, { ...options, modeInput: mode });
    expect(route.kind).toBe(kind);
    if (route.kind === 'ignore') expect(route.reason).toContain(`mode is '${mode}'`);
  });
});

describe('routeEvent: malformed payloads', () => {
  it.each([
    [
      'issue_comment',
      () => {
        const p = prComment('/fix');
        delete p.comment.user;
        return p;
      },
      'comment.user is missing',
    ],
    [
      'issues',
      () => {
        const p = labeled();
        delete p.issue.number;
        return p;
      },
      'issue.number is missing',
    ],
    [
      'issues',
      () => {
        const p = labeled();
        delete p.sender;
        return p;
      },
      'sender is missing',
    ],
    [
      'pull_request_review',
      () => {
        const p = webhookExample('pull_request_review', 'submitted');
        delete p.pull_request.head;
        return p;
      },
      'pull_request.head is missing',
    ],
    [
      'issues',
      () => {
        const p = labeled();
        p.repository.full_name = 'no-slash';
        return p;
      },
      'repository.full_name: expected "owner/name"',
    ],
    ['issues', () => 'not json' as unknown as ExamplePayload, '(payload)'],
  ])('a broken %s payload is an event-invalid error naming the field', (event, make, message) => {
    let error: unknown;
    try {
      routeEvent(event, make(), config, options);
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'event-invalid')).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('does not validate events it does not route', () => {
    expect(routeEvent('star', { nothing: true }, config, options)).toEqual({
      kind: 'ignore',
      reason: "greenlight does not act on 'star' events",
    });
  });
});
