import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, realpath, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxDriverName } from '../../ports/sandbox.ts';

/** Folder inside the workspace used when the sandbox lets the child write nowhere else. */
export const WORKSPACE_REPORT_DIR = '.greenlight-tmp';

/** Reports larger than this are not read (a runaway reporter must not exhaust memory). */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export interface ReportDir {
  /** The path as the child sees it: relative to the workspace root, or absolute outside it. */
  childPath: string;
  /** Absolute path on the host. */
  hostPath: string;
  /** Files the runner wrote, by name. */
  read(): Promise<Record<string, string>>;
  /** Remove the directory (and `.greenlight-tmp/` when it is empty). Never throws. */
  remove(): Promise<void>;
}

async function readRegularFile(path: string): Promise<string | null> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null);
  if (handle === null) return null;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_REPORT_BYTES) return null;
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Where a runner writes its report files. The sandbox drivers (bwrap, systemd-run)
 * make only the workspace writable and give the child a private /tmp, so a file
 * written to the host's temp dir would never be seen: there the reports go to a
 * fresh `.greenlight-tmp/<random>/` inside the workspace, removed after the run (it
 * never reaches a diff). Only the `none` driver shares the host's temp dir, and there
 * the reports stay out of the workspace entirely.
 */
export async function createReportDir(workspaceRoot: string, driver: SandboxDriverName): Promise<ReportDir> {
  let childPath: string;
  let hostPath: string;
  if (driver === 'none') {
    hostPath = await mkdtemp(join(tmpdir(), 'greenlight-report-'));
    childPath = hostPath;
  } else {
    childPath = `${WORKSPACE_REPORT_DIR}/${randomBytes(6).toString('hex')}`;
    hostPath = join(workspaceRoot, childPath);
    await mkdir(hostPath, { recursive: true });
  }
  const expected = await realpath(hostPath);
  return {
    childPath,
    hostPath,
    async read() {
      // The child could plant a symlink here (to the engine's environment, a key file):
      // only regular files directly inside the real directory are read, never followed links.
      const reports: Record<string, string> = {};
      const dir = await lstat(hostPath).catch(() => null);
      const real = await realpath(hostPath).catch(() => null);
      if (dir === null || !dir.isDirectory() || real !== expected) return reports;
      for (const name of await readdir(hostPath).catch(() => [] as string[])) {
        const text = await readRegularFile(join(hostPath, name));
        if (text !== null) reports[name] = text;
      }
      return reports;
    },
    async remove() {
      await rm(hostPath, { recursive: true, force: true }).catch(() => undefined);
      if (driver !== 'none') await rmdir(join(workspaceRoot, WORKSPACE_REPORT_DIR)).catch(() => undefined);
    },
  };
}
