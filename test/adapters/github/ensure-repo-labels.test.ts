import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOctokit } from '../../../src/adapters/github/create-octokit.ts';
import { ensureRepoLabels } from '../../../src/adapters/github/ensure-repo-labels.ts';
import { greenlightLabels, repositoryLabels } from '../../../src/core/github/greenlight-labels.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const API = 'https://api.github.com';
const REPO = { owner: 'acme', repo: 'shop' };
const octokit = () => createOctokit({ token: 'test-token', retries: 0, throttle: false });

describe('repositoryLabels', () => {
  it('puts the trigger label first, then every label greenlight applies, the needs-human label included', () => {
    const names = repositoryLabels('ai-generate').map((label) => label.name);
    expect(names).toEqual([
      'ai-generate',
      'greenlight',
      'greenlight:needs-human',
      'risk:low',
      'risk:low-medium',
      'risk:medium',
      'risk:high',
      'risk:critical',
    ]);
    for (const label of repositoryLabels('ai-generate')) {
      expect(label.color).toMatch(/^[0-9a-f]{6}$/);
      expect(label.description.length).toBeGreaterThan(10);
    }
  });

  it('does not list a trigger label twice when it is also one greenlight applies', () => {
    expect(repositoryLabels('Greenlight').map((label) => label.name)).toEqual([
      'Greenlight',
      ...greenlightLabels()
        .map((label) => label.name)
        .filter((name) => name !== 'greenlight'),
    ]);
  });
});

describe('ensureRepoLabels', () => {
  it('creates only the missing labels (names compare without case) and says which it created', async () => {
    nock(API)
      .get('/repos/acme/shop/labels')
      .query({ per_page: 100 })
      .reply(200, [{ name: 'AI-Generate' }, { name: 'risk:low' }])
      .post('/repos/acme/shop/labels', { name: 'greenlight', color: '1d76db', description: /review gate/ })
      .reply(201, {})
      .post('/repos/acme/shop/labels', (body: { name: string }) => body.name === 'risk:high')
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists' }] });
    const result = await ensureRepoLabels(octokit(), REPO, [
      ...repositoryLabels('ai-generate').filter((l) => ['ai-generate', 'greenlight', 'risk:low'].includes(l.name)),
      greenlightLabels().find((l) => l.name === 'risk:high')!,
    ]);
    expect(result).toEqual({ created: ['greenlight'], existing: ['AI-Generate', 'risk:low', 'risk:high'] });
  });

  it('with dryRun lists what it would create and creates nothing', async () => {
    nock(API)
      .get('/repos/acme/shop/labels')
      .query({ per_page: 100 })
      .reply(200, [{ name: 'greenlight' }]);
    const result = await ensureRepoLabels(octokit(), REPO, repositoryLabels('ai-generate').slice(0, 2), {
      dryRun: true,
    });
    expect(result).toEqual({ created: ['ai-generate'], existing: ['greenlight'] });
  });

  it('names the permission a refused creation needs', async () => {
    nock(API)
      .get('/repos/acme/shop/labels')
      .query({ per_page: 100 })
      .reply(200, [])
      .post('/repos/acme/shop/labels')
      .reply(403, { message: 'Resource not accessible by integration' });
    const error = await ensureRepoLabels(octokit(), REPO, repositoryLabels('ai-generate').slice(0, 1)).catch(
      (e: unknown) => e,
    );
    expect(isGreenlightError(error, 'github')).toBe(true);
    expect(String((error as Error).message)).toMatch(/create the label 'ai-generate'/);
    expect(String((error as Error).message)).toMatch(/issues: write/);
  });
});
