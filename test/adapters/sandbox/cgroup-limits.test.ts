import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCgroupPool, createRunCgroup } from '../../../src/adapters/sandbox/cgroup-limits.ts';

// A directory stands in for the cgroup hierarchy: the logic (files written, counters read,
// groups removed) is checked here; the kernel's side is proven by the adversarial suite.
let parent: string;
beforeEach(() => {
  parent = realpathSync(mkdtempSync(join(tmpdir(), 'greenlight-cgroup-')));
});
afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

const only = (dir: string): string => {
  const [name] = readdirSync(dir);
  return join(dir, name as string);
};

describe('createRunCgroup', () => {
  it('v2: one group with pids.max and memory.max, counters from pids.events and memory.events', async () => {
    const group = await createRunCgroup(
      { pids: { version: 2, parent }, memory: { version: 2, parent } },
      { maxPids: 66, memoryBytes: 1048576 },
    );
    const dir = only(parent);
    expect(group.enterFiles).toEqual([join(dir, 'cgroup.procs')]);
    expect(readFileSync(join(dir, 'pids.max'), 'utf8')).toBe('66');
    expect(readFileSync(join(dir, 'memory.max'), 'utf8')).toBe('1048576');
    expect(existsSync(join(dir, 'memory.oom.group'))).toBe(false); // optional files are never created
    writeFileSync(join(dir, 'pids.events'), 'max 12\n');
    writeFileSync(join(dir, 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n');
    expect(await group.stats()).toEqual({ pidsRefused: 12, oomKills: 1 });
  });

  it('v1: a group per controller hierarchy, with oom_control and pids.events', async () => {
    const pidsParent = join(parent, 'pids');
    const memoryParent = join(parent, 'memory');
    mkdirSync(pidsParent);
    mkdirSync(memoryParent);
    const group = await createRunCgroup(
      { pids: { version: 1, parent: pidsParent }, memory: { version: 1, parent: memoryParent } },
      { maxPids: 10, memoryBytes: 2048 },
    );
    expect(group.enterFiles).toEqual([join(only(pidsParent), 'tasks'), join(only(memoryParent), 'tasks')]);
    const memoryDir = only(memoryParent);
    expect(readFileSync(join(memoryDir, 'memory.limit_in_bytes'), 'utf8')).toBe('2048');
    writeFileSync(join(memoryDir, 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
    expect(await group.stats()).toEqual({ pidsRefused: 0, oomKills: 2 });
  });

  it('only creates what is asked for, and destroy removes the group (empty cgroup.procs)', async () => {
    const group = await createRunCgroup(
      { pids: { version: 2, parent }, memory: { version: 2, parent } },
      { maxPids: 5 },
    );
    const dir = only(parent);
    expect(existsSync(join(dir, 'memory.max'))).toBe(false);
    // A real cgroup dir can be removed with its control files; a plain dir needs them gone.
    rmSync(join(dir, 'pids.max'));
    await group.destroy();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('createCgroupPool', () => {
  const v2 = () => ({ pids: { version: 2 as const, parent }, memory: { version: 2 as const, parent } });

  it('hands a released, empty group to the next run, with counters that count that run only', async () => {
    const pool = createCgroupPool(v2());
    const first = await pool.acquire({ maxPids: 66, memoryBytes: 1048576 });
    const dir = only(parent);
    expect(first.enterFiles).toEqual([join(dir, 'cgroup.procs')]);
    expect(readFileSync(join(dir, 'pids.max'), 'utf8')).toBe('66');
    writeFileSync(join(dir, 'pids.events'), 'max 12\n');
    writeFileSync(join(dir, 'memory.events'), 'oom 1\noom_kill 1\n');
    expect(await first.stats()).toEqual({ pidsRefused: 12, oomKills: 1 });
    await first.release();

    const second = await pool.acquire({ maxPids: 66, memoryBytes: 1048576 });
    expect(readdirSync(parent)).toEqual([dir.split('/').at(-1)]); // the same group, not a new one
    expect(second.enterFiles).toEqual(first.enterFiles);
    expect(await second.stats()).toEqual({ pidsRefused: 0, oomKills: 0 });
    writeFileSync(join(dir, 'pids.events'), 'max 15\n');
    expect(await second.stats()).toEqual({ pidsRefused: 3, oomKills: 0 });
    await second.release();

    // Counters are taken afresh when the last run never read them.
    const third = await pool.acquire({ maxPids: 66, memoryBytes: 1048576 });
    writeFileSync(join(dir, 'pids.events'), 'max 20\n');
    await third.release();
    const fourth = await pool.acquire({ maxPids: 66, memoryBytes: 1048576 });
    expect(await fourth.stats()).toEqual({ pidsRefused: 0, oomKills: 0 });
    await fourth.release();
  });

  it('writes the limits a run asks for when they differ from the last', async () => {
    const pool = createCgroupPool(v2());
    await (await pool.acquire({ maxPids: 66, memoryBytes: 1048576 })).release();
    const dir = only(parent);
    await (await pool.acquire({ maxPids: 10, memoryBytes: 2048 })).release();
    expect(readdirSync(parent)).toHaveLength(1);
    expect(readFileSync(join(dir, 'pids.max'), 'utf8')).toBe('10');
    expect(readFileSync(join(dir, 'memory.max'), 'utf8')).toBe('2048');
  });

  it('gives concurrent runs different groups', async () => {
    const pool = createCgroupPool(v2());
    const a = await pool.acquire({ maxPids: 5 });
    const b = await pool.acquire({ maxPids: 5 });
    expect(a.enterFiles).not.toEqual(b.enterFiles);
    expect(readdirSync(parent)).toHaveLength(2);
    await a.release();
    await b.release();
  });

  it('hands a group on only after the kills of the run that held it are over, so they never reach the next run', async () => {
    const pool = createCgroupPool(v2());
    const first = await pool.acquire({ maxPids: 5 });
    const procs = join(only(parent), 'cgroup.procs');
    // A stand-in without cgroup.kill: killing means signalling every listed pid until the list is empty.
    writeFileSync(procs, '2147483646\n');
    const killing = first.kill(); // as the supervisor does at a limit: not awaited
    setTimeout(() => writeFileSync(procs, ''), 30); // the killed process is gone
    await first.release();
    const second = await pool.acquire({ maxPids: 5 });
    expect(second.enterFiles).toEqual(first.enterFiles);
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(procs, `${child.pid}\n`); // the next run's process, in the same group
      await killing;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
      // A kill asked for after the hand-back does nothing either.
      await first.kill();
      expect(child.signalCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
      writeFileSync(procs, '');
      await second.release();
    }
  });

  it('removes rather than reuses a group that still holds more than 64 MiB of memory', async () => {
    const pool = createCgroupPool(v2());
    const first = await pool.acquire({ memoryBytes: 1 << 30 });
    const dir = only(parent);
    writeFileSync(join(dir, 'memory.current'), String(64 * 1024 * 1024));
    await first.release();
    const second = await pool.acquire({ memoryBytes: 1 << 30 });
    expect(second.enterFiles).toEqual(first.enterFiles);
    writeFileSync(join(dir, 'memory.current'), String(64 * 1024 * 1024 + 1));
    await second.release();
    // A real group is removed with its control files; a plain directory is not, but it
    // is never handed out again either.
    const third = await pool.acquire({ memoryBytes: 1 << 30 });
    expect(third.enterFiles).not.toEqual(first.enterFiles);
    await third.release();
  }, 15_000);

  it('does not reuse a group it cannot empty, and close removes every group', async () => {
    const pool = createCgroupPool(v2());
    const stuck = await pool.acquire({ maxPids: 5 });
    const dir = only(parent);
    // A stand-in: cgroup.kill is accepted but nothing leaves (a real group empties itself).
    writeFileSync(join(dir, 'cgroup.kill'), '');
    writeFileSync(join(dir, 'cgroup.procs'), '2147483646\n');
    await stuck.release();
    const next = await pool.acquire({ maxPids: 5 });
    expect(next.enterFiles).not.toEqual(stuck.enterFiles);
    await next.release();
    const left = readdirSync(parent).filter((name) => name !== dir.split('/').at(-1));
    expect(left).toHaveLength(1);
    // A plain directory needs its files gone before rmdir, as a real group does not.
    rmSync(join(parent, left[0]!, 'pids.max'));
    await pool.close();
    expect(existsSync(join(parent, left[0]!))).toBe(false);
  }, 15_000);
});
