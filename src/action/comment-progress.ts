/**
 * The Progress port as one GitHub comment edited in place as each step
 * completes. The engine reports far more often than a comment should
 * be edited, and must never wait for GitHub, so updates are coalesced:
 *
 * - `update` returns at once; at most one edit is in flight, and while it is, later
 *   snapshots replace each other so that only the newest is written next;
 * - edits are at least `minIntervalMs` apart (GitHub's secondary rate limits count
 *   content edits), except when `flush`/`finish` asks for the latest now;
 * - an edit that would not change the text is not sent;
 * - a failed edit is reported to `onError` and does not stop the run: the final
 *   `finish` tries again with the final text.
 */
import type { Forge } from '../ports/forge.ts';
import type { Progress, ProgressSnapshot } from '../ports/progress.ts';

export interface CommentProgressOptions {
  forge: Forge;
  commentId: number;
  /** The comment's markdown for a snapshot (already redacted, or pass `redact`). */
  render: (snapshot: ProgressSnapshot) => string;
  /** Applied to every body before it is sent. */
  redact?: (text: string) => string;
  onError?: (error: unknown) => void;
  /** Default 1000. */
  minIntervalMs?: number;
  now?: () => number;
}

export class CommentProgress implements Progress {
  readonly #options: CommentProgressOptions;
  #latest: ProgressSnapshot | null = null;
  #dirty = false;
  #written: string | null = null;
  #lastWriteAt = Number.NEGATIVE_INFINITY;
  #draining: Promise<void> | null = null;
  #urgent = false;
  #wake: (() => void) | null = null;
  /** Number of comment edits sent (for tests and the audit). */
  edits = 0;

  constructor(options: CommentProgressOptions) {
    this.#options = options;
  }

  /** The newest snapshot reported, or null before the first. */
  get last(): ProgressSnapshot | null {
    return this.#latest === null ? null : structuredClone(this.#latest);
  }

  async update(snapshot: ProgressSnapshot): Promise<void> {
    this.#latest = structuredClone(snapshot);
    this.#dirty = true;
    this.#draining ??= this.#drain();
  }

  /** Writes the newest snapshot now (skipping the interval) and waits for it. */
  async flush(): Promise<void> {
    this.#urgent = true;
    this.#wake?.();
    try {
      while (this.#draining !== null) await this.#draining;
    } finally {
      this.#urgent = false;
    }
  }

  /** Flushes, then writes `body` as the comment's final text; false when that edit failed. */
  async finish(body: string): Promise<boolean> {
    await this.flush();
    return this.#send(body);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#dirty && this.#latest !== null) {
        const wait = this.#lastWriteAt + (this.#options.minIntervalMs ?? 1000) - this.#now();
        if (wait > 0 && !this.#urgent) await this.#sleep(wait);
        this.#dirty = false;
        let body: string;
        try {
          body = this.#options.render(this.#latest);
        } catch (error) {
          this.#options.onError?.(error);
          continue;
        }
        await this.#send(body);
      }
    } finally {
      this.#draining = null;
    }
  }

  async #send(text: string): Promise<boolean> {
    const body = this.#options.redact?.(text) ?? text;
    if (body === this.#written) return true;
    try {
      await this.#options.forge.updateComment(this.#options.commentId, body);
      this.#written = body;
      this.edits += 1;
      return true;
    } catch (error) {
      this.#options.onError?.(error);
      return false;
    } finally {
      this.#lastWriteAt = this.#now();
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
