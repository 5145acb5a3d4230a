import { DETECTION_FILES, type ProjectFacts } from '../../core/testing/detect-test-command.ts';
import { baseOf, mayBePackageManifest } from '../../core/testing/find-test-packages.ts';

/** Reads a workspace file by relative path; null when it does not exist. */
export type ReadWorkspaceFile = (path: string) => Promise<string | null>;

/** More manifests than this are not read (a repository of thousands of packages keeps its first ones). */
const MAX_MANIFESTS = 2_000;

const NAMES = new Set<string>(DETECTION_FILES);

/**
 * Gather what detection needs: the file list and the texts of the detection files at
 * the root and in every directory that may be a package (workspace members, a Python
 * project in `backend/`).
 */
export async function loadProjectFacts(
  files: readonly string[],
  readFile: ReadWorkspaceFile,
  config: { command?: string | undefined; directory?: string | undefined } = {},
): Promise<ProjectFacts> {
  const wanted = files.filter((f) => NAMES.has(baseOf(f)) && mayBePackageManifest(f)).slice(0, MAX_MANIFESTS);
  const texts: Record<string, string> = {};
  await Promise.all(
    wanted.map(async (path) => {
      const text = await readFile(path);
      if (text !== null) texts[path] = text;
    }),
  );
  return { files, texts, configCommand: config.command, configDirectory: config.directory };
}
