/**
 * The TypeScript compiler reads the CommonJS globals `__filename` and `__dirname` while
 * it loads. Bundled into an ES module (dist/cli.js, dist/index.js) those do not exist
 * and loading it throws a ReferenceError. parse-typescript.ts imports this module before
 * `typescript`, so it runs first and gives them the bundle's own path. Where they exist
 * (CommonJS loading from node_modules) the compiler's own module scope shadows these.
 */
const scope = globalThis as { __filename?: unknown; __dirname?: unknown };
if (typeof scope.__filename !== 'string' && import.meta.url.startsWith('file:')) {
  const path = decodeURIComponent(new URL(import.meta.url).pathname);
  scope.__filename = path;
  scope.__dirname = path.slice(0, path.lastIndexOf('/'));
}

export {};
