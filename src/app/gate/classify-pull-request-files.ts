/**
 * The App's own risk classification of a pull request (the tier the review gate
 * enforces), from the REST API's view of the diff: the same classifier and the same
 * `risk` config (from the default branch) as the Action, never a tier someone wrote
 * into a label, the PR body or another check run.
 *
 * Where the API shows less than a checkout would, it fails closed: a file list GitHub
 * cut at its limit makes the change `critical` (the files not shown could be
 * workflows or migrations), files without a diff are unreadable (`high`), and when
 * the files' git modes could not be read (a new executable or symlink would go
 * unseen) the change is at least `high`.
 */
import type { RepoConfig } from '../../core/config/repo-config.ts';
import type { FileRisk, RiskAssessment } from '../../core/risk/assessment.ts';
import { classifyRisk } from '../../core/risk/classify-risk.ts';
import { maxTier, tierRank } from '../../core/risk/tier.ts';
import { toFileChange, type ApiFile, type ModeFacts } from '../../core/github/pull-request-changes.ts';

/** GitHub lists at most this many files of a pull request. */
export const MAX_LISTED_FILES = 3000;

function note(path: string, tier: FileRisk['tier'], rule: string, reason: string): FileRisk {
  return { path, status: 'modified', tier, category: 'unreadable', rule, reason, matched: [rule] };
}

/** `modes: null` means they could not be read. */
export function classifyPullRequestFiles(
  files: readonly ApiFile[],
  modes: ModeFacts | null,
  risk: RepoConfig['risk'],
): RiskAssessment {
  const changes = files.map((file) => toFileChange(file, modes));
  const assessment = classifyRisk(changes, { risk });
  const silent = new Set(changes.filter((c) => c.binary).map((c) => c.path));
  const described: FileRisk[] = assessment.files.map((file) =>
    silent.has(file.path) && file.rule === 'binary-file'
      ? {
          ...file,
          reason:
            'GitHub shows no diff for this file (binary, or too large to show), so it cannot be reviewed as a diff',
        }
      : file,
  );
  const notes: FileRisk[] = [];
  if (files.length >= MAX_LISTED_FILES) {
    notes.push(
      note(
        `(more than ${MAX_LISTED_FILES} files)`,
        'critical',
        'file-list-cut',
        `GitHub lists only the first ${MAX_LISTED_FILES} files of a pull request; the rest could change anything, so the change is treated as critical`,
      ),
    );
  }
  if (modes === null && files.length > 0) {
    notes.push(
      note(
        '(file modes)',
        'high',
        'modes-unread',
        'the git modes of the changed files could not be read, so a new executable or symbolic link would go unseen',
      ),
    );
  }
  const tier = notes.reduce((t, n) => maxTier(t, n.tier), assessment.tier);
  return { ...assessment, tier, files: [...notes, ...described].sort((a, b) => tierRank(b.tier) - tierRank(a.tier)) };
}
