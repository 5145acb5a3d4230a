/**
 * Memory and process limits through cgroups the engine creates, when the machine lets
 * it (root with a writable v1 hierarchy, or a delegated v2 subtree). A cgroup limit is
 * exact and observable: the kernel counts OOM kills and refused forks, so the result
 * can say which limit was hit. Elsewhere the drivers fall back to rlimits.
 *
 * A run never shares its group: it gets one from its sandbox's pool (`createCgroupPool`)
 * that no other run holds, with the run's limits written, nothing inside and little
 * memory still charged by earlier runs, and its counters count from the hand-over.
 * Groups are reused across the runs of a sandbox because creating and removing one per
 * run cost more than a short command itself (docs/security.md §14).
 */
import { readFileSync } from 'node:fs';
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
  /** The files the sandbox's first process writes `0` into to enter the group (buildLaunchPrefix). */
  enterFiles: string[];
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

/** What a run's limits are; a controller without a value gets no group. */
export interface CgroupLimits {
  maxPids?: number;
  memoryBytes?: number;
}

export interface CgroupCounters {
  oomKills: number;
  pidsRefused: number;
}

/** Create the group(s) for one run with its limits set. */
export async function createRunCgroup(support: CgroupSupport, limits: CgroupLimits): Promise<RunCgroup> {
  return (await createGroup(support, limits)).group;
}

interface Group {
  group: RunCgroup;
  dirs: Map<Controller, { dir: string; version: 1 | 2 }>;
  /** Every directory, once (v2 holds both controllers in one). */
  created: string[];
}

async function createGroup(support: CgroupSupport, limits: CgroupLimits): Promise<Group> {
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
      dirs.set('pids', { dir: await make(support.pids), version: support.pids.version });
    }
    if (limits.memoryBytes !== undefined && support.memory !== null) {
      const dir = await make(support.memory);
      dirs.set('memory', { dir, version: support.memory.version });
      if (support.memory.version === 2) {
        await writeFile(join(dir, 'memory.swap.max'), '0', OPTIONAL).catch(() => undefined);
        // One OOM kill takes the whole group down: a half-killed test suite is worse than none.
        await writeFile(join(dir, 'memory.oom.group'), '1', OPTIONAL).catch(() => undefined);
      }
    }
    await writeLimits(dirs, limits);
  } catch (error) {
    for (const dir of created) await rmdir(dir).catch(() => undefined);
    throw error;
  }

  const kill = async (): Promise<void> => {
    for (const dir of created) await killAll(dir);
  };
  const group: RunCgroup = {
    // v1: `tasks` moves one thread without the hierarchy-wide lock (build-launch-prefix.ts).
    enterFiles: created.map((dir) =>
      join(dir, [...dirs.values()].some((d) => d.dir === dir && d.version === 1) ? 'tasks' : 'cgroup.procs'),
    ),
    async stats() {
      const pids = dirs.get('pids');
      const memory = dirs.get('memory');
      const pidsEvents = pids === undefined ? '' : readControl(join(pids.dir, 'pids.events'));
      const memoryEvents =
        memory === undefined
          ? ''
          : readControl(join(memory.dir, memory.version === 2 ? 'memory.events' : 'memory.oom_control'));
      return { pidsRefused: counter(pidsEvents, 'max'), oomKills: counter(memoryEvents, 'oom_kill') };
    },
    kill,
    async destroy() {
      await kill();
      for (const dir of created) await removeWhenEmpty(dir);
    },
  };
  return { group, dirs, created };
}

async function writeLimits(dirs: Group['dirs'], limits: CgroupLimits): Promise<void> {
  const pids = dirs.get('pids');
  if (pids !== undefined && limits.maxPids !== undefined) {
    await writeFile(join(pids.dir, 'pids.max'), String(limits.maxPids));
  }
  const memory = dirs.get('memory');
  if (memory !== undefined && limits.memoryBytes !== undefined) {
    if (memory.version === 2) {
      await writeFile(join(memory.dir, 'memory.max'), String(limits.memoryBytes));
    } else {
      // memsw (only present with swap accounting) must never be below limit_in_bytes:
      // raise it first when the limit goes up, lower it last when it goes down.
      const memsw = () =>
        writeFile(join(memory.dir, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes), OPTIONAL).catch(
          () => undefined,
        );
      await memsw();
      await writeFile(join(memory.dir, 'memory.limit_in_bytes'), String(limits.memoryBytes));
      await memsw();
    }
  }
}

/** A run's group from a pool: its counters count this run only. */
export interface LeasedCgroup {
  enterFiles: string[];
  stats(): Promise<CgroupCounters>;
  kill(): Promise<void>;
  /** Kill what is left and give the group back (or remove it when it cannot be emptied). */
  release(): Promise<void>;
}

