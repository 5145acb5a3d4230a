import type { PackageClient } from './test-plan.ts';

const LOCKFILES: ReadonlyArray<readonly [string, PackageClient]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export interface PackageClientChoice {
  client: PackageClient;
  /** Why, for the detection sentence: "package-lock.json → npm". */
  evidence: string;
}

/**
 * Which package client runs the project's scripts: the `packageManager` field when
 * it agrees with a lockfile or there is no lockfile, otherwise the lockfile at the
 * root, otherwise npm.
 */
export function detectPackageClient(files: ReadonlySet<string>, packageManager: unknown): PackageClientChoice {
  const declared =
    typeof packageManager === 'string'
      ? (/^(npm|pnpm|yarn|bun)@/.exec(packageManager)?.[1] as PackageClient | undefined)
      : undefined;
  const locks = LOCKFILES.filter(([name]) => files.has(name));
  const agreeing = declared === undefined ? undefined : locks.find(([, client]) => client === declared);
  if (agreeing !== undefined) return { client: agreeing[1], evidence: `${agreeing[0]} → ${agreeing[1]}` };
  const first = locks[0];
  if (first !== undefined) return { client: first[1], evidence: `${first[0]} → ${first[1]}` };
  if (declared !== undefined)
    return { client: declared, evidence: `packageManager ${String(packageManager)} → ${declared}` };
  return { client: 'npm', evidence: 'no lockfile → npm' };
}

/** How the client runs a package.json script, and how extra words reach the script. */
export function scriptCommand(
  client: PackageClient,
  script: string,
): { command: string; append: 'direct' | 'after-separator' } {
  const name = script === 'test' ? 'test' : `run ${script}`;
  switch (client) {
    case 'npm':
      return { command: `npm ${name}`, append: 'after-separator' };
    // `bun test` is bun's own test runner, not the script.
    case 'bun':
      return { command: `bun run ${script}`, append: 'direct' };
    default:
      return { command: `${client} ${name}`, append: 'direct' };
  }
}

/** Words that start a locally installed runner binary with this client. */
export function execLauncher(client: PackageClient): string[] {
  switch (client) {
    case 'npm':
      return ['npx'];
    case 'pnpm':
      return ['pnpm', 'exec'];
    case 'yarn':
      return ['yarn'];
    case 'bun':
      return ['bunx'];
  }
}
