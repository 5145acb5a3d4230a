// The layer rules of eslint.config.js reject every arrow that points up or skips the
// composition, and keep the Action's logic and every renderer pure.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messagesFor(path: string, code: string): Promise<string[]> {
  const [result] = await lint.lintText(`${code}\nexport {};\n`, { filePath: path });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const restricted = (messages: string[]) => messages.filter((m) => /no-restricted-(imports|globals)/.test(m));

describe('architecture rules', () => {
  it.each([
    // faces ↛ adapters: they get adapters from src/compose
    ['src/action/example.ts', "import { git } from '../adapters/git/run-git.ts';", 'build them in src/compose'],
    [
      'src/app/example.ts',
      "import type { GitHubClient } from '../adapters/github/create-octokit.ts';",
      'build them in src/compose',
    ],
    [
      'src/cli/commands/example.ts',
      "import { readRepoIndex } from '../../adapters/context/read-repo-index.ts';",
      'build them in src/compose',
    ],
    [
      'src/demo/example.ts',
      "import { createReplayModel } from '../adapters/model/replay-model.ts';",
      'build them in src/compose',
    ],
    // adapters ↛ compose and faces (the publisher once imported compose/job.ts)
    [
      'src/adapters/publish/example.ts',
      "import type { JobResult } from '../../compose/run-job.ts';",
      'move the shared type down',
    ],
    ['src/adapters/github/example.ts', "import { x } from '../../app/greenlight-app.ts';", 'move the shared type down'],
    // ports ↛ core (and anything above)
    [
      'src/ports/example.ts',
      "import { countTokens } from '../core/text/count-tokens.ts';",
      'imports nothing but ports',
    ],
    ['src/ports/example.ts', "import { git } from '../adapters/git/run-git.ts';", 'imports nothing but ports'],
    // compose ↛ faces
    ['src/compose/example.ts', "import { runAction } from '../action/runner.ts';", 'must not import entrypoints'],
    // a face ↛ another face
    ['src/action/example.ts', "import { x } from '../app/greenlight-app.ts';", 'must not import another face'],
    ['src/app/example.ts', "import { x } from '../action/runner.ts';", 'must not import another face'],
    ['src/demo/example.ts', "import { x } from '../cli/run-command.ts';", 'must not import another face'],
    [
      'src/action/comments/render-x.ts',
      "import { x } from '../../app/comments/render-ack-comment.ts';",
      'another face',
    ],
    // core ↛ compose and faces
    ['src/core/example.ts', "import { runJob } from '../compose/run-job.ts';", 'must not import adapters'],
    ['src/core/example.ts', "import { runDemo } from '../demo/run-demo.ts';", 'must not import adapters'],
  ])('%s: rejects %s', async (path, code, says) => {
    const messages = restricted(await messagesFor(path, code));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(says);
  });

  it.each([
    // the Action's logic is pure; only its runtime edge touches the process and the disk
    ['src/action/run-requested.ts', "import { readFileSync } from 'node:fs';"],
    ['src/action/comments/render-example.ts', 'export const env = process.env;'],
    // every renderer of every face is pure
    ['src/app/comments/render-example.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/demo/render-example.ts', "import { execa } from 'execa';"],
    // ports hold types only
    ['src/ports/example.ts', "import { Octokit } from '@octokit/rest';"],
    ['src/ports/example.ts', 'export const f = fetch;'],
  ])('%s: rejects I/O in pure code: %s', async (path, code) => {
    expect(restricted(await messagesFor(path, code))).toHaveLength(1);
  });

  it.each([
    ['src/action/runner.ts', "import { runJob } from '../compose/run-job.ts';"],
    ['src/action/runtime-files.ts', "import { readFileSync } from 'node:fs';"],
    ['src/action/runner.ts', 'export const out = process.stdout;'],
    ['src/cli/commands/example.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/cli/commands/example.ts', "import { runDemo } from '../../demo/run-demo.ts';"],
    ['src/app/example.ts', "import { readRepoConfig } from '../core/config/read-repo-config.ts';"],
    ['src/demo/example.ts', "import type { Forge } from '../ports/forge.ts';"],
    ['src/compose/example.ts', "import { git } from '../adapters/git/run-git.ts';"],
    ['src/adapters/git/example.ts', "import { classifyRisk } from '../../core/risk/classify-risk.ts';"],
    ['src/adapters/git/example.ts', "import { GreenlightError } from '../../ports/errors.ts';"],
    ['src/core/example.ts', "import type { Forge } from '../ports/forge.ts';"],
    ['src/ports/example.ts', "import type { ModelErrorCode } from './model.ts';"],
  ])('%s: allows %s', async (path, code) => {
    expect(restricted(await messagesFor(path, code))).toEqual([]);
  });
});
