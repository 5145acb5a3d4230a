/**
 * What this bubblewrap can do beyond the basics every supported version has: `--size`
 * for a tmpfs (bubblewrap 0.7, 2022; Ubuntu 22.04 ships 0.6). Without it the private
 * temp directories and HOME are bounded by the memory limit instead (their pages are
 * the sandbox's memory), and the report says so. Asked once per bwrap binary.
 */
import type { ProcessRunner } from './run-process.ts';

export interface BwrapFeatures {
  tmpfsSize: boolean;
}

const known = new Map<string, Promise<BwrapFeatures>>();

/** Read `bwrap --help`; a bwrap that cannot even print its help gets no extras. */
export function probeBwrapFeatures(bwrap: string, runner: ProcessRunner): Promise<BwrapFeatures> {
  let features = known.get(bwrap);
  if (features === undefined) {
    features = runner([bwrap, '--help'], {
      cwd: '/',
      env: { PATH: '/usr/bin:/bin' },
      timeoutMs: 10_000,
      maxOutputBytes: 20_000,
      outputKillBytes: 200_000,
    }).then(
      (result) => ({ tmpfsSize: /^\s*--size\b/m.test(`${result.stdout.text}\n${result.stderr.text}`) }),
      () => ({ tmpfsSize: false }),
    );
    known.set(bwrap, features);
  }
  return features;
}
