import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/core/github/authorize.ts';
import type { CollaboratorPermission } from '../../../src/ports/forge.ts';

const human = { login: 'alice', isBot: false };
const base = { botLogin: 'greenlight[bot]', allowedBots: ['renovate[bot]'] };
const perm = (permission: CollaboratorPermission['permission'], roleName: string): CollaboratorPermission => ({
  permission,
  roleName,
});

describe('authorize', () => {
  it.each([
    ['admin', perm('admin', 'admin'), true],
    ['maintain', perm('write', 'maintain'), true],
    ['write', perm('write', 'write'), true],
    ['triage', perm('read', 'triage'), false],
    ['read', perm('read', 'read'), false],
    ['none (outside user)', perm('none', 'none'), false],
    ['a custom role based on write', perm('write', 'release-manager'), true],
    ['a custom role based on admin', perm('admin', 'org-security'), true],
    ['a custom role based on read', perm('read', 'auditor'), false],
    ['an inconsistent answer (role read, base write)', perm('write', 'read'), false],
    ['an inconsistent answer (role write, base read)', perm('read', 'write'), false],
    ['a role in another case', perm('write', 'Maintain'), true],
  ])('%s → allowed: %s', (_name, permission, allowed) => {
    expect(authorize({ ...base, actor: human, permission }).allowed).toBe(allowed);
  });

  it('refuses read access with one polite reply naming the access', () => {
    expect(authorize({ ...base, actor: human, permission: perm('read', 'triage') })).toEqual({
      allowed: false,
      reason: '@alice has triage access; write, maintain or admin is required',
      reply:
        'Thanks for the request, @alice. greenlight only starts runs for people with write, maintain or admin access to this repository, and you have triage access. A maintainer can start the run for you.',
    });
  });

  it('names a custom role and its base in the reply', () => {
    const result = authorize({ ...base, actor: human, permission: perm('read', 'auditor') });
    expect(result.allowed === false && result.reply).toContain('you have auditor access (based on read)');
  });

  it('tells an outsider they have no access', () => {
    const result = authorize({ ...base, actor: human, permission: perm('none', 'none') });
    expect(result.allowed === false && result.reply).toContain('you have no access');
  });

  it.each([
    ['a bot that is not allowlisted', { login: 'dependabot[bot]', isBot: true }, perm('write', 'write'), false],
    ['a [bot] login even if the type was lost', { login: 'sneaky[bot]', isBot: false }, perm('admin', 'admin'), false],
    ['an allowlisted bot (no permission lookup needed)', { login: 'Renovate[bot]', isBot: true }, null, true],
    ['greenlight itself, even with admin', { login: 'greenlight[bot]', isBot: true }, perm('admin', 'admin'), false],
  ])('%s → allowed: %s, and never a reply', (_name, actor, permission, allowed) => {
    const result = authorize({ ...base, actor, permission });
    expect(result.allowed).toBe(allowed);
    expect('reply' in result).toBe(false);
  });

  it('never allows greenlight itself, even when allowlisted as a bot', () => {
    const result = authorize({
      botLogin: 'greenlight[bot]',
      allowedBots: ['greenlight[bot]'],
      actor: { login: 'greenlight[bot]', isBot: true },
      permission: null,
    });
    expect(result).toEqual({ allowed: false, reason: '@greenlight[bot] is greenlight itself' });
  });

  it('refuses a human whose permission is unknown, without a reply', () => {
    expect(authorize({ ...base, actor: human, permission: null })).toEqual({
      allowed: false,
      reason: 'the permission of @alice is unknown',
    });
  });
});
