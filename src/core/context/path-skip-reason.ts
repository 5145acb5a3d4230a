/**
 * Files never indexed because of their path alone, decided before they are read:
 * lockfiles, vendored trees, generated folders and names, and `context.exclude`.
 */
import type { SkipReason } from './types.ts';

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'deno.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'go.sum',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile',
]);
const VENDORED =
  /(?:^|\/)(?:node_modules|vendor|third_party|third-party|bower_components|\.yarn|\.pnp|site-packages|Pods|\.venv|venv)\//;
// Build output (`dist/`) is often committed for Actions; `build/` and `out/` are left
// alone because many projects keep build scripts there.
const GENERATED_DIRECTORY = /(?:^|\/)(?:__generated__|generated|dist|coverage|\.next)\//;
const GENERATED_NAME =
  /(?:\.gen\.|\.generated\.|_pb2(?:_grpc)?\.py$|\.pb\.go$|[.-]min\.(?:[cm]?js|css|json|html|svg)$|\.map$|\.snap$)/;
// Binary by extension: skipped without reading (the NUL sniff catches the rest).
const BINARY_EXTENSION =
  /\.(?:png|jpe?g|gif|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|o|a|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|ogg|wav|flac|sqlite|db|pyc|bin|dat|psd|ai|sketch)$/i;

/**
 * Why `path` is not indexed, or null when it may be.
 * @example pathSkipReason('web/node_modules/x/index.js', () => false) // 'vendored'
 */
export function pathSkipReason(path: string, excluded: (path: string) => boolean): SkipReason | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (LOCKFILES.has(name)) return 'lockfile';
  if (VENDORED.test(path)) return 'vendored';
  if (GENERATED_DIRECTORY.test(path) || GENERATED_NAME.test(name)) return 'generated';
  if (BINARY_EXTENSION.test(name)) return 'binary';
  if (excluded(path)) return 'excluded';
  return null;
}
