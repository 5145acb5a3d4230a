import { relativizeText } from './relativize.ts';
import { stripAnsi } from './strip-ansi.ts';

/** Strip ANSI, make paths relative and remove common indentation from a failure text. */
export function cleanFailureText(text: string, roots: readonly string[]): string {
  const lines = relativizeText(stripAnsi(text), roots).replace(/^\n+/, '').trimEnd().split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(common)).join('\n');
}
