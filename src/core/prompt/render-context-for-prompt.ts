/**
 * The repository context as it goes into the prompt. Byte-deterministic: the same pack
 * always renders to the same string (no clock, no randomness, no locale), because it
 * sits in the cached prompt prefix and one changed byte invalidates the cache.
 */
import { fenceFor, renderItem } from '../context/render-item.ts';
import type { Conventions, ContextPack } from '../context/types.ts';

export function renderContextForPrompt(pack: Pick<ContextPack, 'items' | 'map' | 'conventions'>): string {
  const parts: string[] = [
    '<repository_context>',
    `Repository context selected for this task: a map, the project's conventions, and ${pack.items.length} ` +
      `${pack.items.length === 1 ? 'file' : 'files'}, most relevant first. Excerpts and skeletons carry line numbers ` +
      '(not part of the file); view a file to see the rest.',
    '',
    '## Repository map',
    pack.map.text,
    '',
    '## Conventions',
    renderConventions(
      pack.conventions,
      pack.items.map((i) => i.path),
    ),
    '',
    '## Files',
    ...pack.items.map((item) => renderItem(item)),
    '</repository_context>',
    '',
  ];
  return parts.join('\n');
}

/** The conventions section; a style example already among the files is referenced, not repeated. */
export function renderConventions(conventions: Conventions, itemPaths: readonly string[]): string {
  const lines: string[] = [];
  lines.push(
    conventions.testCommand
      ? `- Test command: \`${conventions.testCommand}\` (${conventions.testCommandSource ?? 'detected'})`
      : '- Test command: unknown (none configured or detected)',
  );
  if (conventions.frameworks.length > 0) lines.push(`- Test frameworks: ${conventions.frameworks.join(', ')}`);
  for (const layout of conventions.testLayout) lines.push(`- Test files: ${layout}`);
  const example = conventions.styleExample;
  if (example) {
    const position = itemPaths.indexOf(example.path);
    if (position !== -1) {
      lines.push(`- Style example: ${example.path} (${example.reason}; file ${position + 1} below)`);
    } else {
      const fence = fenceFor(example.text);
      lines.push(`- Style example: ${example.path} (${example.reason}):`, `${fence}`, example.text, fence);
    }
  }
  return lines.join('\n');
}
