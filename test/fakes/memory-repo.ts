/**
 * An in-memory repository: the one file map that FakeWorkspace, FakeRepoTools,
 * FakeCheckpoints and FakeTestRunner share, so a model's edit is what the next test
 * run and diff see. Paths are relative with forward slashes.
 */
export class MemoryRepo {
  readonly files: Map<string, string>;
  /** The files at the base commit (`baseSha`). */
  readonly baseFiles: ReadonlyMap<string, string>;
  readonly baseSha: string;

  constructor(files: Record<string, string>, baseSha = 'base0000000000000000000000000000000000000') {
    this.files = new Map(Object.entries(files));
    this.baseFiles = new Map(this.files);
    this.baseSha = baseSha;
  }

  read(path: string): string | null {
    return this.files.get(path) ?? null;
  }

  write(path: string, content: string): void {
    this.files.set(path, content);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  snapshot(): Map<string, string> {
    return new Map(this.files);
  }

  replaceAll(files: ReadonlyMap<string, string>): void {
    this.files.clear();
    for (const [path, content] of files) this.files.set(path, content);
  }
}
