/**
 * Admits requests under the fleet limits and dispatches them: at once when a slot is
 * free, or later — when a greenlight run of the repository completes
 * (`workflow_run.completed`) or on a timer (the hourly window moves, a lost completion
 * expires) — updating the "queued" comment when it does.
 *
 * Work done here outside a webhook (queued dispatches) is not retried by GitHub: a
 * transient failure puts the request back in the queue, up to three attempts.
 */
import type { FleetLimits } from '../core/fleet/fleet-limits.ts';
import type { Admission } from '../core/fleet/admit-run.ts';
import type { FleetStore, StartedRun } from '../core/fleet/fleet-store.ts';
import type { CommentInfo, Forge } from '../ports/forge.ts';
import type { AppLog } from './app-log.ts';
import { isQueuedComment } from './comments/app-comment-marker.ts';
import { dispatchRun, type DispatchOutcome } from './dispatch-run.ts';
import { renderDispatchComment } from './render-dispatch-comment.ts';
import type { RunRequest } from './run-request.ts';

export interface RunSchedulerOptions {
  store: FleetStore<RunRequest>;
  /** A Forge for the request's repository, authenticated as its installation. */
  forgeFor: (request: RunRequest) => Promise<Forge>;
  /** The App's bot login: only its own comments are ever edited. */
  botLogin: () => Promise<string>;
  /** The workflow file quoted when it is missing. */
  workflowTemplate: string;
  log: AppLog;
  now?: () => number;
  maxAttempts?: number;
}

const repoKey = (request: RunRequest) => `${request.repo.owner}/${request.repo.repo}`;

export class RunScheduler {
  readonly #options: RunSchedulerOptions;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #draining: Promise<void> | null = null;

  constructor(options: RunSchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  admit(request: RunRequest, limits: FleetLimits): Promise<Admission> {
    return this.#options.store.admit(repoKey(request), request, limits, this.#now());
  }

  /**
   * Dispatches an admitted request, handing the run the App's comment to edit
   * (`progressComment`); when it did not start, its slot is given back.
   */
  async dispatch(
    forge: Forge,
    request: RunRequest,
    leaseId: string,
    progressComment: number | null = null,
  ): Promise<DispatchOutcome> {
    try {
      const outcome = await dispatchRun(forge, request, progressComment);
      if (outcome.kind !== 'dispatched') await this.#options.store.cancel(repoKey(request), leaseId);
      return outcome;
    } catch (error) {
      await this.#options.store.cancel(repoKey(request), leaseId);
      throw error;
    }
  }

  /** A greenlight run of `repo` completed: free its slot and start what waits. */
  async finished(repo: string): Promise<void> {
    await this.#options.store.finish(repo, this.#now());
    await this.drain();
  }

  /** Dispatches every queued request that may start now. Concurrent calls share one pass. */
  drain(): Promise<void> {
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  /** Resolves when no drain is running (a shutdown waits for the dispatches it began). */
  async idle(): Promise<void> {
    while (this.#draining !== null) await this.#draining.catch(() => undefined);
  }

  /** Drains every `intervalMs` until `stop()`; the timer never keeps the process alive. */
  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => {
      this.drain().catch((error: unknown) => this.#options.log.error({ err: error }, 'draining the run queue failed'));
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #drainOnce(): Promise<void> {
    const started = await this.#options.store.startQueued(this.#now());
    await Promise.all(started.map((run) => this.#startQueued(run)));
  }

  async #startQueued(run: StartedRun<RunRequest>): Promise<void> {
    const request = run.queued.request;
    const fields = {
      repo: run.repo,
      thread: request.thread,
      queueId: run.queued.id,
      waitedMs: this.#now() - run.queued.queuedAt,
    };
    const retry = async (error: unknown) => {
      const attempts = request.attempts + 1;
      if (attempts < (this.#options.maxAttempts ?? 3)) {
        this.#options.log.warn({ ...fields, err: error, attempts }, 'queued dispatch failed; queued again');
        await this.#options.store.admit(run.repo, { ...request, attempts }, run.queued.limits, this.#now());
      } else {
        this.#options.log.error({ ...fields, err: error, attempts }, 'queued dispatch failed; giving up');
      }
    };
    let forge: Forge;
    try {
      forge = await this.#options.forgeFor(request);
    } catch (error) {
      await retry(error);
      return;
    }
    if (request.kind === 'repair') {
      // A repair was never acknowledged (there is no queued comment): it only starts.
      try {
        const outcome = await this.dispatch(forge, request, run.leaseId);
        this.#options.log.info({ ...fields, outcome: outcome.kind }, 'dispatched a queued CI repair');
      } catch (error) {
        await retry(error);
      }
      return;
    }
    // The "queued" comment becomes the run's progress comment: find it before the dispatch.
    let mine: CommentInfo | null = null;
    try {
      const bot = (await this.#options.botLogin()).toLowerCase();
      const comments = await forge.listIssueComments(request.thread);
      mine =
        comments.find((c) => c.author.login.toLowerCase() === bot && isQueuedComment(c.body, run.queued.id)) ?? null;
    } catch (error) {
      this.#options.log.warn({ ...fields, err: error }, 'could not read the queued comment');
    }
    let outcome: DispatchOutcome;
    try {
      outcome = await this.dispatch(forge, request, run.leaseId, mine?.id ?? null);
    } catch (error) {
      await retry(error);
      return;
    }
    this.#options.log.info({ ...fields, outcome: outcome.kind }, 'dispatched a queued request');
    const body = renderDispatchComment(request, outcome, this.#options.workflowTemplate, true);
    try {
      if (mine === null) await forge.createComment(request.thread, body);
      else await forge.updateComment(mine.id, body);
    } catch (error) {
      this.#options.log.warn({ ...fields, err: error }, 'could not update the queued comment');
    }
  }
}
