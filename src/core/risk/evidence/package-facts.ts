/**
 * What a package says about itself: the description and keywords of the nearest
 * package manifest above a changed file (package.json, pyproject.toml, Cargo.toml),
 * as they are at the base, so that a change cannot describe its own package into a
 * lower tier. Words that name data work support the content rule; words that name
 * servers, clients, databases, files or frameworks stand against it.
 */

/** Manifest file names, nearest directory first, in this order within a directory. */
export const MANIFEST_NAMES = ['package.json', 'pyproject.toml', 'Cargo.toml'] as const;

export interface PackageFacts {
  /** Path of the manifest. */
  path: string;
  name: string | null;
  /** Lower-case words of the description and the keywords. */
  words: string[];
}

const DATA_WORDS = new Set([
  'parser',
  'parsers',
  'parse',
  'parsing',
  'serializer',
  'serialize',
  'serialization',
  'deserialize',
  'stringify',
  'yaml',
  'yml',
  'json',
  'json5',
  'csv',
  'tsv',
  'xml',
  'toml',
  'ini',
  'markdown',
  'date',
  'dates',
  'time',
  'datetime',
  'timezone',
  'format',
  'formatter',
  'formatting',
  'encoding',
  'encode',
  'encoder',
  'decode',
  'decoder',
  'codec',
  'base64',
  'unicode',
  'convert',
  'converter',
  'conversion',
  'transform',
  'transformer',
  'transformation',
  'tokenizer',
  'lexer',
  'delimited',
]);

const IO_WORDS = new Set([
  'http',
  'https',
  'server',
  'client',
  'api',
  'rest',
  'graphql',
  'database',
  'db',
  'sql',
  'orm',
  'driver',
  'network',
  'socket',
  'websocket',
  'fetch',
  'request',
  'cli',
  'filesystem',
  'fs',
  'file',
  'files',
  'filereader',
  'stream',
  'streaming',
  'worker',
  'workers',
  'framework',
  'router',
  'middleware',
  'crawler',
  'scraper',
  'upload',
  'download',
  'cloud',
  'aws',
  's3',
]);

export interface PackageVerdict {
  /** Words that name data work. */
  data: string[];
  /** Words that name I/O, services or frameworks. */
  io: string[];
}

/** Sorts a package's words into data work and I/O. */
export function judgePackage(facts: PackageFacts): PackageVerdict {
  const words = [...new Set(facts.words)];
  return { data: words.filter((w) => DATA_WORDS.has(w)), io: words.filter((w) => IO_WORDS.has(w)) };
}

function words(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.toLowerCase().split(/[^a-z0-9]+/)).filter((word) => word !== '');
}

/** `key = "value"` and `key = ["a", "b"]` in one `[section]` of a TOML file (enough for these fields). */
function tomlSection(text: string, section: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const header = new RegExp(`^\\[${section.replace(/\./g, '\\.')}\\][ \\t]*$`, 'm').exec(text);
  if (header === null) return fields;
  const rest = text.slice(header.index + header[0].length);
  const end = rest.search(/^\[/m);
  const body = end === -1 ? rest : rest.slice(0, end);
  for (const m of body.matchAll(/^[ \t]*([\w-]+)[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\[[^\]]*\])/gm)) {
    const value = m[2] as string;
    const strings = value.startsWith('[')
      ? [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((s) => s[1] ?? s[2] ?? '')
      : [value.slice(1, -1)];
    fields.set(m[1] as string, strings);
  }
  return fields;
}

/**
 * Reads a manifest's name, description and keywords; null when the text is not a
 * manifest of its kind (invalid JSON, no package section).
 *
 * @example parsePackage('package.json', '{"name":"js-yaml","keywords":["yaml","parser"]}')
 * // { path: 'package.json', name: 'js-yaml', words: ['yaml', 'parser'] }
 */
export function parsePackage(path: string, text: string): PackageFacts | null {
  const file = path.slice(path.lastIndexOf('/') + 1);
  if (file === 'package.json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
    if (typeof value !== 'object' || value === null) return null;
    const { name, description, keywords } = value as Record<string, unknown>;
    const texts = [
      ...(typeof description === 'string' ? [description] : []),
      ...(Array.isArray(keywords) ? keywords.filter((k): k is string => typeof k === 'string') : []),
    ];
    return { path, name: typeof name === 'string' ? name : null, words: words(texts) };
  }
  for (const section of file === 'Cargo.toml' ? ['package'] : ['project', 'tool.poetry']) {
    const fields = tomlSection(text, section);
    if (fields.size === 0) continue;
    const texts = [...(fields.get('description') ?? []), ...(fields.get('keywords') ?? [])];
    return { path, name: fields.get('name')?.[0] ?? null, words: words(texts) };
  }
  return null;
}

/**
 * Where a file's manifest can be, nearest first: each directory from the file's own
 * up to the root, each manifest name in turn.
 *
 * @example manifestPaths('lib/type/int.js').slice(0, 2) // ['lib/type/package.json', 'lib/type/pyproject.toml']
 */
export function manifestPaths(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  const paths: string[] = [];
  for (let depth = parts.length; depth >= 0; depth -= 1) {
    const dir = parts.slice(0, depth).join('/');
    for (const name of MANIFEST_NAMES) paths.push(dir === '' ? name : `${dir}/${name}`);
  }
  return paths;
}

/** The nearest readable manifest of `path` among `manifests` (path → text), or null. */
export function nearestPackage(path: string, manifests: ReadonlyMap<string, string>): PackageFacts | null {
  for (const candidate of manifestPaths(path)) {
    const text = manifests.get(candidate);
    if (text === undefined) continue;
    const facts = parsePackage(candidate, text);
    if (facts !== null) return facts;
  }
  return null;
}
