// A broken deployment does not look healthy: with APP_ID set, a missing or wrong
// credential, an unreachable GitHub or Redis stops `npm start` at once with exit code 1
// and ONE line on stderr naming what is wrong — no stack trace, no registration page,
// no port left listening.
import { describe, expect, it } from 'vitest';
import { PRIVATE_KEY } from '../harness.ts';
import { fakeGitHub, runEnv, spawnApp } from './harness.ts';

async function failsWith(env: Record<string, string>, line: RegExp): Promise<void> {
  const app = spawnApp(env);
  const code = await app.exited();
  expect(code, app.output()).toBe(1);
  const stderr = app.stderr().trimEnd().split('\n');
  expect(stderr, app.output()).toHaveLength(1);
  expect(stderr[0]).toMatch(line);
  expect(app.output()).not.toMatch(/\n\s+at /);
  expect(app.output()).not.toMatch(/registration page|Register GitHub App/);
  expect(app.logs().some((l) => l.msg === 'greenlight App listening')).toBe(false);
}

describe('npm start fails fast', () => {
  it('on a private key that is not a key', async () => {
    const github = await fakeGitHub();
    await failsWith(
      runEnv(github, { PRIVATE_KEY: 'notakey' }),
      /^greenlight app: PRIVATE_KEY is not the App's private key \(an RSA key in PEM format, as GitHub downloads it\): /,
    );
    expect(github.calls).toEqual([]);
  }, 60_000);

  it('on APP_ID without a private key (never setup mode)', async () => {
    const github = await fakeGitHub();
    const env = runEnv(github);
    delete env.PRIVATE_KEY;
    delete env.NODE_ENV;
    await failsWith(
      env,
      /^greenlight app: APP_ID is set but the private key is missing: set PRIVATE_KEY \(the PEM text\) or PRIVATE_KEY_PATH \(its file\)\.$/,
    );
  }, 60_000);

  it('on a key that GitHub refuses (another App, or a revoked key)', async () => {
    const github = await fakeGitHub();
    github.appStatus = 401;
    await failsWith(
      runEnv(github),
      /^greenlight app: GitHub refused the App's credentials \(401: A JSON web token could not be decoded\): APP_ID 1 and the private key must belong to the same App/,
    );
    expect(github.calls).toContain('GET /api/v3/app');
  }, 60_000);

  it('on a GitHub that cannot be reached', async () => {
    const github = await fakeGitHub();
    await github.close();
    await failsWith(
      runEnv(github),
      /^greenlight app: cannot reach GitHub at http:\/\/127\.0\.0\.1:\d+\/api\/v3 to check the App's credentials \(ECONNREFUSED\)/,
    );
  }, 60_000);

  it('on a Redis that cannot be reached, without showing its password', async () => {
    const github = await fakeGitHub();
    await failsWith(
      runEnv(github, { REDIS_URL: 'redis://:s3cret@127.0.0.1:1' }),
      /^greenlight app: REDIS_URL redis:\/\/:\*\*\*@127\.0\.0\.1:1: cannot reach Redis \(.*\)\. Start Redis or fix REDIS_URL\.$/,
    );
  }, 60_000);

  it('in production without APP_ID, instead of serving a registration page', async () => {
    await failsWith(
      { NODE_ENV: 'production' },
      /^greenlight app: APP_ID is not set: set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET/,
    );
  }, 60_000);

  it('on an App setting out of range', async () => {
    const github = await fakeGitHub();
    await failsWith(
      runEnv(github, { GREENLIGHT_QUEUE_INTERVAL_SECONDS: 'soon', PRIVATE_KEY }),
      /^greenlight app: GREENLIGHT_QUEUE_INTERVAL_SECONDS must be a number from 5 to 3600, got 'soon'\./,
    );
  }, 60_000);
});