export interface CgroupPool {
  /** An empty group no other run holds, with `limits` written. */
  acquire(limits: CgroupLimits): Promise<LeasedCgroup>;
  /** Remove every group of the pool (none may be leased). */
  close(): Promise<void>;
}

interface Pooled extends Group {
  limits: CgroupLimits;
  /** The counters when the group was last handed back empty; null: read them at the next acquire. */
  baseline: CgroupCounters | null;
}

/**
 * The groups of one sandbox. A released group is reused only once nothing is left in
 * it; every acquire writes the limits the run asks for when they differ from the last.
 */
export function createCgroupPool(support: CgroupSupport): CgroupPool {
  const free: Pooled[] = [];
  const all = new Set<Pooled>();

  const fresh = async (limits: CgroupLimits): Promise<Pooled> => {
    const pooled: Pooled = {
      ...(await createGroup(support, limits)),
      limits,
      baseline: { oomKills: 0, pidsRefused: 0 },
    };
    all.add(pooled);
    return pooled;
  };
  const discard = async (pooled: Pooled): Promise<void> => {
    all.delete(pooled);
    await pooled.group.destroy();
  };

  return {
    async acquire(limits) {
      let pooled = free.pop();
      if (pooled !== undefined && !sameControllers(pooled.limits, limits)) {
        await discard(pooled);
        pooled = undefined;
      }
      if (
        pooled !== undefined &&
        (pooled.limits.maxPids !== limits.maxPids || pooled.limits.memoryBytes !== limits.memoryBytes)
      ) {
        try {
          await writeLimits(pooled.dirs, limits);
          pooled.limits = limits;
        } catch {
          // A memory limit below what the group still holds (page cache) can be refused: start afresh.
          await discard(pooled);
          pooled = undefined;
        }
      }
      const leased = pooled ?? (await fresh(limits));
      const baseline = leased.baseline ?? (await leased.group.stats());
      let last: CgroupCounters | null = null;
      // Kills the supervisor starts (at a limit) run on after the run returns; the group
      // is handed on only once they are over, or they would kill the next run.
      const kills = new Set<Promise<void>>();
      let released = false;
      return {
        enterFiles: leased.group.enterFiles,
        async stats() {
          last = await leased.group.stats();
          return {
            oomKills: last.oomKills - baseline.oomKills,
            pidsRefused: last.pidsRefused - baseline.pidsRefused,
          };
        },
        kill() {
          if (released) return Promise.resolve();
          const killing: Promise<void> = leased.group.kill().finally(() => kills.delete(killing));
          kills.add(killing);
          return killing;
        },
        async release() {
          released = true;
          await Promise.allSettled([...kills]);
          const leftover = !isEmpty(leased);
          if (leftover) await leased.group.kill();
          if ((leftover && !isEmpty(leased)) || memoryCharged(leased) > REUSE_MAX_CHARGED_BYTES) {
            await discard(leased);
            return;
          }
          // Counters read after the run ended are the next run's starting point; when none
          // were read (a run that succeeded needs none) or something was still running
          // then, the next acquire reads them.
          leased.baseline = !leftover && last !== null ? last : null;
          free.push(leased);
        },
      };
    },
    async close() {
      free.length = 0;
      for (const pooled of [...all]) await discard(pooled);
    },
  };
}

/**
 * A group keeps the memory its runs charged to it (page cache of the files they wrote,
 * and on a tmpfs /tmp the files in the sandbox HOME) after they end; removing it hands
 * that to the parent. Past this much, a group is removed rather than reused, so that a
 * run never starts with much of its memory limit taken by an earlier one.
 */
const REUSE_MAX_CHARGED_BYTES = 64 * 1024 * 1024;

/** Bytes charged to the group's memory controller (0 without one). */
function memoryCharged(group: Group): number {
  const memory = group.dirs.get('memory');
  if (memory === undefined) return 0;
  const file = memory.version === 2 ? 'memory.current' : 'memory.usage_in_bytes';
  return Number.parseInt(readControl(join(memory.dir, file)), 10) || 0;
}

function sameControllers(a: CgroupLimits, b: CgroupLimits): boolean {
  return (
    (a.maxPids === undefined) === (b.maxPids === undefined) &&
    (a.memoryBytes === undefined) === (b.memoryBytes === undefined)
  );
}

function isEmpty(pooled: Group): boolean {
  return pooled.created.every((dir) => readControl(join(dir, 'cgroup.procs')).trim() === '');
}

/**
 * A control file's text ('' when it cannot be read). Read synchronously: the kernel
 * answers from memory in microseconds, while each step of an asynchronous read waits
 * for a thread of the pool, which on a busy machine cost milliseconds per run.
 */
function readControl(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
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
