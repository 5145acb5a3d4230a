/**
 * Recognizes the fix command at the start of a comment. The command must be followed
 * by whitespace or the end of the comment, so that `/fixes #12` or `/fix-it` is an
 * ordinary comment, not a request. Leading whitespace (and blank lines) are allowed;
 * the match is case-sensitive, like the command users configure.
 *
 * @example parseFixCommand('  /fix add a test for parseDate\nthanks', '/fix')
 *   // → { instruction: 'add a test for parseDate\nthanks' }
 */
export function parseFixCommand(body: string, command: string): { instruction: string } | null {
  const text = body.trimStart();
  if (!text.startsWith(command)) return null;
  const rest = text.slice(command.length);
  if (rest !== '' && !/^\s/u.test(rest)) return null;
  return { instruction: rest.trim() };
}
