import { describe, expect, it } from 'vitest';
import {
  checkChangeContent,
  describeOversize,
  describeSecretFindings,
  type ChangedContent,
} from '../../../src/core/publish/check-change-content.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { createRedactor } from '../../../src/core/redact/create-redactor.ts';
import { TOKEN_SHAPES } from '../../../src/core/redact/token-patterns.ts';

const SECRET = 'svc_live_4f9a0c2e8b7d6a5f3e1c0b9a8d7e6f5a0b1c';
const find = createRedactor({ secrets: [SECRET], patterns: TOKEN_SHAPES }).find;
const limits = defaultConfig().publish;

const file = (path: string, lines: string[], bytes = 10): ChangedContent => ({
  path,
  status: 'added',
  bytes,
  added: lines.map((text, i) => ({ line: i + 1, text })),
});

describe('checkChangeContent (docs/security.md §29, §33)', () => {
  it('names the file and line of every secret, in every spelling, and what it is', () => {
    const problems = checkChangeContent(
      [
        file('a.txt', ['fine', `k=${SECRET}`]),
        file('b.txt', [Buffer.from(SECRET).toString('base64'), encodeURIComponent(`x${SECRET}`)]),
        file('c.txt', ['nothing here', 'sk-ant-api03-abcdefghijklmnopqrstuvwx']),
      ],
      { find, limits },
    );
    expect(problems).toEqual({
      secrets: [
        { path: 'a.txt', line: 2, what: 'a secret value this job holds' },
        { path: 'b.txt', line: 1, what: 'a secret value this job holds (base64)' },
        { path: 'b.txt', line: 2, what: 'a secret value this job holds' },
        { path: 'c.txt', line: 2, what: 'an anthropic key' },
      ],
      oversize: [],
    });
  });

  it('searches a binary file as a whole', () => {
    const binary: ChangedContent = { ...file('x.bin', []), binaryText: `\u0000\u0001${SECRET}\u0000` };
    expect(checkChangeContent([binary], { find, limits }).secrets).toEqual([
      { path: 'x.bin', line: null, what: 'a secret value this job holds' },
    ]);
  });

  it('leaves contextual shapes that fixtures use on purpose alone', () => {
    const fixtures = file('test/http.test.js', [
      "headers: { Authorization: 'Bearer test-token-1234' }",
      "const url = 'https://user:hunter2@example.com/';",
      'const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";',
    ]);
    expect(checkChangeContent([fixtures], { find, limits }).secrets).toEqual([]);
  });

  it('reports every size limit exceeded, in words, with the key to change', () => {
    const many = Array.from({ length: 3 }, (_, i) => file(`f${i}.txt`, [], 700));
    const problems = checkChangeContent(many, { find, limits: { maxFiles: 2, maxBytes: 1_000, maxFileBytes: 600 } });
    expect(problems.oversize).toEqual([
      'the change touches 3 files, more than publish.maxFiles (2)',
      'its files hold 2,100 bytes, more than publish.maxBytes (1,000)',
      '`f0.txt` is 700 bytes, more than publish.maxFileBytes (600)',
      '`f1.txt` is 700 bytes, more than publish.maxFileBytes (600)',
      '`f2.txt` is 700 bytes, more than publish.maxFileBytes (600)',
    ]);
    expect(describeOversize(problems.oversize.slice(0, 1))).toBe(
      'Nothing was pushed: the change touches 3 files, more than publish.maxFiles (2). Raise the limit in .github/greenlight.yml if the change is meant to be this large, or ask for a smaller one.',
    );
  });

  it('counts a deletion as a file but not as bytes', () => {
    const deleted: ChangedContent = { path: 'old.txt', status: 'deleted', bytes: null, added: [] };
    expect(checkChangeContent([deleted], { find, limits: { ...limits, maxBytes: 1_000 } }).oversize).toEqual([]);
  });

  it('describes findings by place and kind, never by value', () => {
    const text = describeSecretFindings([
      { path: 'a.txt', line: 2, what: 'a secret value this job holds (hex)' },
      { path: 'x.bin', line: null, what: 'a github token' },
    ]);
    expect(text).toBe(
      'Nothing was pushed: the change holds what looks like a secret at `a.txt:2` (a secret value this job holds (hex)), `x.bin` (a github token). Values are not shown. Remove them from the change, or from the tests that put them there, and run again.',
    );
  });
});
