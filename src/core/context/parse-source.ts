/** Parses one file with the best parser for its language (TS/JS: Babel's parser). */
import type { ParsedSource } from './parsed-source.ts';
import { parseTypeScript } from './parse-typescript.ts';
import { parseWithPatterns } from './parse-with-patterns.ts';
import type { IndexedFile } from './types.ts';

const EMPTY: ParsedSource = { definitions: [], skeletonLines: [] };

export function parseSource(file: IndexedFile): ParsedSource {
  if (file.language === 'typescript' || file.language === 'javascript') {
    try {
      return parseTypeScript(file.path, file.content);
    } catch {
      // Pathological input (thousands of nested blocks) can exhaust the parser's
      // stack; patterns still find the top-level definitions.
      return parseWithPatterns(file.language, file.content);
    }
  }
  if (
    file.language === 'markdown' ||
    file.language === 'json' ||
    file.language === 'yaml' ||
    file.language === 'toml' ||
    file.language === 'text'
  ) {
    return EMPTY;
  }
  return parseWithPatterns(file.language, file.content);
}
