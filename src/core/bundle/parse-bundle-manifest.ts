/**
 * Parses and validates a bundle's `manifest.json`. Every problem is a
 * GreenlightError('bundle-invalid') that names the field, because the publish job's
 * log is where a user finds out why nothing was published.
 */
import { GreenlightError } from '../../ports/errors.ts';
import { BUNDLE_MANIFEST_FILE, BundleManifest } from './change-bundle.ts';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-limits.ts';

const HINT =
  'Publish only bundles written by the same greenlight version in the same workflow run (actions/upload-artifact → actions/download-artifact).';

/**
 * @example parseBundleManifest(await readFile(join(dir, 'manifest.json'), 'utf8'))
 */
export function parseBundleManifest(text: string, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): BundleManifest {
  if (text.length > limits.manifestBytes) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_MANIFEST_FILE} is larger than ${limits.manifestBytes} bytes. ${HINT}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_MANIFEST_FILE} is not JSON (${(error as Error).message}). ${HINT}`,
      { cause: error },
    );
  }
  const parsed = BundleManifest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length === 0 ? '(top level)' : issue.path.join('.')}: ${issue.message}`);
    const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : '';
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_MANIFEST_FILE} is invalid: ${problems.join('; ')}${more}. ${HINT}`,
    );
  }
  const manifest = parsed.data;
  if (manifest.reportMarkdown.length > limits.reportChars) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_MANIFEST_FILE}: reportMarkdown is longer than ${limits.reportChars} characters. ${HINT}`,
    );
  }
  if (manifest.files.length > limits.files) {
    throw new GreenlightError(
      'bundle-invalid',
      `${BUNDLE_MANIFEST_FILE}: more than ${limits.files} changed files. ${HINT}`,
    );
  }
  if (manifest.patch.bytes > limits.patchBytes) {
    throw new GreenlightError(
      'bundle-invalid',
      `the patch is ${manifest.patch.bytes} bytes, over the limit of ${limits.patchBytes}. ${HINT}`,
    );
  }
  return manifest;
}
