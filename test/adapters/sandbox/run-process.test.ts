import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../src/adapters/sandbox/run-process.ts';
import type { RunProcessOptions } from '../../../src/adapters/sandbox/run-process.ts';

const options: RunProcessOptions = {
  cwd: '/',
  env: { PATH: '/usr/bin:/bin' },
  timeoutMs: 10_000,
  maxOutputBytes: 10_000,
  outputKillBytes: 100_000,
};

function alive(marker: string): boolean {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .some((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

describe('runProcess', () => {
  it('returns exit code and both streams, with only the given environment', async () => {
    const result = await runProcess(['sh', '-c', 'echo out; echo err >&2; env; exit 3'], {
      ...options,
      env: { PATH: '/usr/bin:/bin', ONLY: 'this' },
    });
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.stdout.text).toContain('out\n');
    expect(result.stdout.text).toContain('ONLY=this');
    expect(result.stdout.text).not.toContain('HOME=');
    expect(result.stderr.text).toBe('err\n');
    expect(result.timedOut).toBe(false);
    expect(result.outputExceeded).toBe(false);
  });

  it('feeds stdin', async () => {
    const result = await runProcess(['cat'], { ...options, stdin: 'from the engine' });
    expect(result.stdout.text).toBe('from the engine');
  });

  it('sends SIGTERM at the time limit and SIGKILL after the grace period', async () => {
    const result = await runProcess(['sh', '-c', 'trap "" TERM; while :; do sleep 0.05; done'], {
      ...options,
      timeoutMs: 200,
      killGraceMs: 200,
    });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
  });

  it('kills a flood at the output kill threshold and keeps head and tail', async () => {
    const result = await runProcess(['sh', '-c', 'echo START; yes'], {
      ...options,
      maxOutputBytes: 100,
      outputKillBytes: 50_000,
    });
    expect(result.outputExceeded).toBe(true);
    expect(result.stdout.truncated).toBe(true);
    expect(result.stdout.bytes).toBeGreaterThan(50_000);
    expect(result.stdout.text.startsWith('START\n')).toBe(true);
  });

  it('kills background children left in the process group when the command exits', async () => {
    const marker = `77${Date.now() % 100000}.5`;
    const result = await runProcess(['sh', '-c', `sleep ${marker} & echo spawned`], options);
    expect(result.stdout.text).toBe('spawned\n');
    expect(alive(marker)).toBe(false);
  });

  it('returns when a grandchild in another session holds the pipes open', async () => {
    const marker = `78${Date.now() % 100000}.5`;
    const result = await runProcess(['sh', '-c', `setsid sleep ${marker} & echo spawned`], options);
    expect(result.stdout.text).toBe('spawned\n');
    expect(result.timedOut).toBe(false);
    // The none driver cannot contain this; bwrap's PID namespace does. Clean up here.
    for (const name of readdirSync('/proc')) {
      try {
        if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) process.kill(Number(name), 'SIGKILL');
      } catch {
        // gone
      }
    }
  });

  it('reports a missing program like a shell would (127), never throws', async () => {
    const result = await runProcess(['/nonexistent/program'], options);
    expect(result.exitCode).toBe(127);
    expect(result.stderr.text).toContain('cannot run /nonexistent/program');
  });

  it('calls onKill when it kills', async () => {
    let calls = 0;
    await runProcess(['sleep', '5'], {
      ...options,
      timeoutMs: 100,
      killGraceMs: 50,
      onKill: () => {
        calls += 1;
      },
    });
    expect(calls).toBeGreaterThan(0);
  });
});
