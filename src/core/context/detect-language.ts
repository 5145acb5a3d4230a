/** Language of a file from its extension, its name, or (for scripts) its shebang. */
import type { Language } from './types.ts';

const BY_EXTENSION: Readonly<Record<string, Language>> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  pyi: 'python',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  rs: 'rust',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  bats: 'shell',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  cs: 'csharp',
  php: 'php',
  swift: 'swift',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  rst: 'markdown',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  sql: 'sql',
  html: 'html',
  htm: 'html',
  vue: 'html',
  svelte: 'html',
  css: 'css',
  scss: 'css',
  less: 'css',
};

const BY_NAME: Readonly<Record<string, Language>> = {
  Gemfile: 'ruby',
  Rakefile: 'ruby',
  Makefile: 'text',
  Dockerfile: 'text',
  Procfile: 'text',
};

const SHEBANG: readonly [RegExp, Language][] = [
  [/\b(?:ba|z|da|k)?sh\b/, 'shell'],
  [/\bpython[0-9.]*\b/, 'python'],
  [/\b(?:node|deno|bun)\b/, 'javascript'],
  [/\bruby\b/, 'ruby'],
];

/**
 * @example detectLanguage('src/a.ts', '') // 'typescript'
 * @example detectLanguage('bin/tool', '#!/usr/bin/env python3\n') // 'python'
 */
export function detectLanguage(path: string, content: string): Language {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const byExtension = BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
    if (byExtension) return byExtension;
  }
  const byName = BY_NAME[name];
  if (byName) return byName;
  if (content.startsWith('#!')) {
    const firstLine = content.slice(0, content.indexOf('\n') >>> 0);
    for (const [pattern, language] of SHEBANG) if (pattern.test(firstLine)) return language;
  }
  return 'text';
}
