/**
 * The names a module offers its users, read by pattern per language: what a reviewer
 * looks at first to tell a parser from a client. JS/TS: ESM `export` forms, CommonJS
 * `module.exports` / `exports.x`, and the UMD shape that builds a namespace object and
 * returns it (`Papa.parse = …; return Papa;`). Python: `__all__`, else public top-level
 * `def` and `class`. Go: capitalized functions. Rust: `pub fn`. Java/Kotlin: public
 * methods and top-level functions. Ruby: `def self.x` and module-level `def`.
 */
import type { Language } from '../../context/types.ts';

const add = (into: Set<string>, names: Iterable<string>) => {
  for (const name of names) if (/^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default') into.add(name);
};

/** `a, b as c, type T` → names as exported (c, not b; types left out). */
function listNames(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith('type '))
    .map((part) => part.split(/\s+as\s+/).pop() ?? '')
    .map((name) => name.trim());
}

/** Keys of an object literal's first level: `{ a, b: x, c() {} }` → a, b, c. */
function objectKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i += 1) {
    const ch = body[i];
    if (ch === '{' || ch === '(' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ')' || ch === ']') depth -= 1;
    else if ((ch === ',' && depth === 0) || i === body.length) {
      const key = /^\s*(?:async\s+)?\*?\s*['"]?([A-Za-z_$][\w$]*)/.exec(body.slice(start, i))?.[1];
      if (key !== undefined) keys.push(key);
      start = i + 1;
    }
  }
  return keys;
}

function jsExports(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(
    /^[ \t]*export[ \t]+(?:default[ \t]+)?(?:declare[ \t]+)?(?:async[ \t]+)?(?:function\*?|class|const|let|var)[ \t]+\*?[ \t]*([A-Za-z_$][\w$]*)/gm,
  ))
    add(names, [m[1] as string]);
  for (const m of text.matchAll(/^[ \t]*export[ \t]+(?:type[ \t]+)?\{([^}]*)\}/gm))
    add(names, listNames(m[1] as string));
  for (const m of text.matchAll(/^[ \t]*export[ \t]+default[ \t]+([A-Za-z_$][\w$]*)[ \t]*;?[ \t]*$/gm))
    add(names, [m[1] as string]);
  for (const m of text.matchAll(/\b(?:module\.)?exports\.([A-Za-z_$][\w$]*)[ \t]*=/g)) add(names, [m[1] as string]);
  for (const m of text.matchAll(/\bmodule\.exports[ \t]*=[ \t]*\{([^}]*)\}/g)) add(names, objectKeys(m[1] as string));
  for (const m of text.matchAll(/\bmodule\.exports[ \t]*=[ \t]*([A-Za-z_$][\w$]*)[ \t]*;?[ \t]*$/gm)) {
    const name = m[1] as string;
    if (name !== 'factory') add(names, [name]);
  }
  // UMD: a namespace object built by assignments and returned from the factory.
  for (const m of text.matchAll(/^[ \t]*return[ \t]+([A-Z][\w$]*)[ \t]*;/gm)) {
    const namespace = m[1] as string;
    const assigned = new RegExp(`^[ \\t]*${namespace}\\.([A-Za-z_$][\\w$]*)[ \\t]*=(?!=)`, 'gm');
    for (const a of text.matchAll(assigned)) add(names, [a[1] as string]);
  }
  return names;
}

function pythonExports(text: string): Set<string> {
  const names = new Set<string>();
  const all = /^__all__[ \t]*(?::[^=\n]*)?=[ \t]*[[(]([^\])]*)[\])]/m.exec(text);
  if (all) {
    add(
      names,
      [...(all[1] as string).matchAll(/['"]([A-Za-z_]\w*)['"]/g)].map((m) => m[1] as string),
    );
    return names;
  }
  for (const m of text.matchAll(/^(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z]\w*)/gm)) add(names, [m[1] as string]);
  return names;
}

const PATTERNS: Partial<Record<Language, readonly RegExp[]>> = {
  go: [/^func[ \t]+(?:\([^)]*\)[ \t]*)?([A-Z]\w*)[ \t]*[([]/gm],
  rust: [/^[ \t]*pub(?:\([^)\n]*\))?[ \t]+(?:const[ \t]+|async[ \t]+|unsafe[ \t]+)*fn[ \t]+([A-Za-z_]\w*)/gm],
  java: [
    /^[ \t]*public[ \t]+(?:(?:static|final|synchronized|abstract)[ \t]+)*[\w<>[\], ?]+[ \t]+([a-zA-Z_]\w*)[ \t]*\(/gm,
  ],
  kotlin: [
    /^[ \t]*(?:(?:public|internal|inline|suspend|operator|infix)[ \t]+)*fun[ \t]+(?:<[^>]*>[ \t]*)?(?:[\w.]+\.)?([a-zA-Z_]\w*)[ \t]*\(/gm,
  ],
  ruby: [/^[ \t]*def[ \t]+(?:self\.)?([a-z_]\w*[?!]?)/gm],
};

/**
 * Exported names of a module, in order of appearance.
 *
 * @example exportNames('javascript', 'module.exports.load = load;') // ['load']
 */
export function exportNames(language: Language, text: string): string[] {
  if (language === 'javascript' || language === 'typescript') return [...jsExports(text)];
  if (language === 'python') return [...pythonExports(text)];
  const names = new Set<string>();
  for (const pattern of PATTERNS[language] ?? []) {
    for (const m of text.matchAll(pattern)) add(names, [(m[1] as string).replace(/[?!]$/, '')]);
  }
  return [...names];
}
