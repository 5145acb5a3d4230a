/**
 * The world of an end-to-end run of the BUNDLED Action (dist/index.js, built fresh into
 * a temp dir by the same build script), run as the Actions runtime runs it — a Node 24
 * child process with INPUT_* and GITHUB_* set and an event file — against local HTTP
 * servers standing in for GitHub and Anthropic, with a real workspace whose `origin` is
 * a local bare repository, the real engine, sandbox (bwrap) and test runner.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildBundles } from '../../scripts/build.ts';
import { parseStepOutputs } from '../action/step-outputs.ts';
import { webhookExample } from '../fakes/webhook-example.ts';
import { createCalcRepo, FAST_CONFIG, type CalcRepoOptions } from '../fixtures/repos/calc-repo.ts';
import { FakeAnthropic } from './fake-anthropic.ts';
import { FakeGitHub } from './fake-github.ts';

export const TOKEN = 'ghs_e2eActionToken0123456789abcdefABCDEF';
export const MODEL_KEY = 'sk-ant-api03-e2eActionKey-0123456789abcdefghijklmnopqrstuvwxyzABCD-efghAA';
const NODE = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'node');

export const clampTest = (cases: string[]) =>
  [
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { clamp } from '../src/calc.js';",
    '',
    ...cases,
    '',
  ].join('\n');
export interface World {
  dir: string;
  origin: string;
  github: FakeGitHub;
  anthropic: FakeAnthropic;
  /** actions/checkout of `ref` (default: main), with the credential header it persists. */
  checkout(ref?: string): string;
  /** Pushes `files` as a new commit on `branch` of origin (from `from`, default main), by Bob unless `author` says. */
  push(
    branch: string,
    files: Record<string, string>,
    message: string,
    from?: string,
    author?: { name: string; email: string },
  ): string;
  run(
    event: string,
    payload: unknown,
    options?: { inputs?: Record<string, string>; workspace?: string; runId?: string; env?: Record<string, string> },
  ): Promise<ActionRun>;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

let bundleDir = '';
const worlds: World[] = [];

/**
 * For a test file of end-to-end runs: builds the bundles once before its tests, removes
 * them after, and stops and removes every world after each test. Returns `world`.
 */
export function bundledAction(): { world: typeof world } {
  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'greenlight-e2e-dist-'));
    await buildBundles(bundleDir);
    // dist/ sits under the repository's package.json ("type": "module"), as in the runner.
    writeFileSync(join(bundleDir, 'package.json'), '{ "type": "module" }\n');
  }, 120_000);
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const w of worlds.splice(0)) {
      await w.github.stop();
      await w.anthropic.stop();
      rmSync(w.dir, { recursive: true, force: true });
    }
  });
  return { world };
}

