/**
 * Actions runtime entry (bundled to dist/index.js). Holds no logic: it checks the Node
 * version before anything else loads, hands the runtime's environment to the Action
 * runner and sets the exit code.
 */
import { nodeVersionProblem } from '../core/node-version-problem.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== null) {
  process.stdout.write(`::error::${problem}\n`);
  process.exitCode = 1;
} else {
  const { runAction } = await import('./runner.ts');
  process.exitCode = await runAction(process.env);
}
