/**
 * Reads a change bundle for the publish job, trusting nothing: the directory and its
 * files must be real (no symlinks), sizes are checked before anything is read, the
 * manifest must match the schema, and the patch must have the size and SHA-256 the
 * manifest records (a truncated or swapped artifact is caught here).
 */
import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from '../../core/bundle/bundle-limits.ts';
import { BUNDLE_MANIFEST_FILE, BUNDLE_PATCH_FILE, type BundleManifest } from '../../core/bundle/change-bundle.ts';
import { parseBundleManifest } from '../../core/bundle/parse-bundle-manifest.ts';
import { GreenlightError } from '../../ports/errors.ts';

export interface ChangeBundle {
  manifest: BundleManifest;
  patch: Uint8Array;
}

export async function readChangeBundle(
  dir: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<ChangeBundle> {
  await expectKind(dir, 'directory', `the bundle ${dir}`);
  const manifestPath = join(dir, BUNDLE_MANIFEST_FILE);
  const patchPath = join(dir, BUNDLE_PATCH_FILE);
  const manifestSize = await expectKind(manifestPath, 'file', BUNDLE_MANIFEST_FILE);
  if (manifestSize > limits.manifestBytes) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_MANIFEST_FILE} is ${manifestSize} bytes, over the limit of ${limits.manifestBytes}.`,
    );
  }
  const manifest = parseBundleManifest(await readFile(manifestPath, 'utf8'), limits);
  const patchSize = await expectKind(patchPath, 'file', BUNDLE_PATCH_FILE);
  if (patchSize > limits.patchBytes) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_PATCH_FILE} is ${patchSize} bytes, over the limit of ${limits.patchBytes}.`,
    );
  }
  const patch = await readFile(patchPath);
  const sha256 = createHash('sha256').update(patch).digest('hex');
  if (patch.byteLength !== manifest.patch.bytes || sha256 !== manifest.patch.sha256) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_PATCH_FILE} does not match the manifest (size ${patch.byteLength}, expected ${manifest.patch.bytes}; SHA-256 ${sha256.slice(0, 12)}…, expected ${manifest.patch.sha256.slice(0, 12)}…): the artifact was changed or truncated after the job wrote it.`,
    );
  }
  return { manifest, patch };
}

/** The size of `path` when it is a real file/directory (not a symlink); a bundle-invalid error otherwise. */
async function expectKind(path: string, kind: 'file' | 'directory', label: string): Promise<number> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GreenlightError(
        'bundle-invalid',
        `${label} does not exist: download the bundle artifact (actions/download-artifact) to the path given as bundle_path.`,
        { cause: error },
      );
    }
    throw error;
  }
  const ok = kind === 'file' ? info.isFile() : info.isDirectory();
  if (!ok)
    throw new GreenlightError(
      'bundle-invalid',
      `${label} is not a ${kind === 'file' ? 'regular file' : 'directory'} (symlinks are refused).`,
    );
  return info.size;
}
