/**
 * A CODEOWNERS parser (pure): each rule is a gitignore-style pattern and its owners
 * (`@user`, `@org/team`, or an email). GitHub's deviations are kept: `!` negation and
 * `[ ]` ranges are invalid (the line is skipped and reported), and `docs/*` owns only
 * files directly in `docs/`, not nested ones. The last matching rule wins
 * (`ownersOf`).
 */

export interface CodeownersRule {
  pattern: string;
  /** Owners as written (`@alice`, `@acme/web`, `a@example.com`); empty = explicitly unowned. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
  /** Full-match regex over a slash-separated path (a file, or for directory rules a parent). */
  regex: RegExp;
  /** Pattern ends with `/`: matches directories (and so everything inside), never a file itself. */
  directoryOnly: boolean;
  /** Pattern ends with `/*`: matches direct children only, GitHub's deviation from gitignore. */
  directChildrenOnly: boolean;
}

export interface CodeownersProblem {
  line: number;
  message: string;
}

export interface Codeowners {
  rules: CodeownersRule[];
  problems: CodeownersProblem[];
}

/** Where GitHub looks for the file, in its order. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

const OWNER =
  /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?(?:\/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/** Splits on unescaped whitespace; stops at an unescaped `#` that starts a token. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    if (char === '\\' && i + 1 < line.length) {
      current += char + (line[i + 1] ?? '');
      i++;
    } else if (/\s/.test(char)) {
      if (current !== '') tokens.push(current);
      current = '';
    } else if (char === '#' && current === '') {
      break;
    } else {
      current += char;
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const rest = glob.slice(i);
    if (rest.startsWith('**/')) {
      out += '(?:.*/)?';
      i += 2;
    } else if (rest === '/**') {
      out += '/.*';
      i += 2;
    } else if (rest.startsWith('**')) {
      out += '.*';
      i += 1;
    } else if (rest[0] === '*') {
      out += '[^/]*';
    } else if (rest[0] === '?') {
      out += '[^/]';
    } else if (rest[0] === '\\' && rest.length > 1) {
      out += (rest[1] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    } else {
      out += (rest[0] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}

function compile(pattern: string): Pick<CodeownersRule, 'regex' | 'directoryOnly' | 'directChildrenOnly'> {
  const directoryOnly = pattern.endsWith('/') && pattern !== '/';
  let body = directoryOnly ? pattern.slice(0, -1) : pattern;
  // A slash at the start or in the middle anchors the pattern to the repository root.
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return {
    regex: new RegExp(`${prefix}${globToRegex(body)}$`),
    directoryOnly,
    directChildrenOnly: body.endsWith('/*') && !body.endsWith('/**/*') && !body.endsWith('**/*'),
  };
}

/** Parses a CODEOWNERS file; invalid lines are skipped and listed in `problems`. */
export function parseCodeowners(text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  const problems: CodeownersProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const [pattern, ...ownerTokens] = tokenize(raw);
    if (pattern === undefined) return;
    if (pattern.startsWith('!')) {
      problems.push({
        line,
        message: `'${pattern}': negation (!) is not supported in CODEOWNERS; the line is ignored`,
      });
      return;
    }
    if (/(?<!\\)[[\]]/.test(pattern)) {
      problems.push({
        line,
        message: `'${pattern}': character ranges ([ ]) are not supported in CODEOWNERS; the line is ignored`,
      });
      return;
    }
    const owners: string[] = [];
    for (const token of ownerTokens) {
      if (OWNER.test(token)) owners.push(token);
      else problems.push({ line, message: `'${token}' is not an owner (@user, @org/team or an email); it is ignored` });
    }
    rules.push({ pattern, owners, line, ...compile(pattern) });
  });
  return { rules, problems };
}
