/**
 * How one context item is written into the prompt. Fit-to-budget counts exactly this
 * text, so the budget and the prompt agree.
 */
import type { ContextItemKind, Language, LineRange, Reason } from './types.ts';

const FENCE_LANGUAGE: Partial<Record<Language, string>> = {
  typescript: 'ts',
  javascript: 'js',
  python: 'python',
  go: 'go',
  java: 'java',
  kotlin: 'kotlin',
  ruby: 'ruby',
  rust: 'rust',
  shell: 'sh',
  c: 'c',
  cpp: 'cpp',
  csharp: 'csharp',
  php: 'php',
  swift: 'swift',
  markdown: 'markdown',
  json: 'json',
  yaml: 'yaml',
  toml: 'toml',
  sql: 'sql',
  html: 'html',
  css: 'css',
};

export interface RenderableItem {
  path: string;
  language: Language;
  kind: ContextItemKind;
  totalLines: number;
  ranges?: LineRange[];
  reasons: readonly Reason[];
  text: string;
}

/** The Markdown block for one item: a heading, why it is here, and the fenced text. */
export function renderItem(item: RenderableItem): string {
  const what =
    item.kind === 'whole'
      ? `whole file, ${item.totalLines} lines`
      : item.kind === 'excerpt'
        ? `excerpt, lines ${(item.ranges ?? []).map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(', ')} of ${item.totalLines}`
        : `skeleton (signatures only, bodies elided) of ${item.totalLines} lines`;
  const why = item.reasons
    .slice(0, 3)
    .map((r) => r.detail)
    .join('; ');
  const fence = fenceFor(item.text);
  const body = item.text.endsWith('\n') || item.text === '' ? item.text : `${item.text}\n`;
  return `### ${item.path} (${what})\nWhy: ${why}\n${fence}${FENCE_LANGUAGE[item.language] ?? ''}\n${body}${fence}\n`;
}

/** A backtick fence longer than any backtick run in `text`, so the text cannot close it. */
export function fenceFor(text: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) === 96) {
      run += 1;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Lines `ranges` of `lines`, numbered like `cat -n`, with `…` between the ranges. */
export function numberLines(lines: readonly string[], ranges: readonly LineRange[]): string {
  const width = String(lines.length).length;
  const out: string[] = [];
  let previousEnd = 0;
  for (const range of ranges) {
    if (range.start > previousEnd + 1) out.push(`${' '.repeat(width)}  …`);
    for (let line = range.start; line <= range.end; line += 1)
      out.push(`${String(line).padStart(width)}  ${lines[line - 1] ?? ''}`);
    previousEnd = range.end;
  }
  if (previousEnd < lines.length && !(previousEnd === lines.length - 1 && lines[lines.length - 1] === '')) {
    out.push(`${' '.repeat(width)}  …`);
  }
  return out.join('\n');
}
