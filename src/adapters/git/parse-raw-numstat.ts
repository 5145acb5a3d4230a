/**
 * Parses `git diff --raw --numstat -z` output: one raw entry per file (modes, status,
 * paths) and one numstat entry per file (line counts, `-` for binary content).
 */
import type { FileChangeStatus } from '../../ports/workspace.ts';

export interface RawEntry {
  path: string;
  previousPath?: string;
  status: FileChangeStatus;
  oldMode: string;
  newMode: string;
}

export interface RawNumstat {
  entries: RawEntry[];
  /** Paths (new path for renames) whose content is binary. */
  binary: Set<string>;
}

function statusOf(letter: string): FileChangeStatus {
  switch (letter) {
    case 'A':
    case 'C': // a copy is a new file; its source is unchanged
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    default: // M, T (type change), U (unmerged), X
      return 'modified';
  }
}

/** Parses the NUL-separated output of `git diff --raw --numstat -z …`. */
export function parseRawNumstat(output: string): RawNumstat {
  const tokens = output.split('\0');
  const entries: RawEntry[] = [];
  const binary = new Set<string>();
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as string;
    i += 1;
    if (token === '' || token === '\n') continue;
    if (token.startsWith(':')) {
      // :oldmode newmode oldsha newsha status[score]
      const [oldMode = '', newMode = '', , , statusField = ''] = token.slice(1).trim().split(' ');
      const letter = statusField.charAt(0);
      if (letter === 'R' || letter === 'C') {
        const from = tokens[i] ?? '';
        const to = tokens[i + 1] ?? '';
        i += 2;
        entries.push(
          letter === 'R'
            ? { path: to, previousPath: from, status: 'renamed', oldMode, newMode }
            : { path: to, status: 'added', oldMode: '000000', newMode },
        );
      } else {
        entries.push({ path: tokens[i] ?? '', status: statusOf(letter), oldMode, newMode });
        i += 1;
      }
    } else {
      // added\tremoved\tpath, or added\tremoved\t followed by from and to for renames
      const [added = '', , inlinePath = ''] = token.replace(/^\n/, '').split('\t');
      let path = inlinePath;
      if (path === '') {
        path = tokens[i + 1] ?? '';
        i += 2;
      }
      if (added === '-') binary.add(path);
    }
  }
  return { entries, binary };
}
