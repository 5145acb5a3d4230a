import type { Checkpoints } from '../../src/ports/checkpoints.ts';
import type { MemoryRepo } from './memory-repo.ts';

/** Checkpoints as copies of the MemoryRepo file map; records every call. */
export class FakeCheckpoints implements Checkpoints {
  readonly saved = new Map<string, { label: string; files: Map<string, string> }>();
  readonly calls: string[] = [];
  private readonly repo: MemoryRepo;

  constructor(repo: MemoryRepo) {
    this.repo = repo;
  }

  async save(label: string): Promise<string> {
    const id = `cp-${this.saved.size + 1}`;
    this.saved.set(id, { label, files: this.repo.snapshot() });
    this.calls.push(`save ${label} -> ${id}`);
    return id;
  }

  async restore(id: string): Promise<void> {
    this.repo.replaceAll(this.get(id));
    this.calls.push(`restore ${id}`);
  }

  async restorePaths(id: string, paths: readonly string[]): Promise<void> {
    const files = this.get(id);
    for (const path of paths) {
      const content = files.get(path);
      if (content === undefined) this.repo.delete(path);
      else this.repo.write(path, content);
    }
    this.calls.push(`restorePaths ${id} ${paths.join(',')}`);
  }

  private get(id: string): Map<string, string> {
    const checkpoint = this.saved.get(id);
    if (checkpoint === undefined) throw new Error(`unknown checkpoint ${id}`);
    return checkpoint.files;
  }
}
