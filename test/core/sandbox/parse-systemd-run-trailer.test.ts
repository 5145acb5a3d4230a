import { describe, expect, it } from 'vitest';
import { parseSystemdRunTrailer } from '../../../src/core/sandbox/parse-systemd-run-trailer.ts';

describe('parseSystemdRunTrailer', () => {
  it('splits systemd-run lines off the child stderr and reads the result', () => {
    const stderr = [
      'Running as unit: greenlight-abc.service; invocation ID: 0123456789abcdef0123456789abcdef',
      'child error line',
      'Finished with result: oom-kill',
      'Main processes terminated with: code=killed/status=KILL',
      'Service runtime: 1.234s',
      'CPU time consumed: 1.100s',
      'Memory peak: 256.0M',
      '',
    ].join('\n');
    expect(parseSystemdRunTrailer(stderr)).toEqual({
      stderr: 'child error line\n',
      result: 'oom-kill',
      code: 'killed',
      status: 'KILL',
    });
  });

  it('reads an exit status', () => {
    const stderr =
      'Running as unit: u.service\nFinished with result: exit-code\nMain processes terminated with: code=exited/status=3\nService runtime: 5ms\n';
    expect(parseSystemdRunTrailer(stderr)).toEqual({ stderr: '', result: 'exit-code', code: 'exited', status: '3' });
  });

  it('uses the last summary, so a child cannot fake an earlier one', () => {
    const stderr =
      'Finished with result: success\nfake\nFinished with result: timeout\nMain processes terminated with: code=killed/status=TERM\n';
    const parsed = parseSystemdRunTrailer(stderr);
    expect(parsed.result).toBe('timeout');
    expect(parsed.stderr).toBe('Finished with result: success\nfake\n');
  });

  it('leaves stderr alone when there is no summary (--quiet, or systemd-run failed)', () => {
    expect(parseSystemdRunTrailer('Failed to start transient service unit: Access denied\n')).toEqual({
      stderr: 'Failed to start transient service unit: Access denied\n',
    });
  });
});
