/**
 * Bundles the entrypoints that must run without node_modules: the Action
 * (`dist/index.js`, what action.yml runs on the node24 runtime) and the CLI
 * (`dist/cli.js`, what the `greenlight` bin runs). dist/ is committed; a test
 * rebuilds into a temp dir and fails when the committed files differ.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const entryPoints = {
  index: join(root, 'src/action/run-action.ts'),
  cli: join(root, 'src/cli/run-cli.ts'),
};

/** Bundles every entrypoint into `outdir`; deterministic for the same sources. */
export async function buildBundles(outdir: string): Promise<void> {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    splitting: false,
    sourcemap: false,
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies (the TypeScript parser among them) expect require,
    // __filename and __dirname; an ESM bundle has none of them.
    banner: {
      js: [
        "import { createRequire as __greenlightCreateRequire } from 'node:module';",
        "import { fileURLToPath as __greenlightFileURLToPath } from 'node:url';",
        "import { dirname as __greenlightDirname } from 'node:path';",
        'const require = __greenlightCreateRequire(import.meta.url);',
        'const __filename = __greenlightFileURLToPath(import.meta.url);',
        'const __dirname = __greenlightDirname(__filename);',
      ].join(' '),
    },
    absWorkingDir: root,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildBundles(join(root, 'dist'));
}
