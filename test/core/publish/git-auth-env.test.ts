import { describe, expect, it } from 'vitest';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { gitAuthEnv, serverOrigin } from '../../../src/core/publish/git-auth-env.ts';

describe('gitAuthEnv', () => {
  it('resets persisted headers, sends one basic header for the server, and turns credential helpers off', () => {
    expect(gitAuthEnv('https://github.com', 'ghs_abc')).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: `AUTHORIZATION: basic ${Buffer.from('x-access-token:ghs_abc').toString('base64')}`,
      GIT_CONFIG_KEY_2: 'credential.helper',
      GIT_CONFIG_VALUE_2: '',
    });
  });

  it.each([
    ['https://ghe.example.com', 'https://ghe.example.com/'],
    ['https://ghe.example.com/', 'https://ghe.example.com/'],
    ['https://ghe.example.com:8443/some/path', 'https://ghe.example.com:8443/'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/'],
  ])('keys the header to the origin of %s', (url, origin) => {
    expect(serverOrigin(url)).toBe(origin);
    expect(gitAuthEnv(url, 'x'.repeat(4)).GIT_CONFIG_KEY_1).toBe(`http.${origin}.extraheader`);
  });

  it('pads the base64 so every server accepts it', () => {
    for (const token of ['a', 'ab', 'abc', 'abcd']) {
      const value = gitAuthEnv('https://github.com', token).GIT_CONFIG_VALUE_1 ?? '';
      expect(Buffer.from(value.replace('AUTHORIZATION: basic ', ''), 'base64').toString()).toBe(
        `x-access-token:${token}`,
      );
      expect(value.length % 4).toBe('AUTHORIZATION: basic '.length % 4);
    }
  });

  it.each([
    ['', 'https://github.com'],
    ['a\nb', 'https://github.com'],
    ['tok', 'github.com'],
    ['tok', 'ssh://git@github.com'],
  ])('refuses token %j with server %j', (token, server) => {
    let error: unknown;
    try {
      gitAuthEnv(server, token);
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'usage')).toBe(true);
  });
});
