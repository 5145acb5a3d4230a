import { describe, expect, it } from 'vitest';
import { classifyLimitHit } from '../../../src/core/sandbox/classify-limit-hit.ts';
import type { LimitEvidence } from '../../../src/core/sandbox/classify-limit-hit.ts';

const base: LimitEvidence = { succeeded: false, timedOut: false, outputExceeded: false };
const rlimits = { memory: true, pids: true };

describe('classifyLimitHit', () => {
  it.each<[string, LimitEvidence, ReturnType<typeof classifyLimitHit>]>([
    ['a plain failure', base, null],
    ['a success', { ...base, succeeded: true }, null],
    ['a success that also saw refused forks', { ...base, succeeded: true, pidsLimited: true }, null],
    ['the clock', { ...base, timedOut: true }, 'time'],
    ['systemd RuntimeMaxSec', { ...base, unitResult: 'timeout' }, 'time'],
    ['an output flood', { ...base, outputExceeded: true }, 'output'],
    ['a cgroup OOM kill', { ...base, oomKilled: true }, 'memory'],
    ['systemd oom-kill', { ...base, unitResult: 'oom-kill' }, 'memory'],
    ['refused forks, then the clock', { ...base, timedOut: true, pidsLimited: true }, 'pids'],
    ['OOM beats the clock', { ...base, timedOut: true, oomKilled: true }, 'memory'],
    ['rlimit memory: CPython', { ...base, heuristics: rlimits, outputTail: 'Traceback…\nMemoryError\n' }, 'memory'],
    [
      'rlimit memory: V8',
      {
        ...base,
        heuristics: rlimits,
        outputTail: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
      },
      'memory',
    ],
    [
      'rlimit pids: bash',
      {
        ...base,
        heuristics: rlimits,
        timedOut: true,
        outputTail: 'bash: fork: retry: Resource temporarily unavailable',
      },
      'pids',
    ],
    [
      'rlimit pids: python threads',
      { ...base, heuristics: rlimits, outputTail: "RuntimeError: can't start new thread" },
      'pids',
    ],
    ['messages ignored without rlimits', { ...base, outputTail: 'MemoryError' }, null],
    [
      'a flood of fork errors is a pids hit',
      {
        ...base,
        heuristics: rlimits,
        outputExceeded: true,
        outputTail: 'fork: retry: Resource temporarily unavailable',
      },
      'pids',
    ],
    ['the write watch', { ...base, writeLimit: 'files' }, 'files'],
    ['the write watch, even after an exit 0', { ...base, succeeded: true, writeLimit: 'disk' }, 'disk'],
    ['the write watch beats the clock', { ...base, timedOut: true, writeLimit: 'disk' }, 'disk'],
    ['the file-size rlimit (SIGXFSZ)', { ...base, signal: 'SIGXFSZ' }, 'disk'],
    ['a full temp dir: ENOSPC', { ...base, outputTail: 'Error: ENOSPC: no space left on device, write' }, 'disk'],
    [
      'a child stopped at the file-size rlimit',
      { ...base, outputTail: 'File size limit exceeded (core dumped)' },
      'disk',
    ],
    ['disk messages after a success are not a hit', { ...base, succeeded: true, outputTail: 'ENOSPC' }, null],
  ])('%s', (_name, evidence, expected) => {
    expect(classifyLimitHit(evidence)).toBe(expected);
  });
});
