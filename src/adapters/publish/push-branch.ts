/**
 * Pushes one commit to one branch on origin, always with a lease: the push succeeds
 * only when the branch is still where we saw it (`lease`), or still absent (`null`).
 * This never overwrites a commit someone pushed after we looked (docs/security.md §4).
 */
import { parsePushOutput, type PushRejection } from '../../core/publish/parse-push-output.ts';
import { firstLine, REMOTE, remoteGit } from './remote-git.ts';
import type { GitAuth } from '../../core/publish/git-auth-env.ts';

export interface PushRequest {
  branch: string;
  commit: string;
  /** The commit the branch must still point at on origin; null: the branch must not exist. */
  lease: string | null;
}

export type PushOutcome = { ok: true } | { ok: false; rejection: PushRejection | 'transport'; reason: string };

export async function pushBranch(root: string, auth: GitAuth, request: PushRequest): Promise<PushOutcome> {
  const ref = `refs/heads/${request.branch}`;
  const result = await remoteGit(root, auth, [
    'push',
    '--porcelain',
    '--no-verify',
    `--force-with-lease=${ref}:${request.lease ?? ''}`,
    REMOTE,
    `${request.commit}:${ref}`,
  ]);
  const status = parsePushOutput(result.stdout).find((s) => s.ref === ref);
  if (result.exitCode === 0 && status?.ok !== false) return { ok: true };
  const remote = result.stderr
    .split('\n')
    .filter((l) => l.startsWith('remote:'))
    .map((l) => l.slice(7).trim())
    .filter((l) => l !== '')
    .slice(0, 6);
  if (status !== undefined && !status.ok) {
    return { ok: false, rejection: status.rejection, reason: [status.reason, ...remote].join('; ') };
  }
  return { ok: false, rejection: 'transport', reason: [firstLine(result.stderr), ...remote].join('; ') };
}
