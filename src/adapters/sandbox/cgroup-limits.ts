/**
 * Memory and process limits through a cgroup the engine creates per run, when the
 * machine lets it (root with a writable v1 hierarchy, or a delegated v2 subtree).
 * A cgroup limit is exact and observable: the kernel counts OOM kills and refused
 * forks, so the result can say which limit was hit. Elsewhere the drivers fall back to
 * rlimits. Every run gets its own group, removed (and emptied by SIGKILL) afterwards.
 */
import { mkdir, readFile, rmdir, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { locateCgroups } from '../../core/sandbox/locate-cgroups.ts';

type Controller = 'pids' | 'memory';

interface ControllerHome {
  version: 1 | 2;
  /** Directory under which per-run groups are created. */
  parent: string;
}

export interface CgroupSupport {
  pids: ControllerHome | null;
  memory: ControllerHome | null;
}

export interface RunCgroup {
  /** `cgroup.procs` files the sandbox's first process must write its pid into. */
  procsFiles: string[];
  /** What the kernel counted during the run. */
  stats(): Promise<{ oomKills: number; pidsRefused: number }>;
  /** SIGKILL everything still in the group(s). */
  kill(): Promise<void>;
  /** Kill what is left and remove the group(s). */
  destroy(): Promise<void>;
}

let sequence = 0;

/** Control files that only some kernels or setups have: write them only if they exist. */
const OPTIONAL = { flag: 'r+' } as const;

/**
 * Find where this process may create child cgroups with the pids and memory
 * controllers. Tries by creating (and removing) a probe group; never throws.
 */
export async function probeCgroupSupport(): Promise<CgroupSupport> {
  const [self, mountinfo] = await Promise.all([
    readFile('/proc/self/cgroup', 'utf8').catch(() => ''),
    readFile('/proc/self/mountinfo', 'utf8').catch(() => ''),
  ]);
  const where = locateCgroups(self, mountinfo);
  const support: CgroupSupport = { pids: null, memory: null };

  if (where.v2 !== null) {
    const v2 = await probeV2(where.v2);
    if (v2 !== null) return { pids: v2, memory: v2 };
  }
  for (const controller of ['pids', 'memory'] as const) {
    const dir = where.v1[controller];
    if (dir !== undefined && (await canCreate(dir, controller === 'pids' ? 'pids.max' : 'memory.limit_in_bytes'))) {
      support[controller] = { version: 1, parent: dir };
    }
  }
  return support;
}

async function probeV2(dir: string): Promise<ControllerHome | null> {
  const controllers = await readFile(join(dir, 'cgroup.subtree_control'), 'utf8').catch(() => null);
  if (controllers === null) return null;
  if (!/\bpids\b/.test(controllers) || !/\bmemory\b/.test(controllers)) {
    // Fails with EBUSY when processes live in `dir` itself (the no-internal-process rule).
    try {
      await writeFile(join(dir, 'cgroup.subtree_control'), '+pids +memory');
    } catch {
      return null;
    }
  }
  return (await canCreate(dir, 'pids.max')) && (await canCreate(dir, 'memory.max'))
    ? { version: 2, parent: dir }
    : null;
}

async function canCreate(parent: string, file: string): Promise<boolean> {
  const probe = join(parent, `greenlight-probe-${process.pid}-${sequence++}`);
  try {
    await mkdir(probe);
  } catch {
    return false;
  }
  try {
    await access(join(probe, file));
    return true;
  } catch {
    return false;
  } finally {
    await rmdir(probe).catch(() => undefined);
  }
}

/** Create the group(s) for one run with its limits set. */
export async function createRunCgroup(
  support: CgroupSupport,
  limits: { maxPids?: number; memoryBytes?: number },
): Promise<RunCgroup> {
  const name = `greenlight-${process.pid}-${Date.now().toString(36)}-${sequence++}`;
  const dirs = new Map<Controller, { dir: string; version: 1 | 2 }>();
  const created: string[] = [];
  const make = async (home: ControllerHome): Promise<string> => {
    const dir = join(home.parent, name);
    if (!created.includes(dir)) {
      await mkdir(dir);
      created.push(dir);
    }
    return dir;
  };
  try {
    if (limits.maxPids !== undefined && support.pids !== null) {
      const dir = await make(support.pids);
      await writeFile(join(dir, 'pids.max'), String(limits.maxPids));
      dirs.set('pids', { dir, version: support.pids.version });
    }
    if (limits.memoryBytes !== undefined && support.memory !== null) {
      const dir = await make(support.memory);
      if (support.memory.version === 2) {
        await writeFile(join(dir, 'memory.max'), String(limits.memoryBytes));
        await writeFile(join(dir, 'memory.swap.max'), '0', OPTIONAL).catch(() => undefined);
        // One OOM kill takes the whole group down: a half-killed test suite is worse than none.
        await writeFile(join(dir, 'memory.oom.group'), '1', OPTIONAL).catch(() => undefined);
      } else {
        await writeFile(join(dir, 'memory.limit_in_bytes'), String(limits.memoryBytes));
        // Only present with swap accounting; must not be below limit_in_bytes.
        await writeFile(join(dir, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes), OPTIONAL).catch(
          () => undefined,
        );
      }
      dirs.set('memory', { dir, version: support.memory.version });
    }
  } catch (error) {
    for (const dir of created) await rmdir(dir).catch(() => undefined);
    throw error;
  }

  const kill = async (): Promise<void> => {
    for (const dir of created) await killAll(dir);
  };
  return {
    procsFiles: created.map((dir) => join(dir, 'cgroup.procs')),
    async stats() {
      const pids = dirs.get('pids');
      const memory = dirs.get('memory');
      const pidsEvents =
        pids === undefined ? '' : await readFile(join(pids.dir, 'pids.events'), 'utf8').catch(() => '');
      const memoryEvents =
        memory === undefined
          ? ''
          : await readFile(
              join(memory.dir, memory.version === 2 ? 'memory.events' : 'memory.oom_control'),
              'utf8',
            ).catch(() => '');
      return { pidsRefused: counter(pidsEvents, 'max'), oomKills: counter(memoryEvents, 'oom_kill') };
    },
    kill,
    async destroy() {
      await kill();
      for (const dir of created) await removeWhenEmpty(dir);
    },
  };
}

function counter(text: string, key: string): number {
  const match = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/** cgroup v2 has cgroup.kill; v1 needs a loop (processes may fork while we kill). */
async function killAll(dir: string): Promise<void> {
  const killed = await writeFile(join(dir, 'cgroup.kill'), '1', OPTIONAL).then(
    () => true,
    () => false,
  );
  if (killed) return;
  for (let round = 0; round < 100; round += 1) {
    const pids = (await readFile(join(dir, 'cgroup.procs'), 'utf8').catch(() => ''))
      .split('\n')
      .filter((line) => line !== '');
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** rmdir fails with EBUSY until the last task has left; retry briefly, then leave it (named, harmless). */
async function removeWhenEmpty(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      await new Promise((resolve) => setTimeout(resolve, attempt < 20 ? 1 : 10));
    }
  }
}
