import { DETECTION_FILES, type ProjectFacts } from '../../core/testing/detect-test-command.ts';

/** Reads a workspace file by relative path; null when it does not exist. */
export type ReadWorkspaceFile = (path: string) => Promise<string | null>;

/** Gather what detection needs: the file list and the texts of the root files it reads. */
export async function loadProjectFacts(
  files: readonly string[],
  readFile: ReadWorkspaceFile,
  configCommand?: string,
): Promise<ProjectFacts> {
  const present = new Set(files);
  const texts: Record<string, string> = {};
  for (const name of DETECTION_FILES) {
    if (!present.has(name)) continue;
    const text = await readFile(name);
    if (text !== null) texts[name] = text;
  }
  return { files, texts, configCommand };
}
