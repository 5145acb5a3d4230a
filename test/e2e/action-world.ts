/**
 * A world for end-to-end runs of the BUNDLED Action (dist/index.js, built fresh into a
 * temp dir by the same build script), run as the Actions runtime runs it: a Node 24
 * child process with INPUT_* and GITHUB_* set and an event file, against local HTTP
 * servers standing in for GitHub and Anthropic, with a real workspace whose `origin` is
 * a local bare repository, and the real engine, sandbox and test runner.
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
import { createCalcRepo, FAST_CONFIG, type FixtureRepo } from '../fixtures/repos/calc-repo.ts';
import { FakeAnthropic } from './fake-anthropic.ts';
import { FakeGitHub } from './fake-github.ts';

export const TOKEN = 'ghs_e2eActionToken0123456789abcdefABCDEF';
export const MODEL_KEY = 'sk-ant-api03-e2eActionKey-0123456789abcdefghijklmnopqrstuvwxyzABCD-efghAA';
const NODE = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'node');

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
  run(event: string, payload: unknown, options?: RunOptions): Promise<ActionRun>;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  workspace?: string;
  runId?: string;
  /** Extra variables of the job (secrets a workflow passes, for example). */
  env?: Record<string, string>;
  /** Prepares the checkout before the Action runs (the workflow's install step). */
  prepare?: (workspace: string) => void;
  /** Directories a setup step added to the job's PATH. */
  path?: string[];
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

export interface WorldOptions {
  config?: string;
  /** Extra or replaced files of the calc fixture. */
  files?: Record<string, string>;
  /** The repository to start origin from (default: the calc fixture with `config`). */
  repo?: () => FixtureRepo;
}

/**
 * Registers the hooks that build the bundles once per file and tear every world down;
 * returns the factory. Call it at the top level of a test file.
 */
export function actionWorlds(): (options?: WorldOptions) => Promise<World> {
  let bundleDir = '';
  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'greenlight-e2e-dist-'));
    await buildBundles(bundleDir);
    // dist/ sits under the repository's package.json ("type": "module"), as in the runner.
    writeFileSync(join(bundleDir, 'package.json'), '{ "type": "module" }\n');
  }, 120_000);
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));
  const worlds: World[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) {
      await world.github.stop();
      await world.anthropic.stop();
      rmSync(world.dir, { recursive: true, force: true });
    }
  });
  return async (options = {}) => {
    const w = await createWorld(() => bundleDir, options);
    worlds.push(w);
    return w;
  };
}

async function createWorld(bundles: () => string, options: WorldOptions): Promise<World> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-e2e-')));
  const source =
    options.repo?.() ?? createCalcRepo({ config: options.config ?? FAST_CONFIG, files: options.files ?? {} });
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
    async run(event, payload, runOptions = {}) {
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
      const workspace = runOptions.workspace ?? w.checkout();
      runOptions.prepare?.(workspace);
      const inputs = {
        github_token: TOKEN,
        anthropic_api_key: MODEL_KEY,
        mode: 'auto',
        config_path: '.github/greenlight.yml',
        dry_run: 'false',
        ...runOptions.inputs,
      };
      const env: Record<string, string> = {
        PATH: [dirname(realpathSync(NODE)), '/usr/local/bin', '/usr/bin', '/bin', ...(runOptions.path ?? [])].join(':'),
        HOME: join(runDir, 'home'),
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_WORKSPACE: workspace,
        GITHUB_API_URL: githubUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: runOptions.runId ?? '9001',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'greenlight',
        RUNNER_TEMP: join(runDir, 'temp'),
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        ANTHROPIC_BASE_URL: anthropicUrl,
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
        ...runOptions.env,
      };
      const result = await execa(NODE, [join(bundles(), 'index.js')], {
        cwd: workspace,
        env,
        extendEnv: false,
        reject: false,
        timeout: 240_000,
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
  github.permissions.set('alice', 'write');
  github.permissions.set('carol', 'read');
  return w;
}

/** An `issues.labeled` delivery with the trigger label, from a real example payload. */
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

/** A new `/fix` comment on pull request `number`, from a real example payload. */
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

/** The branches of origin. */
export const branches = (w: World): string[] =>
  execFileSync('git', ['-C', w.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');

/** `git show REV` in origin. */
export const show = (w: World, rev: string): string =>
  execFileSync('git', ['-C', w.origin, 'show', rev], { encoding: 'utf8' });

/** Every file of every branch of origin except main, as `branch:path\ncontent` blocks. */
export function pushedContents(w: World): string {
  const out: string[] = [];
  for (const branch of branches(w).filter((b) => b !== 'main' && b !== '')) {
    const paths = execFileSync('git', ['-C', w.origin, 'ls-tree', '-r', '--name-only', branch], { encoding: 'utf8' })
      .split('\n')
      .filter((p) => p !== '');
    for (const path of paths) out.push(`${branch}:${path}\n${show(w, `${branch}:${path}`)}`);
  }
  return out.join('\n');
}

/** Everything a user or an artifact sees: logs, the job summary, the audit log, comments, pull requests, checks. */
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
