/**
 * A compact map of the repository for the prompt: notable root files, top-level
 * directories with file counts and languages, their subdirectories when there are few,
 * and the path down to every picked file with its neighbours named. Lines far from the
 * picked files are dropped first when the map is over its token share.
 */
import { countTokens } from '../text/count-tokens.ts';
import { comparePaths as compareDirectoryEntries } from './compare-paths.ts';
import { baseName, dirName } from './path-parts.ts';
import type { Language, RepoIndex, RepoMap } from './types.ts';

const NOTABLE_ROOT_FILE =
  /^(?:README[^/]*|CONTRIBUTING[^/]*|package\.json|tsconfig[^/]*\.json|pyproject\.toml|setup\.(?:py|cfg)|requirements[^/]*\.txt|go\.mod|Cargo\.toml|Gemfile|pom\.xml|build\.gradle(?:\.kts)?|Makefile|Dockerfile|[^/]*\.config\.[cm]?[jt]s|\.github)$/;
const MAX_SUBDIRECTORIES = 15;
const MAX_NAMES_IN_FOCUS = 12;

interface DirectoryNode {
  path: string;
  files: number;
  languages: Map<Language, number>;
  children: Map<string, DirectoryNode>;
  names: string[];
}

/** Builds the map; `focus` are the picked files, best first. */
export function buildRepoMap(index: RepoIndex, focus: readonly string[], maxTokens: number): RepoMap {
  const root = node('');
  for (const file of index.files) {
    let current = root;
    current.files += 1;
    current.languages.set(file.language, (current.languages.get(file.language) ?? 0) + 1);
    const parts = file.path.split('/');
    for (let depth = 0; depth < parts.length - 1; depth += 1) {
      const name = parts[depth]!;
      let child = current.children.get(name);
      if (!child) {
        child = node(parts.slice(0, depth + 1).join('/'));
        current.children.set(name, child);
      }
      child.files += 1;
      child.languages.set(file.language, (child.languages.get(file.language) ?? 0) + 1);
      current = child;
    }
    current.names.push(parts.at(-1)!);
  }
  const focusSet = new Set(focus);
  const focusDirectories = new Set<string>();
  for (const path of focus) {
    for (let dir = dirName(path); dir !== ''; dir = dirName(dir)) focusDirectories.add(dir);
  }
  const lines: { text: string; priority: number }[] = [];
  const skipped = summarizeSkipped(index);
  lines.push({ text: `Repository map: ${index.files.length} indexed files${skipped}`, priority: 0 });
  const rootNames = root.names.filter((n) => NOTABLE_ROOT_FILE.test(n)).sort(compareDirectoryEntries);
  if (rootNames.length > 0) lines.push({ text: rootNames.join('  '), priority: 0 });
  const walk = (dir: DirectoryNode, depth: number, parentListsChildren: boolean): void => {
    const children = [...dir.children.values()].sort((a, b) => compareDirectoryEntries(a.path, b.path));
    for (const child of children) {
      const onFocusPath = focusDirectories.has(child.path);
      if (!onFocusPath && !(depth === 0 || (depth === 1 && parentListsChildren))) continue;
      const indent = '  '.repeat(depth);
      let text = `${indent}${baseName(child.path)}/ (${child.files} ${child.files === 1 ? 'file' : 'files'}${languagesOf(child)})`;
      const picked = child.names.filter((n) => focusSet.has(`${child.path}/${n}`));
      if (onFocusPath && picked.length > 0) {
        const others = child.names.filter((n) => !focusSet.has(`${child.path}/${n}`)).sort(compareDirectoryEntries);
        const shown = [...picked.sort(compareDirectoryEntries).map((n) => `${n}*`), ...others].slice(
          0,
          MAX_NAMES_IN_FOCUS,
        );
        const more = child.names.length - shown.length;
        text += `: ${shown.join(', ')}${more > 0 ? `, … ${more} more` : ''}`;
      }
      lines.push({ text, priority: onFocusPath ? 0 : depth + 1 });
      walk(child, depth + 1, child.children.size <= MAX_SUBDIRECTORIES);
    }
  };
  walk(root, 0, true);
  lines.push({ text: '(* = included below)', priority: 0 });
  for (let drop = 3; drop >= 1; drop -= 1) {
    const text = lines.map((l) => l.text).join('\n');
    const tokens = countTokens(text);
    if (tokens <= maxTokens) return { text, tokens };
    for (let i = lines.length - 1; i >= 0; i -= 1) if (lines[i]!.priority >= drop) lines.splice(i, 1);
  }
  let kept = lines.map((l) => l.text);
  while (kept.length > 1 && countTokens(kept.join('\n')) > maxTokens) kept = kept.slice(0, -1);
  const text = kept.join('\n');
  return { text, tokens: countTokens(text) };
}

function node(path: string): DirectoryNode {
  return { path, files: 0, languages: new Map(), children: new Map(), names: [] };
}

function languagesOf(dir: DirectoryNode): string {
  const top = [...dir.languages]
    .filter(([language]) => language !== 'text')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 2)
    .map(([language]) => language);
  return top.length > 0 ? `: ${top.join(', ')}` : '';
}

function summarizeSkipped(index: RepoIndex): string {
  if (index.skipped.length === 0) return '';
  const counts = new Map<string, number>();
  for (const s of index.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, n]) => `${n} ${reason}`);
  return `; ${index.skipped.length} not indexed (${parts.join(', ')})`;
}
