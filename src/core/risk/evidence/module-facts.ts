/**
 * What a changed module shows about itself, for the content rule (pure-data-module.ts):
 * its language, what it imports, what it exports, and every sign of I/O in its text.
 */
import { extractImports } from '../../context/extract-imports.ts';
import type { Language } from '../../context/types.ts';
import { ioEvidence } from '../io-patterns.ts';
import { exportNames } from './export-names.ts';
import { IO_MODULE_WORDS, isIoImport } from './io-imports.ts';

/** Languages whose modules the content rule can read; UI files (jsx, tsx, vue) are left out. */
const LANGUAGES: Readonly<Record<string, Language>> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  py: 'python',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  rb: 'ruby',
};

/**
 * Side effects beyond I/O_PATTERNS that a module of its own should not have: the
 * browser's document, storage and navigation, the Node process, and code loaded by a
 * computed name (which could be anything).
 */
const SIDE_EFFECTS = new RegExp(
  [
    // Globals only: `node.location.line` or `state.document.root` in a parser are data.
    /(?<![.\w$])(?:document|window|localStorage|sessionStorage|navigator|location|indexedDB)\.\w+/.source,
    /(?<![.\w$])process\.(?:stdout|stderr|stdin|exit|argv|cwd|chdir|kill|on)\b/.source,
    /\brequire\s*\(\s*[^'"`\s)]/.source,
    /\bimport\s*\(\s*[^'"`\s)]/.source,
    /\bnew\s+Function\s*\(/.source,
    /\b(?:setInterval|postMessage|importScripts)\s*\(/.source,
    /\b(?:__import__|importlib|globals\(\)\[)/.source,
  ].join('|'),
);

export interface ModuleFacts {
  language: Language;
  /** Import specifiers as written. */
  imports: string[];
  exports: string[];
  /** Signs of I/O, each naming what was seen (`imports fs`, `calls "fetch("`); empty when none. */
  io: string[];
}

/** The language of `path` if the content rule can read it, else null. */
export function moduleLanguage(path: string): Language | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.endsWith('.d.ts')) return null;
  return LANGUAGES[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** Words of the last segment of a relative import: `../lib/httpClient` → http, client. */
function specifierWords(specifier: string): string[] {
  const last =
    specifier
      .replace(/\.[a-z]+$/, '')
      .split(/[/.]/)
      .pop() ?? '';
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/);
}

/**
 * Facts of a module's text, or null when its language is not one the rule reads.
 *
 * @example readModule('lib/loader.js', "var common = require('./common');\nmodule.exports.load = load;")
 * // { language: 'javascript', imports: ['./common'], exports: ['load'], io: [] }
 */
export function readModule(path: string, text: string): ModuleFacts | null {
  const language = moduleLanguage(path);
  if (language === null) return null;
  const imports = extractImports(language, text);
  const io: string[] = [];
  for (const specifier of imports) {
    if (isIoImport(language, specifier)) io.push(`imports ${specifier}`);
    else if (/^\.{1,2}\//.test(specifier) && specifierWords(specifier).some((word) => IO_MODULE_WORDS.has(word))) {
      io.push(`imports ${specifier}, whose name suggests I/O`);
    }
  }
  const seen = ioEvidence(text);
  // An import statement the import list already named is not news.
  if (seen !== null && !(io.length > 0 && /\b(?:require|import|from)\b/.test(seen))) io.push(`uses "${seen}"`);
  const effect = SIDE_EFFECTS.exec(text)?.[0];
  if (effect !== undefined) io.push(`uses "${effect.trim()}"`);
  return { language, imports, exports: exportNames(language, text), io };
}
