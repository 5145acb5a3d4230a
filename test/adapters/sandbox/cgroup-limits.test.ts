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
import { createRunCgroup } from '../../../src/adapters/sandbox/cgroup-limits.ts';

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
    expect(group.procsFiles).toEqual([join(dir, 'cgroup.procs')]);
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
    expect(group.procsFiles).toHaveLength(2);
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
