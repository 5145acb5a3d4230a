/**
 * Splitting and quoting of simple shell command lines. greenlight only rewrites a
 * test command (appending a reporter, selecting files) when the command is a plain
 * word list; anything with operators, redirections or expansions is left alone.
 */

// Characters that make a command more than a plain word list when unquoted.
const OPERATOR = /[;&|<>()`$\n\\*?[\]{}~#]/;

/**
 * Split a command line into words, honouring single and double quotes. Returns null
 * when the line contains shell syntax (operators, redirections, expansions, globs)
 * outside quotes, or `$`/backticks inside double quotes: such a command cannot be
 * extended safely by appending words.
 *
 * @example splitShellWords(`vitest run --config "a b.ts"`) // ['vitest', 'run', '--config', 'a b.ts']
 */
export function splitShellWords(line: string): string[] | null {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i += 1;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      current += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) return null;
      const inner = line.slice(i + 1, end);
      if (/[$`\\]/.test(inner)) return null;
      current += inner;
      inWord = true;
      i = end + 1;
    } else if (OPERATOR.test(ch)) {
      return null;
    } else {
      current += ch;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Quote one word for a POSIX shell; plain words stay readable. */
export function quoteShellWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Join words into a command line that a POSIX shell splits back into the same words. */
export function joinShellWords(words: readonly string[]): string {
  return words.map(quoteShellWord).join(' ');
}
