/**
 * Reads `.github/greenlight.yml` text into a validated RepoConfig, or into every
 * problem the file has, each with its line, column and field path. Pure: the caller
 * reads the file (from the default branch, never a PR head) and passes its text.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import { checkConfigSemantics } from './check-config-semantics.ts';
import type { ConfigIssue, ConfigIssueKind } from './config-issue.ts';
import { describeFound } from './describe-found.ts';
import { describeSchemaIssue } from './describe-schema-issue.ts';
import { formatConfigPath } from './format-config-path.ts';
import { locateYamlPath, yamlPathAt } from './locate-yaml-path.ts';
import { defaultConfig, RepoConfig } from './repo-config.ts';
import { DEFAULT_CONFIG_PATH } from './default-config-path.ts';

export { DEFAULT_CONFIG_PATH };

export type ConfigResult =
  { ok: true; config: RepoConfig; warnings: ConfigIssue[] } | { ok: false; errors: ConfigIssue[] };

/** Builds issues at source offsets of one document. */
function issueFactory(source: string, lineCounter: LineCounter) {
  return (
    kind: ConfigIssueKind,
    severity: ConfigIssue['severity'],
    path: readonly PropertyKey[],
    offset: number,
    message: string,
  ): ConfigIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return { kind, severity, source, path: formatConfigPath(path), line, column: col, message };
  };
}

type MakeIssue = ReturnType<typeof issueFactory>;

function yamlIssue(error: YAMLError, severity: ConfigIssue['severity'], doc: Document, make: MakeIssue): ConfigIssue {
  const offset = error.pos[0];
  if (error.code === 'DUPLICATE_KEY') {
    const path = yamlPathAt(doc, offset);
    // locateYamlPath finds the first pair with the key, i.e. the copy that came first.
    const first = make('duplicate-key', severity, path, locateYamlPath(doc, path, 'key').offset, '');
    const key = String(path[path.length - 1] ?? '');
    return make(
      'duplicate-key',
      severity,
      path,
      offset,
      `duplicate key \`${key}\` (first set on line ${first.line}); a key may appear only once in a mapping, remove one of them`,
    );
  }
  const message =
    error.code === 'MULTIPLE_DOCS'
      ? 'the file must hold one YAML document; remove the `---` line and merge the documents'
      : error.message;
  return make('syntax', severity, [], offset, `YAML ${severity === 'error' ? 'syntax error' : 'warning'}: ${message}`);
}

function byPosition(a: ConfigIssue, b: ConfigIssue): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Parses and validates config text. Absent (`null`/`undefined`), empty or comment-only
 * text means all defaults. Never throws: problems come back as `{ ok: false, errors }`
 * (see formatConfigIssues, ConfigError).
 *
 * @example
 * const result = parseConfig('budgets:\n  maxIterations: five\n');
 * // result.ok === false; result.errors[0] is at 2:18, path 'budgets.maxIterations'
 */
export function parseConfig(yamlText: string | null | undefined, sourceName = DEFAULT_CONFIG_PATH): ConfigResult {
  if (yamlText === null || yamlText === undefined || yamlText.trim() === '') {
    return { ok: true, config: defaultConfig(), warnings: [] };
  }
  const lineCounter = new LineCounter();
  // merge: true accepts `<<: *anchor`, which people use to share review settings.
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const make = issueFactory(sourceName, lineCounter);
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((error) => yamlIssue(error, 'error', doc, make)).sort(byPosition) };
  }
  const warnings = doc.warnings.map((warning) => yamlIssue(warning, 'warning', doc, make));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Only alias expansion can fail here ("billion laughs"); report it like a syntax error.
    return {
      ok: false,
      errors: [
        make(
          'syntax',
          'error',
          [],
          0,
          `YAML error: ${error instanceof Error ? error.message : String(error)}; use fewer aliases (*name)`,
        ),
      ],
    };
  }
  if (data === null || data === undefined) return { ok: true, config: defaultConfig(), warnings };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const message = `the top level must be a mapping of settings such as \`budgets:\`, found ${describeFound(data)}`;
    return { ok: false, errors: [make('not-a-mapping', 'error', [], locateYamlPath(doc, []).offset, message)] };
  }

  const parsed = RepoConfig.safeParse(data);
  if (!parsed.success) {
    const context = { root: RepoConfig, data, defaults: defaultConfig() };
    const errors = parsed.error.issues
      .flatMap((issue) => describeSchemaIssue(issue, context))
      .map((draft) =>
        make(draft.kind, 'error', draft.path, locateYamlPath(doc, draft.path, draft.target).offset, draft.message),
      );
    return { ok: false, errors: errors.sort(byPosition) };
  }

  const findings = checkConfigSemantics(parsed.data).map((finding) =>
    make('semantic', finding.severity, finding.path, locateYamlPath(doc, finding.path).offset, finding.message),
  );
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) return { ok: false, errors: errors.sort(byPosition) };
  return { ok: true, config: parsed.data, warnings: [...warnings, ...findings].sort(byPosition) };
}
