/**
 * Actions runtime entry (bundled to dist/index.js). Holds no logic: it hands the
 * runtime's environment to the Action runner and sets the exit code.
 *
 * The bundle is ESM, but CommonJS dependencies bundled into it (the TypeScript
 * compiler) read `__filename`/`__dirname` when they load. They are given the bundle's
 * own path before the runner — and with it those dependencies — is loaded.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const globals = globalThis as { __filename?: string; __dirname?: string };
globals.__filename ??= fileURLToPath(import.meta.url);
globals.__dirname ??= dirname(globals.__filename);

const { runAction } = await import('./runner.ts');
process.exitCode = await runAction(process.env);
