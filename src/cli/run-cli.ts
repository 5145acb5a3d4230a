/**
 * Process entry for the CLI (bundled to dist/cli.js): checks the Node version before
 * anything else loads, then wires real stdio to `runCommand`, which is imported only then.
 */
import { nodeVersionProblem } from '../core/node-version-problem.ts';
import { isInteractive } from './progress/is-interactive.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== null) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 2;
} else {
  const { runCommand } = await import('./run-command.ts');
  process.exitCode = await runCommand(process.argv.slice(2), {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    env: process.env,
    interactive: isInteractive(process.stderr, process.env),
  });
}
