import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appendStepSummary,
  formatStepOutputs,
  MAX_SUMMARY_BYTES,
  readEventFile,
  writeStepOutputs,
} from '../../src/action/runtime-files.ts';
import { isGreenlightError } from '../../src/ports/errors.ts';
import { parseStepOutputs } from './step-outputs.ts';

const dirs: string[] = [];
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'greenlight-runtime-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('step outputs', () => {
  it('appends heredoc outputs that carry newlines and keep earlier content', () => {
    const file = join(dir(), 'output');
    writeFileSync(file, 'earlier=1\n');
    writeStepOutputs(file, { outcome: 'opened', pr_url: 'https://x/1', multi: 'a\nb=c\nd<<e' });
    expect(parseStepOutputs(readFileSync(file, 'utf8'))).toEqual({
      earlier: '1',
      outcome: 'opened',
      pr_url: 'https://x/1',
      multi: 'a\nb=c\nd<<e',
    });
  });

  it('uses a fresh random delimiter and refuses a value that contains it', () => {
    expect(formatStepOutputs({ a: '1' }, 'DELIM')).toBe('a<<DELIM\n1\nDELIM\n');
    expect(formatStepOutputs({ a: '1' })).not.toBe(formatStepOutputs({ a: '1' }));
    expect(() => formatStepOutputs({ a: 'x\nDELIM\nb<<DELIM' }, 'DELIM')).toThrow(/contains the heredoc delimiter/);
    expect(() => formatStepOutputs({ 'bad name': 'x' })).toThrow(/invalid step output name/);
  });

  it('names the file when it cannot be written', () => {
    expect(() => writeStepOutputs(join(dir(), 'missing', 'output'), { a: '1' })).toThrow(/GITHUB_OUTPUT/);
  });
});

describe('job summary', () => {
  it('appends markdown with a final newline', () => {
    const file = join(dir(), 'summary');
    appendStepSummary(file, '## one');
    appendStepSummary(file, '## two\n');
    expect(readFileSync(file, 'utf8')).toBe('## one\n## two\n');
  });

  it("cuts a summary over GitHub's 1 MiB limit with a note", () => {
    const file = join(dir(), 'summary');
    appendStepSummary(file, `${'é'.repeat(MAX_SUMMARY_BYTES)}`);
    const written = readFileSync(file);
    expect(written.length).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(written.toString('utf8')).toContain('the audit log artifact has everything');
    expect(written.toString('utf8')).not.toContain('\uFFFD');
  });
});

describe('event file', () => {
  it('reads the payload, and names the variable when it is missing or not JSON', () => {
    const d = dir();
    writeFileSync(join(d, 'event.json'), '{"action":"labeled"}');
    writeFileSync(join(d, 'bad.json'), '{');
    expect(readEventFile(join(d, 'event.json'))).toEqual({ action: 'labeled' });
    for (const path of [join(d, 'none.json'), join(d, 'bad.json')]) {
      try {
        readEventFile(path);
        expect.unreachable();
      } catch (error) {
        expect(isGreenlightError(error, 'event-invalid')).toBe(true);
        expect((error as Error).message).toContain('GITHUB_EVENT_PATH');
      }
    }
  });
});
