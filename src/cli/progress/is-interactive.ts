/**
 * Whether the CLI may redraw its live status line: progress is written to stderr, so
 * stderr must be a terminal (stdout may be a pipe or a file: `greenlight run … > out`),
 * and one that moves the cursor (`TERM=dumb` does not).
 *
 * @example isInteractive(process.stderr, process.env) // false under `2>log`
 */
export function isInteractive(
  stderr: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return stderr.isTTY === true && env.TERM !== 'dumb';
}
