/**
 * Defuse GitHub Actions workflow commands in child output before it reaches a log
 * (docs/security.md §16). The runner treats a line as a command when, after trimming leading
 * whitespace, it starts with `::` (`::add-mask::`, `::stop-commands::`, `::error::`),
 * and it also accepts the legacy form `##[command]` ANYWHERE in a line. It splits lines
 * on `\n`, `\r\n` and a lone `\r`.
 *
 * The chosen defusal is a VISIBLE marker, U+2423 OPEN BOX `␣`:
 *   - `::error::boom` becomes `␣::error::boom` (indentation is kept: the marker goes
 *     right before the `::`, so the trimmed line no longer starts with `::`);
 *   - every `##[` becomes `##␣[`, which the legacy parser no longer finds.
 * Indenting alone would not work (the runner trims), and an invisible character would
 * hide from a reader that the child tried to issue a command. The marker is not
 * whitespace for .NET's TrimStart, so the runner cannot trim it away.
 */

/** The visible marker inserted to defuse a command. */
export const DEFUSE_MARKER = '\u2423';

// Leading whitespace as .NET's Char.IsWhiteSpace sees it (JS \s plus NEL); a superset is harmless.
const COMMAND_LINE = /^([\s\u0085]*)::/;
const LEGACY_COMMAND = /##\[/g;

/**
 * Return `text` with every workflow command defused; all other text is unchanged.
 *
 * @example
 * neutralizeWorkflowCommands('ok\n::add-mask::x\n') // 'ok\n␣::add-mask::x\n'
 */
export function neutralizeWorkflowCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  // Split keeping the separators, so \r\n, \r and \n survive byte for byte.
  const parts = text.split(/(\r\n|\r|\n)/);
  for (let index = 0; index < parts.length; index += 2) {
    const line = parts[index] ?? '';
    parts[index] = line
      .replace(COMMAND_LINE, (_match, indent: string) => `${indent}${DEFUSE_MARKER}::`)
      .replace(LEGACY_COMMAND, `##${DEFUSE_MARKER}[`);
  }
  return parts.join('');
}
