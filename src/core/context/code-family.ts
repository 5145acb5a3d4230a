/**
 * Language families of code, for telling which side of a repository of several
 * languages a task is about (rank-files.ts) and what fills the rest of the budget
 * (central-files.ts): TypeScript, JavaScript and their `.vue`/`.svelte` components are
 * one family, Java and Kotlin another, C and C++ a third. Markup, docs, config and shell
 * scripts belong to no family: every side of a repository has them.
 */
import type { IndexedFile } from './types.ts';

export type CodeFamily = 'js' | 'python' | 'go' | 'java' | 'ruby' | 'rust' | 'c' | 'csharp' | 'php' | 'swift';

/** How the report names a family. */
export const FAMILY_NAMES: Readonly<Record<CodeFamily, string>> = {
  js: 'JavaScript/TypeScript',
  python: 'Python',
  go: 'Go',
  java: 'Java/Kotlin',
  ruby: 'Ruby',
  rust: 'Rust',
  c: 'C/C++',
  csharp: 'C#',
  php: 'PHP',
  swift: 'Swift',
};

/**
 * The family of a code file, or null for anything else.
 * @example codeFamily({ path: 'web/src/App.vue', language: 'html', … }) // 'js'
 */
export function codeFamily(file: Pick<IndexedFile, 'path' | 'language'>): CodeFamily | null {
  if (/\.(?:vue|svelte)$/.test(file.path)) return 'js';
  switch (file.language) {
    case 'typescript':
    case 'javascript':
      return 'js';
    case 'kotlin':
    case 'java':
      return 'java';
    case 'c':
    case 'cpp':
      return 'c';
    case 'python':
    case 'go':
    case 'ruby':
    case 'rust':
    case 'csharp':
    case 'php':
    case 'swift':
      return file.language;
    default:
      return null;
  }
}
