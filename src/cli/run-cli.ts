/** Process entry for the CLI: wires real stdio to `main`. */
import { runCommand } from './run-command.ts';

const code = await runCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  cwd: process.cwd(),
  env: process.env,
  interactive: Boolean(process.stdout.isTTY),
});
process.exitCode = code;
