/**
 * Light symbol extraction for languages without a parser in the box (Python, Go,
 * Java, Kotlin, Ruby, Rust, shell, C/C++): definitions by line patterns, their extent
 * by indentation (a definition ends before the next line indented no deeper, a closing
 * `}` / `end` included). Good enough to find where a symbol is
 * defined and to cut an excerpt around it; wrong on exotic formatting, never slow.
 */
import type { DefinitionKind, ParsedSource, SymbolDefinition } from './parsed-source.ts';
import type { Language } from './types.ts';

interface DefinitionPattern {
  /** Named groups: `indent`, `name`; optional `keyword` (mapped through `kinds`). */
  regex: RegExp;
  kind: DefinitionKind | ((keyword: string, indent: string) => DefinitionKind);
  /** A container (class, impl) whose indented definitions become its methods. */
  container?: boolean;
}

const keywordKind =
  (map: Readonly<Record<string, DefinitionKind>>, fallback: DefinitionKind) =>
  (keyword: string): DefinitionKind =>
    map[keyword] ?? fallback;

const JS_DEFINITIONS: readonly DefinitionPattern[] = [
  {
    regex: /^(?<indent>[ \t]*)(?:export[ \t]+)?(?:default[ \t]+)?(?:async[ \t]+)?function\*?[ \t]+(?<name>[\w$]+)/gm,
    kind: 'function',
  },
  {
    regex:
      /^(?<indent>[ \t]*)(?:export[ \t]+)?(?:default[ \t]+)?(?:abstract[ \t]+)?(?<keyword>class|interface|type|enum)[ \t]+(?<name>[\w$]+)/gm,
    kind: keywordKind({ interface: 'interface', type: 'type', enum: 'enum' }, 'class'),
    container: true,
  },
  { regex: /^(?<indent>)(?:export[ \t]+)?(?:const|let|var)[ \t]+(?<name>[\w$]+)/gm, kind: 'variable' },
];

