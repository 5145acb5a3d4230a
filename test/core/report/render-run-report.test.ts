import { describe, expect, it } from 'vitest';
import { runLoop } from '../../../src/core/loop/run-loop.ts';
import { renderRunReport } from '../../../src/core/report/render-run-report.ts';
import type { SandboxInfo } from '../../../src/ports/sandbox.ts';
import { createFakeLoop } from '../../fakes/create-fake-loop.ts';
import type { ScriptStep } from '../../fakes/fake-model.ts';
import { createFile, endTurn, strReplace } from '../../fakes/model-script.ts';
import { ADD_TEST, BUGGY_ADD, repoFiles } from '../loop/fixture.ts';

const bwrap: SandboxInfo = {
  driver: 'bwrap',
  networkIsolation: true,
  limits: {
    timeoutMs: 900_000,
    memoryMb: 4096,
    maxPids: 1024,
    maxOutputBytes: 4_000_000,
    maxDiskMb: 2048,
    maxFiles: 20_000,
  },
  warnings: [],
};
const risk =
  '### Risk: `low`\n\n| File | Tier | Why |\n| --- | --- | --- |\n| `src/add.test.ts` | low | unit tests only |';

describe('renderRunReport', () => {
  it('renders a verified change with every section and Closes #n', async () => {
    const files = { ...repoFiles(BUGGY_ADD), 'test/legacy.test.ts': "it('legacy', () => {}); // @fail\n" };
    const f = createFakeLoop({
      files,
      task: { requester: 'octocat' },
      script: [
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'a + b'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);
    const body = renderRunReport({ outcome, task: f.request.task, sandbox: bwrap, riskMarkdown: risk });

    expect(body).toMatchSnapshot();
    expect(body).toMatch(/\nCloses #42\n$/);
  });

  it('renders a run that gave up, with the reason, the kept state and the last failure', async () => {
    const f = createFakeLoop({
      files: repoFiles(BUGGY_ADD),
      config: { budgets: { maxIterations: 2 } },
      script: [
        createFile('src/add.test.ts', ADD_TEST),
        endTurn(),
        strReplace('src/add.ts', 'a - b', 'b - a'),
        endTurn(),
      ],
    });
    const outcome = await runLoop(f.request, f.deps);
    const body = renderRunReport({
      outcome,
      task: f.request.task,
      sandbox: { ...bwrap, driver: 'none', warnings: ['Sandbox driver "none": generated code ran WITHOUT isolation.'] },
    });

    expect(body).toMatchSnapshot();
    expect(body).not.toContain('Closes #');
  });

  it('renders a refusal without a files section', async () => {
    const refuse: ScriptStep = { content: [{ type: 'text', text: 'No.' }], stopReason: 'refusal' };
    const f = createFakeLoop({
      files: repoFiles(),
      task: { mode: 'fix', pullRequestNumber: 3, issueNumber: undefined },
      script: [refuse],
    });
    const outcome = await runLoop(f.request, f.deps);
    const body = renderRunReport({ outcome, task: f.request.task, sandbox: 'Sandbox: `bwrap`, network off.' });

    expect(body).toMatchSnapshot();
    expect(body).not.toContain('### Files changed');
  });

  it('says in the Sandbox section who the commands ran as, when the driver says it (a root engine)', async () => {
    const f = createFakeLoop({ files: repoFiles(), script: [createFile('src/add.test.ts', ADD_TEST), endTurn()] });
    const outcome = await runLoop(f.request, f.deps);
    const identity =
      'greenlight runs as root, so sandboxed commands run as the unprivileged user greenlight-sandbox (uid 65520), not as root.';
    const body = renderRunReport({ outcome, task: f.request.task, sandbox: { ...bwrap, identity } });

    expect(body).toContain(`4,000,000 bytes of output per stream.\n\n${identity}\n`);
  });

  it('renders untrusted titles and test names as inert code', async () => {
    const f = createFakeLoop({
      files: repoFiles(),
      task: { title: 'Hi @everyone <img src=x onerror=alert(1)> `rm`' },
      script: [createFile('src/add.test.ts', ADD_TEST), endTurn()],
    });
    const outcome = await runLoop(f.request, f.deps);
    const body = renderRunReport({ outcome, task: f.request.task, sandbox: bwrap });

    expect(body).toContain('**Task:** `` Hi @everyone <img src=x onerror=alert(1)> `rm` `` (issue #42)');
  });
});
