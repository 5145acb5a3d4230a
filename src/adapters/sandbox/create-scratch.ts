/**
 * A private scratch directory per sandbox: the sandbox HOME (kept across the runs of
 * one job, so package-manager and build caches stay warm) and the sanitized git config
 * copies. Mode 0700, in the system temp directory, removed by `dispose`.
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Scratch {
  root: string;
  home: string;
  /** Where sanitized copies of git config files are written. */
  gitConfigs: string;
  dispose(): Promise<void>;
}

/** Create the scratch directories under `parent` (default: the system temp directory). */
export async function createScratch(parent: string = tmpdir()): Promise<Scratch> {
  const root = await mkdtemp(join(parent, 'greenlight-sandbox-'));
  const home = join(root, 'home');
  const gitConfigs = join(root, 'git');
  await mkdir(home, { mode: 0o700 });
  await mkdir(gitConfigs, { mode: 0o700 });
  return {
    root,
    home,
    gitConfigs,
    dispose: () => rm(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}