const DEFINITIONS: Partial<Record<Language, readonly DefinitionPattern[]>> = {
  // Only a fallback for TS/JS: parse-typescript.ts is the real parser.
  typescript: JS_DEFINITIONS,
  javascript: JS_DEFINITIONS,
  python: [
    {
      regex: /^(?<indent>[ \t]*)(?:async[ \t]+)?def[ \t]+(?<name>\w+)/gm,
      kind: (_k, indent) => (indent ? 'method' : 'function'),
    },
    { regex: /^(?<indent>[ \t]*)class[ \t]+(?<name>\w+)/gm, kind: 'class', container: true },
    { regex: /^(?<indent>)(?<name>[A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=(?!=)/gm, kind: 'variable' },
  ],
  go: [
    {
      regex: /^(?<indent>)func[ \t]+(?:\((?<keyword>[^)]*)\)[ \t]*)?(?<name>\w+)/gm,
      kind: (receiver) => (receiver ? 'method' : 'function'),
    },
    {
      regex: /^(?<indent>[ \t]*)type[ \t]+(?<name>\w+)[ \t]+(?<keyword>struct|interface)?/gm,
      kind: keywordKind({ struct: 'class', interface: 'interface' }, 'type'),
    },
    { regex: /^(?<indent>)(?:var|const)[ \t]+(?<name>\w+)/gm, kind: 'variable' },
  ],
  java: [
    {
      regex:
        /^(?<indent>[ \t]*)(?:[\w@]+[ \t]+)*(?<keyword>class|interface|enum|record|@interface)[ \t]+(?<name>\w+)/gm,
      kind: keywordKind({ interface: 'interface', enum: 'enum' }, 'class'),
      container: true,
    },
    {
      regex:
        /^(?<indent>[ \t]+)(?:(?:public|private|protected|static|final|abstract|synchronized|native|default)[ \t]+)*(?:<[^>\n]+>[ \t]+)?[\w<>[\],.? ]+?[ \t]+(?<name>\w+)[ \t]*\([^;\n]*\)?[^;\n]*$/gm,
      kind: 'method',
    },
  ],
  kotlin: [
    {
      regex: /^(?<indent>[ \t]*)(?:[\w@]+[ \t]+)*(?<keyword>class|interface|object)[ \t]+(?<name>\w+)/gm,
      kind: keywordKind({ interface: 'interface' }, 'class'),
      container: true,
    },
    {
      regex: /^(?<indent>[ \t]*)(?:[\w@]+[ \t]+)*fun[ \t]+(?:<[^>\n]+>[ \t]*)?(?:[\w.]+\.)?(?<name>\w+)[ \t]*\(/gm,
      kind: (_k, indent) => (indent ? 'method' : 'function'),
    },
    { regex: /^(?<indent>)(?:[\w@]+[ \t]+)*(?:val|var)[ \t]+(?<name>\w+)/gm, kind: 'variable' },
  ],
  ruby: [
    {
      regex: /^(?<indent>[ \t]*)def[ \t]+(?:self\.)?(?<name>\w+[?!=]?)/gm,
      kind: (_k, indent) => (indent ? 'method' : 'function'),
    },
    {
      regex: /^(?<indent>[ \t]*)(?<keyword>class|module)[ \t]+(?:[\w:]+::)?(?<name>\w+)/gm,
      kind: keywordKind({ module: 'module' }, 'class'),
      container: true,
    },
  ],
  rust: [
    {
      regex:
        /^(?<indent>[ \t]*)(?:pub(?:\([^)\n]*\))?[ \t]+)?(?:(?:async|unsafe|const|extern(?:[ \t]+"\w+")?)[ \t]+)*(?<keyword>fn|struct|enum|trait|type|mod|const|static|union)[ \t]+(?<name>\w+)/gm,
      kind: keywordKind(
        { fn: 'function', struct: 'class', enum: 'enum', trait: 'interface', type: 'type', mod: 'module' },
        'variable',
      ),
    },
    {
      regex: /^(?<indent>[ \t]*)impl(?:<[^>\n]*>)?[ \t]+(?:[\w:<>, ]+?[ \t]+for[ \t]+)?(?<name>\w+)/gm,
      kind: 'class',
      container: true,
    },
    { regex: /^(?<indent>[ \t]*)macro_rules![ \t]*(?<name>\w+)/gm, kind: 'function' },
  ],
  shell: [
    {
      regex:
        /^(?<indent>[ \t]*)(?:function[ \t]+(?<name>[\w:-]+)(?:[ \t]*\(\))?|(?<name2>[\w:-]+)[ \t]*\(\))[ \t]*\{?/gm,
      kind: 'function',
    },
  ],
  c: [{ regex: /^(?<indent>)(?:[\w*]+[ \t]+)+\**(?<name>\w+)[ \t]*\([^;\n]*\)?[ \t]*\{?[ \t]*$/gm, kind: 'function' }],
  cpp: [
    {
      regex: /^(?<indent>[ \t]*)(?:template[ \t]*<[^>\n]*>[ \t]*)?(?<keyword>class|struct)[ \t]+(?<name>\w+)[^;\n]*$/gm,
      kind: 'class',
      container: true,
    },
    {
      regex:
        /^(?<indent>)(?:[\w*&:<>,]+[ \t]+)+[*&]*(?:\w+::)?(?<name>~?\w+)[ \t]*\([^;\n]*\)?[ \t]*(?:const)?[ \t]*\{?[ \t]*$/gm,
      kind: 'function',
    },
  ],
};

const NOT_A_NAME = new Set([
  'if',
  'for',
  'while',
  'switch',
  'return',
  'catch',
  'else',
  'new',
  'throw',
  'sizeof',
  'case',
  'do',
  'try',
]);

export function parseWithPatterns(language: Language, content: string): ParsedSource {
  const patterns = DEFINITIONS[language] ?? [];
  const lines = content.split('\n');
  const lineStarts = lineStartOffsets(content);
  const raw: (SymbolDefinition & { indent: number; isContainer: boolean })[] = [];
  const seenLines = new Set<number>();
  for (const pattern of patterns) {
    pattern.regex.lastIndex = 0;
    for (const m of content.matchAll(pattern.regex)) {
      const groups = m.groups ?? {};
      const name = groups.name ?? groups.name2;
      if (!name || NOT_A_NAME.has(name)) continue;
      const startLine = lineAt(lineStarts, m.index) + 1;
      if (seenLines.has(startLine)) continue;
      seenLines.add(startLine);
      const indentText = groups.indent ?? '';
      const kind = typeof pattern.kind === 'function' ? pattern.kind(groups.keyword ?? '', indentText) : pattern.kind;
      raw.push({
        name,
        kind,
        startLine,
        endLine: startLine,
        exported: isExported(language, name, lines[startLine - 1] ?? ''),
        indent: indentWidth(indentText),
        isContainer: pattern.container ?? false,
      });
    }
  }
  raw.sort((a, b) => a.startLine - b.startLine);
  const definitions: SymbolDefinition[] = [];
  const containers: { name: string; indent: number; endLine: number }[] = [];
  for (const definition of raw) {
    definition.endLine = blockEnd(lines, definition.startLine, definition.indent);
    while (containers.length > 0 && containers.at(-1)!.endLine < definition.startLine) containers.pop();
    const parent = containers.at(-1);
    const result: SymbolDefinition = {
      name: definition.name,
      kind: definition.kind,
      startLine: definition.startLine,
      endLine: definition.endLine,
      exported: definition.exported,
    };
    if (parent && parent.indent < definition.indent) {
      result.container = parent.name;
      if (result.kind === 'function') result.kind = 'method';
    }
    definitions.push(result);
    if (definition.isContainer)
      containers.push({ name: definition.name, indent: definition.indent, endLine: definition.endLine });
  }
  const skeleton = new Set<number>();
  for (const d of definitions) {
    skeleton.add(d.startLine);
    // A Python decorator or docstring-less multi-line signature: keep lines up to the colon.
    for (let line = d.startLine; line < Math.min(d.endLine, d.startLine + 4); line += 1) {
      const text = lines[line - 1] ?? '';
      if (/[:{]\s*(?:#.*)?$|\bdo\s*$|=\s*$/.test(text)) break;
      skeleton.add(line + 1);
    }
  }
  return { definitions, skeletonLines: [...skeleton].sort((a, b) => a - b) };
}

function isExported(language: Language, name: string, line: string): boolean {
  switch (language) {
    case 'python':
      return !name.startsWith('_');
    case 'go':
      return /^[A-Z]/.test(name);
    case 'rust':
      return /\bpub\b/.test(line);
    case 'java':
    case 'kotlin':
      return !/\bprivate\b/.test(line);
    default:
      return true;
  }
}

/** Last line (1-based) of the block that starts at `startLine` with indentation `indent`. */
function blockEnd(lines: readonly string[], startLine: number, indent: number): number {
  let lastContent = startLine;
  for (let index = startLine; index < lines.length; index += 1) {
    const text = lines[index]!;
    if (text.trim() === '') continue;
    const width = indentWidth(/^[ \t]*/.exec(text)![0]);
    if (width <= indent) {
      return /^\s*(?:[}\])]|end\b)/.test(text) ? index + 1 : lastContent;
    }
    lastContent = index + 1;
  }
  return lastContent;
}

function indentWidth(indent: string): number {
  let width = 0;
  for (const ch of indent) width += ch === '\t' ? 4 : 1;
  return width;
}

function lineStartOffsets(content: string): number[] {
  const starts = [0];
  for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