/** A world around the calc repository with `config` (and `files` replaced or added) on main. */
async function world(config: string = FAST_CONFIG, files: CalcRepoOptions['files'] = {}): Promise<World> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-e2e-')));
  const source = createCalcRepo({ config, files });
  const origin = join(dir, 'origin.git');
  execFileSync('git', ['clone', '-q', '--bare', source.root, origin]);
  source.remove();
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-C', cwd, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
    });
  const github = new FakeGitHub(origin);
  const anthropic = new FakeAnthropic();
  const [githubUrl, anthropicUrl] = await Promise.all([github.start(), anthropic.start()]);
  let n = 0;
  const w: World = {
    dir,
    origin,
    github,
    anthropic,
    checkout(ref = 'main') {
      const ws = join(dir, `workspace-${++n}`);
      execFileSync('git', ['clone', '-q', '--branch', ref, `file://${origin}`, ws]);
      // What actions/checkout leaves behind with persist-credentials (the default).
      git(
        ws,
        'config',
        '--local',
        'http.https://github.com/.extraheader',
        `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
      );
      return ws;
    },
    push(branch, files, message, from = 'main', author = { name: 'Bob', email: 'bob@example.com' }) {
      const ws = join(dir, `pusher-${++n}`);
      execFileSync('git', ['clone', '-q', '--branch', from, `file://${origin}`, ws]);
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(ws, path)), { recursive: true });
        writeFileSync(join(ws, path), content);
      }
      git(ws, 'add', '--all');
      // The test setup's GIT_AUTHOR_*/GIT_COMMITTER_* would win over -c user.*: name the author that way too.
      execFileSync('git', ['-C', ws, 'commit', '-q', '-m', message], {
        env: {
          ...process.env,
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
        },
      });
      git(ws, 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
      return git(ws, 'rev-parse', 'HEAD').trim();
    },
    async run(event, payload, options = {}) {
      const runDir = join(dir, `run-${++n}`);
      mkdirSync(join(runDir, 'temp'), { recursive: true });
      mkdirSync(join(runDir, 'home'));
      const files = {
        event: join(runDir, 'event.json'),
        output: join(runDir, 'output'),
        summary: join(runDir, 'summary'),
      };
      writeFileSync(files.event, JSON.stringify(payload));
      writeFileSync(files.output, '');
      writeFileSync(files.summary, '');
      const workspace = options.workspace ?? w.checkout();
      const inputs = {
        github_token: TOKEN,
        anthropic_api_key: MODEL_KEY,
        mode: 'auto',
        config_path: '.github/greenlight.yml',
        dry_run: 'false',
        ...options.inputs,
      };
      const env: Record<string, string> = {
        PATH: `${dirname(realpathSync(NODE))}:/usr/local/bin:/usr/bin:/bin`,
        HOME: join(runDir, 'home'),
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_WORKSPACE: workspace,
        GITHUB_API_URL: githubUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: options.runId ?? '9001',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'greenlight',
        RUNNER_TEMP: join(runDir, 'temp'),
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        ANTHROPIC_BASE_URL: anthropicUrl,
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
        ...options.env,
      };
      const result = await execa(NODE, [join(bundleDir, 'index.js')], {
        cwd: workspace,
        env,
        extendEnv: false,
        reject: false,
        timeout: 150_000,
      });
      return {
        code: result.exitCode ?? -1,
        stdout: String(result.stdout),
        stderr: String(result.stderr),
        outputs: parseStepOutputs(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        workspace,
      };
    },
  };
  worlds.push(w);
  github.permissions.set('alice', 'write');
  github.permissions.set('carol', 'read');
  return w;
}

export function labeled(number: number, sender = 'alice') {
  const payload = webhookExample('issues', 'labeled');
  payload.repository.full_name = 'acme/shop';
  payload.issue.number = number;
  payload.label.name = 'ai-generate';
  payload.sender.login = sender;
  payload.sender.id = sender === 'alice' ? 1001 : 2002;
  payload.sender.type = 'User';
  return payload;
}

export function fixComment(number: number, body: string, id: number) {
  const payload = webhookExample('issue_comment', 'created');
  payload.repository.full_name = 'acme/shop';
  payload.issue.number = number;
  payload.issue.pull_request = { url: `https://api.github.com/repos/acme/shop/pulls/${number}` };
  payload.comment.id = id;
  payload.comment.body = body;
  payload.comment.user.login = 'alice';
  payload.comment.user.id = 1001;
  payload.sender.login = 'alice';
  return payload;
}

export const branches = (w: World) =>
  execFileSync('git', ['-C', w.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
export const show = (w: World, rev: string) => execFileSync('git', ['-C', w.origin, 'show', rev], { encoding: 'utf8' });

/** Everything a user or an artifact sees. */
export function published(w: World, run: ActionRun): string {
  const audit =
    run.outputs['audit_log'] !== undefined && existsSync(run.outputs['audit_log'])
      ? readFileSync(run.outputs['audit_log'], 'utf8')
      : '';
  return [
    run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    run.stderr,
    run.summary,
    audit,
    ...w.github.comments.map((c) => c.body),
    ...[...w.github.pulls.values()].map((p) => `${p.title}\n${p.body}`),
    ...w.github.checkRuns.map((r) => JSON.stringify(r)),
  ].join('\n');
}
