/**
 * A copy of a git config file without credentials (docs/security.md §13). actions/checkout
 * leaves the token in `http.<url>.extraheader` (or in a credentials file pulled in by
 * `includeIf`); others embed it in remote URLs or `url.<base>.insteadOf`. The sandbox
 * shows this copy in place of the real file, so repository code can still run git
 * (status, diff, log) but cannot read the token.
 */

export interface SanitizedGitConfig {
  text: string;
  /** What was removed, for the audit log (never the values). */
  removed: string[];
}

const SECTION = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(.*)$/;
const KEY = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=|$)/;
// user:password@ or token@ in a URL; the scheme keeps the match from touching ssh's git@host:path.
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s"]+@/gi;

/**
 * Remove credential-bearing entries: every `extraheader`, whole `[credential]` and
 * `[include]`/`[includeIf]` sections, and user-info in URLs. Other lines are kept as
 * they are (comments included), so git reads the same repository settings.
 *
 * @example
 * sanitizeGitConfig('[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic abc\n')
 * // → { text: '[http "https://github.com/"]\n', removed: ['http.https://github.com/.extraheader'] }
 */
export function sanitizeGitConfig(text: string): SanitizedGitConfig {
  const lines = text.split('\n');
  const out: string[] = [];
  const removed: string[] = [];
  let section = '';
  let subsection: string | undefined;
  let dropSection = false;
  let continuing = false;
  let dropContinuation = false;

  for (const line of lines) {
    if (continuing) {
      // A value continued with a trailing backslash belongs to the previous key.
      continuing = line.endsWith('\\');
      if (!dropContinuation) out.push(scrubUrls(line));
      continue;
    }
    const header = SECTION.exec(line);
    if (header !== null) {
      section = (header[1] ?? '').toLowerCase();
      subsection = header[2];
      dropSection =
        section === 'credential' ||
        section.startsWith('credential.') ||
        section === 'include' ||
        section === 'includeif';
      if (dropSection) {
        removed.push(subsection === undefined ? section : `${section}.${subsection}`);
        continue;
      }
      const rest = header[3] ?? '';
      // A key may follow the header on the same line: `[http] extraheader = …`.
      if (rest !== '' && !rest.startsWith('#') && !rest.startsWith(';') && isSecretKey(section, rest)) {
        out.push(line.slice(0, line.length - rest.length).trimEnd());
        removed.push(qualified(section, subsection, keyName(rest)));
        continuing = rest.endsWith('\\');
        dropContinuation = true;
        continue;
      }
      const scrubbedHeader = scrubUrls(line);
      if (scrubbedHeader !== line) removed.push(`${section} (user info in a section name)`);
      out.push(scrubbedHeader);
      continue;
    }
    if (dropSection) {
      continuing = line.endsWith('\\');
      dropContinuation = true;
      continue;
    }
    if (isSecretKey(section, line)) {
      removed.push(qualified(section, subsection, keyName(line)));
      continuing = line.endsWith('\\');
      dropContinuation = true;
      continue;
    }
    const scrubbed = scrubUrls(line);
    if (scrubbed !== line) removed.push(`${qualified(section, subsection, keyName(line))} (user info)`);
    out.push(scrubbed);
    continuing = line.endsWith('\\');
    dropContinuation = false;
  }
  return { text: out.join('\n'), removed };
}

/** `extraheader` carries the token (`AUTHORIZATION: basic …`) in any section that has it. */
function isSecretKey(_section: string, line: string): boolean {
  return keyName(line) === 'extraheader';
}

function keyName(line: string): string {
  return (KEY.exec(line)?.[1] ?? '').toLowerCase();
}

function qualified(section: string, subsection: string | undefined, key: string): string {
  return subsection === undefined ? `${section}.${key}` : `${section}.${subsection}.${key}`;
}

function scrubUrls(line: string): string {
  return line.replace(URL_USERINFO, '$1');
}
