import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/core/redact/create-redactor.ts';
import { secretsFromEnv } from '../../../src/core/redact/secrets-from-env.ts';
import { secretVariants, toBase64 } from '../../../src/core/redact/secret-variants.ts';

const KEY = 'sk-ant-api03-Q7vT2nB8wXk4Lm9RpZs1YcD6hJ3fG0aE5uW';
const PASSWORD = 'Rk29xLmQ7vT2nB8w-p4ssw0rd';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('createRedactor', () => {
  it('redacts a transcript with a fake key, its base64 form and a truncated copy (docs/security.md §26)', () => {
    const redactor = createRedactor({ secrets: [KEY] });
    const transcript = [
      `export ANTHROPIC_API_KEY=${KEY}`,
      `config: ${b64(KEY)}`,
      `the key starts with ${KEY.slice(0, 20)}...`,
    ].join('\n');

    const redacted = redactor.redact(transcript);

    expect(redacted).toBe('export ANTHROPIC_API_KEY=[REDACTED]\nconfig: [REDACTED]\nthe key starts with [REDACTED]...');
    for (const fragment of [KEY, b64(KEY).slice(0, 20), KEY.slice(0, 12)]) {
      expect(redacted).not.toContain(fragment);
    }
  });

  it.each([
    ['exact value', `pass=${PASSWORD};`],
    ['base64', `data ${b64(PASSWORD)}`],
    ['base64url', `data ${b64url(`x${PASSWORD}`)}`],
    ['base64 at offset 1 inside a Basic header', `Basic ${b64(`u:${PASSWORD}`)}`],
    ['base64 at offset 2 inside a blob', `blob ${b64(`ab${PASSWORD}yz`)}`],
    ['base64 at offset 0 inside a blob', `blob ${b64(`abc${PASSWORD}`)}`],
    ['a truncated prefix', `using ${PASSWORD.slice(0, 10)}… as password`],
    ['a truncated suffix', `…${PASSWORD.slice(-9)} was the tail`],
    ['a JSON-escaped copy', JSON.stringify({ quoted: 'he said "x\\y"' }).replace('he said', PASSWORD)],
  ])('redacts a known secret as %s', (_name, text) => {
    const redacted = createRedactor({ secrets: [PASSWORD] }).redact(text);

    expect(redacted).toContain('[REDACTED]');
    expect(redacted).not.toContain(PASSWORD.slice(0, 10));
    expect(redacted).not.toContain(PASSWORD.slice(-9));
    const cores = secretVariants(PASSWORD).filter((variant) => variant !== PASSWORD);
    for (const core of cores) expect(redacted).not.toContain(core);
  });

  it('redacts URL-encoded and JSON-escaped forms of secrets with special characters', () => {
    const secret = 's3cr3t/+pa"ss=word!';
    const redactor = createRedactor({ secrets: [secret] });

    expect(redactor.redact(`?token=${encodeURIComponent(secret)}&x=1`)).toBe('?token=[REDACTED]&x=1');
    expect(redactor.redact(JSON.stringify({ token: secret }))).toBe('{"token":"[REDACTED]"}');
  });

  it.each([
    ['GitHub classic token', 'token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', 'token [REDACTED:github-token]'],
    ['GitHub app token', 'ghs_16C7e42F292c6912E7710c838347Ae178B4a', '[REDACTED:github-token]'],
    [
      'GitHub fine-grained token',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
      '[REDACTED:github-token]',
    ],
    ['Anthropic key', `key=${KEY}`, 'key=[REDACTED:anthropic-key]'],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE is the id', '[REDACTED:aws-access-key-id] is the id'],
    [
      'AWS secret near aws_secret',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = [REDACTED:aws-secret-key]',
    ],
    [
      'AWS secret in JSON',
      '"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
      '"AWS_SECRET_ACCESS_KEY": "[REDACTED:aws-secret-key]"',
    ],
    [
      'PEM private key',
      'before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY-----\nafter',
      'before\n[REDACTED:private-key]\nafter',
    ],
    ['cut-off PEM private key', 'x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk', 'x [REDACTED:private-key]'],
    [
      'Authorization bearer header',
      'Authorization: Bearer abc.def-ghi',
      'Authorization: Bearer [REDACTED:authorization]',
    ],
    [
      'git extraheader basic auth',
      'http.extraheader=AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hz',
      'http.extraheader=AUTHORIZATION: basic [REDACTED:authorization]',
    ],
    ['x-api-key header', 'x-api-key: abcdefgh12345', 'x-api-key: [REDACTED:api-key-header]'],
    [
      'credentials in a URL',
      'https://x-access-token:s3cr3tvalue@github.com/o/r.git',
      'https://x-access-token:[REDACTED:url-credentials]@github.com/o/r.git',
    ],
    ['JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vciJ9.c2lnbmF0dXJlLXZhbHVl', '[REDACTED:jwt]'],
    ['Slack token', 'xoxb-123456789012-abcdefABCDEF', '[REDACTED:slack-token]'],
  ])('redacts a %s by its pattern', (_name, text, expected) => {
    expect(createRedactor({ secrets: [] }).redact(text)).toBe(expected);
  });

  it.each([
    'const authorization = request.headers.authorization;',
    'see https://example.com/docs and sk-learn',
    'export function add(a: number, b: number) { return a + b; }',
    'AKIA is the prefix of AWS key ids',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(createRedactor({ secrets: [PASSWORD] }).redact(text)).toBe(text);
  });

  it('ignores secrets too short to redact safely, and empty values', () => {
    const redactor = createRedactor({ secrets: ['abc', '', undefined] });

    expect(redactor.redact('abc abc')).toBe('abc abc');
  });

  it('does not treat a shared prefix followed by more token text as a truncated copy', () => {
    const redactor = createRedactor({ secrets: [PASSWORD] });

    expect(redactor.redact(`${PASSWORD.slice(0, 10)}DIFFERENT`)).toBe(`${PASSWORD.slice(0, 10)}DIFFERENT`);
  });

  it('redacts nested values, keys, errors and cycles without touching the input', () => {
    const redactor = createRedactor({ secrets: [PASSWORD] });
    const input: Record<string, unknown> = {
      turn: 2,
      ok: true,
      request: { messages: [{ role: 'user', content: [{ type: 'text', text: `use ${PASSWORD}` }] }] },
      [PASSWORD]: 'as a key',
      error: new Error(`bad ${PASSWORD}`),
    };
    input['self'] = input;

    const output = redactor.redactDeep(input) as Record<string, unknown>;

    expect(JSON.stringify({ ...output, self: undefined, error: undefined })).not.toContain(PASSWORD);
    expect(output['request']).toEqual({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'use [REDACTED]' }] }],
    });
    expect(output['[REDACTED]']).toBe('as a key');
    expect(output['error']).toMatchObject({ name: 'Error', message: 'bad [REDACTED]' });
    expect(output['self']).toBe(output);
    expect(
      (input['request'] as { messages: Array<{ content: Array<{ text: string }> }> }).messages[0]?.content[0]?.text,
    ).toBe(`use ${PASSWORD}`);
  });
});

