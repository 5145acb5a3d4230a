import type { FileChange, Workspace } from '../../src/ports/workspace.ts';
import { lineDiff } from './line-diff.ts';
import type { MemoryRepo } from './memory-repo.ts';

/**
 * The Workspace port over a MemoryRepo. `changes`/`diff` compare against the base file
 * map (only `repo.baseSha` is a known base); a deleted file whose exact content shows
 * up under a new path is reported as a rename, as git does.
 */
export class FakeWorkspace implements Workspace {
  readonly root = '/fake/workspace';
  readonly repo: MemoryRepo;
  branch: string | null = 'main';

  constructor(repo: MemoryRepo) {
    this.repo = repo;
  }

  async headSha(): Promise<string> {
    return this.repo.baseSha;
  }

  async currentBranch(): Promise<string | null> {
    return this.branch;
  }

  async listFiles(): Promise<string[]> {
    return [...this.repo.files.keys()].sort();
  }

  async readFile(path: string): Promise<string | null> {
    return this.repo.read(path);
  }

  async changes(base: string): Promise<FileChange[]> {
    this.checkBase(base);
    const before = this.repo.baseFiles;
    const after = this.repo.files;
    const deleted = [...before.keys()].filter((p) => !after.has(p));
    const added = [...after.keys()].filter((p) => !before.has(p));
    const result: FileChange[] = [];
    const renamedFrom = new Map<string, string>();
    for (const path of added) {
      const from = deleted.find((d) => before.get(d) === after.get(path) && ![...renamedFrom.values()].includes(d));
      if (from !== undefined) renamedFrom.set(path, from);
    }
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const path of paths) {
      const old = before.get(path) ?? null;
      const now = after.get(path) ?? null;
      if (old === now) continue;
      if (now === null && [...renamedFrom.values()].includes(path)) continue;
      const from = renamedFrom.get(path);
      if (from !== undefined) {
        result.push({
          path,
          previousPath: from,
          status: 'renamed',
          oldMode: '100644',
          newMode: '100644',
          binary: false,
          addedLines: [],
          removedLines: [],
        });
        continue;
      }
      const d = lineDiff(old, now);
      const change: FileChange = {
        path,
        status: old === null ? 'added' : now === null ? 'deleted' : 'modified',
        binary: false,
        addedLines: d.added,
        removedLines: d.removed,
      };
      if (old !== null) change.oldMode = '100644';
      if (now !== null) change.newMode = '100644';
      result.push(change);
    }
    return result;
  }

  async diff(base: string): Promise<string> {
    this.checkBase(base);
    const out: string[] = [];
    for (const change of await this.changes(base)) {
      if (change.status === 'renamed') {
        out.push(
          `diff --git a/${change.previousPath} b/${change.path}`,
          `rename from ${change.previousPath}`,
          `rename to ${change.path}`,
        );
        continue;
      }
      const d = lineDiff(this.repo.baseFiles.get(change.path) ?? null, this.repo.read(change.path));
      out.push(
        `diff --git a/${change.path} b/${change.path}`,
        change.status === 'added' ? '--- /dev/null' : `--- a/${change.path}`,
        change.status === 'deleted' ? '+++ /dev/null' : `+++ b/${change.path}`,
        '@@ @@',
        ...d.hunk,
      );
    }
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }

  async isClean(): Promise<boolean> {
    return (await this.changes(this.repo.baseSha)).length === 0;
  }

  private checkBase(base: string): void {
    if (base !== this.repo.baseSha) throw new Error(`FakeWorkspace only knows base ${this.repo.baseSha}, got ${base}`);
  }
}
