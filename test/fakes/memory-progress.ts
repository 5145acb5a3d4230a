import type { Progress, ProgressSnapshot } from '../../src/ports/progress.ts';

/** Records every progress snapshot. */
export class MemoryProgress implements Progress {
  readonly snapshots: ProgressSnapshot[] = [];

  async update(snapshot: ProgressSnapshot): Promise<void> {
    this.snapshots.push(structuredClone(snapshot));
  }

  get last(): ProgressSnapshot | undefined {
    return this.snapshots.at(-1);
  }
}