describe('createRedactor: hex and reversed copies, and find', () => {
  it('redacts the hex form (either case) and a reversed copy of a secret', () => {
    const redactor = createRedactor({ secrets: [PASSWORD] });
    const hex = Buffer.from(PASSWORD).toString('hex');
    expect(redactor.redact(`h=${hex} H=${hex.toUpperCase()} r=${[...PASSWORD].reverse().join('')}`)).toBe(
      'h=[REDACTED] H=[REDACTED] r=[REDACTED]',
    );
  });

  it('finds where secrets are and what they are, merging overlaps, without their values', () => {
    const text = `a ${PASSWORD} b ${b64(PASSWORD)} c ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8`;
    expect(createRedactor({ secrets: [PASSWORD] }).find(text)).toEqual([
      { start: 2, end: 2 + PASSWORD.length, what: 'a secret value this job holds' },
      expect.objectContaining({ what: 'a secret value this job holds (base64)' }),
      expect.objectContaining({ what: 'a github token' }),
    ]);
  });

  it('looks only for the token shapes it is given', () => {
    const redactor = createRedactor({ secrets: [], patterns: [] });
    expect(redactor.find('ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8')).toEqual([]);
  });
});

describe('secretVariants and toBase64', () => {
  it('encodes like Buffer without padding', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', PASSWORD]) {
      expect(toBase64(new TextEncoder().encode(text))).toBe(b64(text).replace(/=+$/, ''));
    }
  });
});

describe('secretsFromEnv', () => {
  it('picks values of secret-looking variables and named extras', () => {
    const env = {
      ANTHROPIC_API_KEY: KEY,
      GITHUB_TOKEN: 'ghs_token_value_123',
      INPUT_ANTHROPIC_API_KEY: KEY,
      DB_URL: 'postgres://u:p@h/db',
      SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
      HOME: '/home/runner',
      SHORT_TOKEN: 'abc',
    };

    expect(secretsFromEnv(env, ['DB_URL']).sort()).toEqual(['ghs_token_value_123', 'postgres://u:p@h/db', KEY].sort());
  });
});
