// The pieces of registration a browser does not show: the manifest keeps app.yml and
// takes this server's URLs, the page escapes it for its attribute, and .env is written
// so that Node's own parser reads back exactly what GitHub gave.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { appManifest } from '../../src/app/registration/app-manifest.ts';
import { escapeHtml, renderRegistrationPage } from '../../src/app/registration/registration-page.ts';
import { writeEnvFile } from '../../src/app/registration/write-env-file.ts';
import { PRIVATE_KEY } from './harness.ts';

const APP_YML = readFileSync(new URL('../../app.yml', import.meta.url), 'utf8');
const targets = { webhookUrl: 'https://smee.io/abc', redirectUrl: 'http://localhost:3000/setup/callback' };

describe('appManifest', () => {
  it("keeps app.yml and replaces its placeholder webhook URL with this server's", () => {
    const manifest = appManifest(APP_YML, targets);
    expect(manifest).toMatchObject({
      name: 'greenlight',
      public: false,
      hook_attributes: { url: 'https://smee.io/abc' },
      redirect_url: 'http://localhost:3000/setup/callback',
      default_events: ['issues', 'issue_comment', 'pull_request', 'pull_request_review', 'workflow_run'],
    });
    expect(JSON.stringify(manifest)).not.toContain('example.invalid');
  });
});

describe('the registration page', () => {
  it('escapes the manifest so that any character survives the attribute', () => {
    const manifest = appManifest(`name: x\ndescription: "it's <b>\\"quoted\\"</b> & more"\n`, targets);
    const html = renderRegistrationPage({
      manifest,
      formAction: 'https://github.com/settings/apps/new?state=s',
      warning: null,
    });
    const value = /name="manifest" value="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = value
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(JSON.parse(decoded)).toEqual(manifest);
    expect(value).not.toMatch(/['<>]/);
    expect(escapeHtml(`'"<>&`)).toBe('&#39;&quot;&lt;&gt;&amp;');
  });
});

describe('writeEnvFile', () => {
  it('keeps other lines, replaces the named keys, and round-trips a private key', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'greenlight-env-')), '.env');
    writeFileSync(path, '# mine\nLOG_LEVEL=debug\nAPP_ID=1\n');
    writeEnvFile(path, { APP_ID: '4242', PRIVATE_KEY: PRIVATE_KEY.trim(), WEBHOOK_SECRET: 'it\'s "secret"' });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# mine\nLOG_LEVEL=debug\nAPP_ID="4242"\n')).toBe(true);
    expect(parseEnv(text)).toEqual({
      LOG_LEVEL: 'debug',
      APP_ID: '4242',
      PRIVATE_KEY: PRIVATE_KEY.trim(),
      WEBHOOK_SECRET: 'it\'s "secret"',
    });
  });
});
