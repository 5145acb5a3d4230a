/**
 * The shape of a risk rule. Built-in rules are data (see ./rules/); config rules
 * (`risk.rules` in .github/greenlight.yml) are compiled into the same shape.
 */
import type { FileChange } from '../../ports/workspace.ts';
import type { ContentEvidence } from './evidence/content-evidence.ts';
import type { RiskTier } from './tier.ts';

/** Which text a rule's content patterns are matched against. */
export type ContentScope =
  /** Lines the change adds (a suppression or skip that is removed lowers nothing). */
  | 'added'
  /** Lines the change adds or removes (dropping DDL changes a schema too). */
  | 'changed'
  /** The whole new file when its content is known, else the changed lines. */
  | 'file';

/** What rules know about one changed file, evaluated at `path`. */
export interface FileFacts {
  readonly change: FileChange;
  /** The path the rule is evaluated at: the new path, or for renames also the old one. */
  readonly path: string;
  /** Last path segment. */
  readonly basename: string;
  /** Lower-cased extension without the dot ('' when none), of `basename`. */
  readonly extension: string;
  /** Added lines joined with '\n'. */
  readonly added: string;
  /** Removed lines joined with '\n'. */
  readonly removed: string;
  /** The whole file after the change, when the caller supplied it. */
  readonly text: string | undefined;
  /** Every changed line is a comment, a docstring or blank (and there is at least one). */
  readonly commentOnly: boolean;
  /** `path` is a test or test-support path (path-sets.ts). */
  readonly isTest: boolean;
  /** `path` is documentation (path-sets.ts). */
  readonly isDoc: boolean;
}

/** Path families a rule can leave out without repeating their globs. */
export type PathFamily = 'tests' | 'docs';

/** What rules know about the change as a whole. */
export interface ChangeFacts {
  /** Names of test cases declared in added lines anywhere in the change. */
  readonly addedTestNames: ReadonlySet<string>;
  /** What the content rule may read beyond the head text; absent when nobody read it. */
  readonly evidence?: ContentEvidence;
}

/** A built-in rule. It matches when every criterion it has holds. */
export interface RuleDefinition {
  /** Stable kebab-case name: shown in reports, used by `risk.overrides`. */
  readonly name: string;
  readonly tier: RiskTier;
  readonly category: string;
  /** Why a matching file has this tier, for reviewers. */
  readonly reason: string;
  /** Globs (see core/paths/glob.ts); the path must match one. */
  readonly paths?: readonly string[];
  /** Globs; the path must match none. */
  readonly exclude?: readonly string[];
  /** Path families the rule never applies to (e.g. DDL in a test's setup is not a migration). */
  readonly except?: readonly PathFamily[];
  /** Match `paths`/`exclude` case-insensitively. */
  readonly nocase?: boolean;
  /** One of these must match the text selected by `contentScope` (default 'added'). */
  readonly content?: readonly RegExp[];
  readonly contentScope?: ContentScope;
  /** Content matches only where it starts on a line that is not a comment (content-matcher.ts). */
  readonly codeOnly?: boolean;
  /** Any further condition. Keep it cheap: it runs for every changed file. */
  readonly when?: (file: FileFacts, change: ChangeFacts) => boolean;
  /** `when` in words, for `greenlight classify --explain` (required with `when`). */
  readonly condition?: string;
  /** The per-file reason, when it depends on the file (names the evidence); else `reason`. */
  readonly describe?: (file: FileFacts, change: ChangeFacts) => string;
  /** Files matching this rule are reported as generated. */
  readonly generated?: boolean;
}
