import { describe, expect, it } from 'vitest';
import { sanitizeGitConfig } from '../../../src/core/sandbox/sanitize-git-config.ts';

describe('sanitizeGitConfig', () => {
  it('removes the actions/checkout extraheader and keeps everything else', () => {
    const input = [
      '[core]',
      '\trepositoryformatversion = 0',
      '\tbare = false',
      '[remote "origin"]',
      '\turl = https://github.com/o/r',
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '[http "https://github.com/"]',
      '\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==',
      '[user]',
      '\tname = me',
    ].join('\n');
    const out = sanitizeGitConfig(input);
    expect(out.text).not.toContain('extraheader');
    expect(out.text).not.toContain('eC1hY2Nlc3M');
    expect(out.text).toContain('\turl = https://github.com/o/r');
    expect(out.text).toContain('[user]\n\tname = me');
    expect(out.removed).toEqual(['http.https://github.com/.extraheader']);
  });

  it('drops credential and include sections, whose paths may point at token files', () => {
    const input = [
      '[credential]',
      '\thelper = store',
      '[credential "https://github.com"]',
      '\tusername = x',
      '[includeIf "gitdir:/home/runner/work/r/r/.git"]',
      '\tpath = /home/runner/work/_temp/git-credentials-1234.config',
      '[include]',
      '\tpath = ~/.gitconfig-extra',
      '[core]',
      '\tbare = false',
    ].join('\n');
    const out = sanitizeGitConfig(input);
    expect(out.text).toBe('[core]\n\tbare = false');
    expect(out.removed).toEqual([
      'credential',
      'credential.https://github.com',
      'includeif.gitdir:/home/runner/work/r/r/.git',
      'include',
    ]);
  });

  it('strips user info from URLs in values and section names', () => {
    const input = [
      '[remote "origin"]',
      '\turl = https://x-access-token:ghs_secret@github.com/o/r.git',
      '[url "https://oauth2:glpat-secret@gitlab.com/"]',
      '\tinsteadOf = https://gitlab.com/',
      '[submodule "lib"]',
      '\turl = git@github.com:o/lib.git',
    ].join('\n');
    const out = sanitizeGitConfig(input);
    expect(out.text).not.toContain('secret');
    expect(out.text).toContain('url = https://github.com/o/r.git');
    expect(out.text).toContain('[url "https://gitlab.com/"]');
    expect(out.text).toContain('url = git@github.com:o/lib.git');
  });

  it('handles a key on the header line, odd spacing and case, and continued values', () => {
    const input = [
      '[http] extraHeader = AUTHORIZATION: bearer one',
      '[HTTP "https://ghe.example/"]',
      '  ExtraHeader=AUTHORIZATION: bearer two \\',
      '    continued-secret',
      '[core]',
      '  editor = vim',
    ].join('\n');
    const out = sanitizeGitConfig(input);
    expect(out.text).not.toMatch(/bearer|continued-secret/);
    expect(out.text).toContain('editor = vim');
    expect(out.removed).toHaveLength(2);
  });
});
