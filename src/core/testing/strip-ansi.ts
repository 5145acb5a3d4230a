// CSI sequences (colours, cursor moves), OSC sequences (hyperlinks, titles) and lone escapes.
const ANSI =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** Remove terminal escape sequences and carriage-return overwrites from runner output. */
export function stripAnsi(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r\n/g, '\n')
    .replace(/^.*\r(?!\n)/gm, '');
}
