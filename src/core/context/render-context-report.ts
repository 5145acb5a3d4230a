/**
 * `greenlight context` output for people: what would be sent and why. A table of the
 * files (rank, path, kind, tokens, score, strongest reasons), what scored but did not
 * fit, the repository map and conventions as the model sees them, and the totals
 * against the budget.
 */
import type { ContextPack } from './types.ts';

const MAX_REASONS = 3;
const PATH_WIDTH_LIMIT = 60;

export function renderContextReport(pack: ContextPack, task: string): string {
  const out: string[] = [];
  const firstLine = task.trim().split('\n')[0] ?? '';
  const shown = firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine;
  out.push(
    `Context for "${shown}": ${pack.items.length} ${pack.items.length === 1 ? 'file' : 'files'}, ` +
      `${format(pack.usedTokens)} of ${format(pack.budgetTokens)} tokens (${percent(pack.usedTokens, pack.budgetTokens)})`,
  );
  const a = pack.analysis;
  out.push(
    `Task: paths ${list(a.paths)}; identifiers ${list(a.identifiers)}; stack frames ${list(a.frames.map((f) => (f.line ? `${f.path}:${f.line}` : f.path)))}; ` +
      `terms ${list(a.terms.slice(0, 8).map((t) => t.term))}`,
  );
  out.push('');
  const matched = pack.items.some((i) => i.reasons.some((r) => r.signal !== 'central'));
  if (!matched) {
    out.push(
      `No file matched the task. Name a file, a function or an error message to get a useful context.${pack.items.length > 0 ? ' The budget holds central files of the repository instead:' : ''}`,
    );
  }
  if (pack.items.length > 0) {
    const width = Math.min(PATH_WIDTH_LIMIT, Math.max(4, ...pack.items.map((i) => i.path.length)));
    out.push(
      `${'rank'.padStart(4)}  ${'path'.padEnd(width)}  ${'kind'.padEnd(8)}  ${'tokens'.padStart(6)}  ${'score'.padStart(6)}  reasons`,
    );
    for (const item of pack.items) {
      const kind = item.kind === 'excerpt' && item.ranges ? `excerpt` : item.kind;
      const reasons = item.reasons
        .slice(0, MAX_REASONS)
        .map((r) =>
          r.signal === 'central' ? r.detail : `${r.detail} (${r.score < 0 ? '' : '+'}${r.score.toFixed(1)})`,
        )
        .join('; ');
      const more = item.reasons.length > MAX_REASONS ? `; +${item.reasons.length - MAX_REASONS} more` : '';
      out.push(
        `${String(item.rank).padStart(4)}  ${truncate(item.path, width).padEnd(width)}  ${kind.padEnd(8)}  ${format(item.tokens).padStart(6)}  ` +
          `${item.score.toFixed(1).padStart(6)}  ${reasons}${more}`,
      );
      if (item.kind === 'excerpt' && item.ranges) {
        out.push(
          `${''.padStart(4)}  ${''.padEnd(width)}  lines ${item.ranges.map((r) => (r.start === r.end ? r.start : `${r.start}-${r.end}`)).join(', ')} of ${item.totalLines}`,
        );
      }
    }
  }
  if (pack.omitted.length > 0) {
    out.push(
      '',
      `Scored but over budget: ${pack.omitted.map((o) => `${o.path} (${format(o.tokens)} tokens)`).join(', ')}`,
    );
  }
  if (pack.demoted.length > 0) {
    out.push('', 'Ranked lower as copies or bundles:');
    for (const d of pack.demoted) {
      const fate = d.included
        ? 'in the context as a small item'
        : d.original !== undefined && pack.items.some((i) => i.path === d.original)
          ? `left out: ${d.original} is in the context`
          : 'left out';
      out.push(`  ${d.path} — ${d.detail}; ${fate}`);
    }
  }
  out.push('', `Repository map (${format(pack.map.tokens)} tokens):`, indent(pack.map.text));
  const c = pack.conventions;
  out.push('', `Conventions (${format(c.tokens)} tokens):`);
  out.push(`  test command: ${c.testCommand ? `${c.testCommand} — ${c.testCommandSource}` : 'unknown'}`);
  out.push(`  frameworks: ${list(c.frameworks)}`);
  for (const layout of c.testLayout) out.push(`  test files: ${layout}`);
  if (c.styleExample)
    out.push(
      `  style example: ${c.styleExample.path} (${c.styleExample.reason}, ${format(c.styleExample.tokens)} tokens)`,
    );
  const files = pack.items.reduce((sum, i) => sum + i.tokens, 0);
  const framing = Math.max(0, pack.usedTokens - files - pack.map.tokens - c.tokens);
  out.push(
    '',
    `Totals: files ${format(files)} + map ${format(pack.map.tokens)} + conventions ${format(c.tokens)} + framing ${format(framing)} ` +
      `= ${format(pack.usedTokens)} of ${format(pack.budgetTokens)} tokens. ${format(pack.stats.indexedFiles)} files indexed` +
      `${skippedSummary(pack)}, ${format(pack.stats.candidates)} matched the task.`,
  );
  out.push(
    "Token counts are estimates: about ±5% per file against Claude's published tokenizer (see docs/context.md).",
  );
  return out.join('\n');
}

function skippedSummary(pack: ContextPack): string {
  const entries = Object.entries(pack.stats.skippedFiles);
  if (entries.length === 0) return '';
  return ` (${entries.map(([reason, n]) => `${n} ${reason}`).join(', ')} not indexed)`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? '—' : values.join(', ');
}

function format(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function percent(used: number, budget: number): string {
  return budget === 0 ? '0%' : `${Math.round((used / budget) * 100)}%`;
}

function truncate(path: string, width: number): string {
  return path.length <= width ? path : `…${path.slice(path.length - width + 1)}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
