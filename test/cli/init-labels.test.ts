// `greenlight init --labels`: the labels are created through GitHub's API (mocked with
// nock; every mock must be used), existing ones skipped, in the repository `origin`
// names; the token comes from GITHUB_TOKEN or from a real `gh auth token` child process.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'greenlight-init-labels-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  writeFileSync(join(dir, 'package.json'), '{"scripts":{"test":"node --test"}}\n');
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['commit', '-q', '-m', 'start'], { cwd: dir });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const origin = (url: string) => execFileSync('git', ['remote', 'add', 'origin', url], { cwd: dir });

async function init(env: Record<string, string>, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(['init', '--labels', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
    env,
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const EXISTING = [{ name: 'AI-generate' }, { name: 'risk:low' }, { name: 'bug' }];
const MISSING = [
  'greenlight',
  'greenlight:needs-human',
  'risk:low-medium',
  'risk:medium',
  'risk:high',
  'risk:critical',
];

function expectCreated(api: string, names: readonly string[], token: string): void {
  const scope = nock(api, { reqheaders: { authorization: `token ${token}` } })
    .get('/repos/acme/shop/labels')
    .query({ per_page: 100 })
    .reply(200, EXISTING);
  for (const name of names)
    scope
      .post('/repos/acme/shop/labels', (body: { name: string; color: string; description: string }) => {
        return body.name === name && /^[0-9a-f]{6}$/.test(body.color) && body.description.length > 0;
      })
      .reply(201, { name });
}

describe('greenlight init --labels', () => {
  it('creates the missing labels with GITHUB_TOKEN, skipping those that exist whatever their case', async () => {
    origin('https://github.com/acme/shop.git');
    expectCreated('https://api.github.com', MISSING, 'ghp_test');
    const result = await init({ GITHUB_TOKEN: 'ghp_test' });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `Labels in acme/shop (token from GITHUB_TOKEN): created ${MISSING.join(', ')}; already there: AI-generate, risk:low.`,
    );
    expect(result.out).not.toContain('greenlight init --labels (with GITHUB_TOKEN');
  });

  it('with --dry-run lists what it would create and creates nothing', async () => {
    origin('git@github.com:acme/shop.git');
    expectCreated('https://api.github.com', [], 'ghp_test');
    const result = await init({ GITHUB_TOKEN: 'ghp_test' }, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`would create ${MISSING.join(', ')}; already there`);
  });

  it('creates the configured trigger label, on GitHub Enterprise Server through GITHUB_API_URL', async () => {
    origin('https://ghe.example.com/acme/shop.git');
    expectCreated('https://ghe.example.com/api/v3', ['ship-it', ...MISSING], 'ghp_test');
    const result = await init(
      { GITHUB_TOKEN: 'ghp_test', GITHUB_API_URL: 'https://ghe.example.com/api/v3' },
      '--label',
      'ship-it',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('created ship-it, greenlight,');
  });

  it("uses the GitHub CLI's token when no token is set", async () => {
    origin('https://github.com/acme/shop.git');
    const bin = join(dir, '.bin');
    mkdirSync(bin);
    // A stand-in gh that answers `gh auth token --hostname github.com` as the real one does.
    writeFileSync(
      join(bin, 'gh'),
      '#!/bin/sh\n[ "$1 $2 $3 $4" = "auth token --hostname github.com" ] && echo gho_from_cli && exit 0\nexit 1\n',
    );
    chmodSync(join(bin, 'gh'), 0o755);
    expectCreated('https://api.github.com', MISSING, 'gho_from_cli');
    const result = await init({ PATH: bin });
    expect(result.code).toBe(0);
    expect(result.out).toContain('(token from gh auth token)');
  });

  it('says how to get a token, and how to name the repository, when it has neither', async () => {
    const noToken = await init({ PATH: join(dir, 'nowhere') });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain('this checkout has no `origin` remote');
    origin('https://github.com/acme/shop.git');
    const missing = await init({ PATH: join(dir, 'nowhere') });
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      'greenlight init: init --labels needs a GitHub token that may write issues on the repository: set GITHUB_TOKEN, or log in with the GitHub CLI (gh auth login --hostname github.com).',
    );
  });

  it('names the permission when GitHub refuses', async () => {
    origin('https://github.com/acme/shop.git');
    nock('https://api.github.com')
      .get('/repos/acme/shop/labels')
      .query({ per_page: 100 })
      .reply(200, [])
      .post('/repos/acme/shop/labels')
      .reply(403, { message: 'Resource not accessible by personal access token' });
    const result = await init({ GITHUB_TOKEN: 'ghp_readonly' });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^greenlight init: .*create the label 'ai-generate'.*issues: write/s);
    // The files were written all the same, and the report says so and what is left.
    expect(result.out).toMatch(/created\s+\.github\/workflows\/greenlight\.yml/);
    expect(result.out).toContain('greenlight init --labels (with GITHUB_TOKEN set');
  });
});
