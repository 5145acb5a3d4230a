/**
 * Actions runtime entry (bundled to dist/index.js). Holds no logic: it hands the
 * runtime's environment to the Action runner and sets the exit code.
 */
import { runAction } from './runner.ts';

process.exitCode = await runAction(process.env);
