/**
 * Bundles the entrypoints that must run without node_modules: the Action
 * (`dist/index.js`, what action.yml runs on the node24 runtime) and the CLI
 * (`dist/cli.js`, what the `greenlight` bin runs). Each is minified and split: the
 * entry file checks the Node version and loads the rest on demand from its own chunk
 * folder (`dist/action/`, `dist/cli/`), so a command loads only what it uses
 * (docs/distribution.md). dist/ is committed; a test rebuilds into a temp dir and
 * fails when the committed files differ.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One bundle per entrypoint that needs one: the entry file and its chunk folder under dist/. */
export const bundles = {
  action: { entry: join(root, 'src/action/run-action.ts'), file: 'index', chunks: 'action' },
  cli: { entry: join(root, 'src/cli/run-cli.ts'), file: 'cli', chunks: 'cli' },
} as const;

export type BundleName = keyof typeof bundles;

/**
 * zod re-exports about 40 translations of its messages as `z.locales` (250 KB minified,
 * half of zod in a bundle, all parsed at start-up); greenlight writes its own English
 * messages and uses none of them. Only the English one, zod's default, is kept.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(plugin) {
    // The virtual module's path is a fixed name, not the absolute path of zod's folder:
    // esbuild hashes module paths into chunk names, and dist/ must be the same bytes
    // wherever the repository is checked out (test/build/dist-fresh.test.ts runs in CI's clone).
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? {
            path: 'zod-locales-en-only',
            namespace: 'zod-locales',
            pluginData: { localesDir: join(dirname(args.importer), '..', 'locales') },
          }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: (args.pluginData as { localesDir: string }).localesDir,
    }));
  },
};

/**
 * Bundles every entrypoint into `outdir`; deterministic for the same sources.
 * Returns esbuild's metafile per bundle (inputs, outputs, imports left external).
 */
export async function buildBundles(outdir: string): Promise<Record<BundleName, Metafile>> {
  const built = await Promise.all(
    (Object.keys(bundles) as BundleName[]).map(async (name) => {
      const bundle = bundles[name];
      const result = await build({
        entryPoints: { [bundle.file]: bundle.entry },
        outdir,
        entryNames: '[name]',
        chunkNames: `${bundle.chunks}/[name]-[hash]`,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        splitting: true,
        sourcemap: false,
        minify: true,
        metafile: true,
        plugins: [zodEnglishOnly],
        legalComments: 'none',
        logLevel: 'warning',
        // CommonJS dependencies expect require, __filename and __dirname; an ESM
        // bundle has none of them.
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
      return [name, result.metafile] as const;
    }),
  );
  return Object.fromEntries(built) as Record<BundleName, Metafile>;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { rmSync } = await import('node:fs');
  // Chunk names change with their content: start from an empty dist/ so none is left over.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await buildBundles(join(root, 'dist'));
}
