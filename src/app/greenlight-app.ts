/**
 * The greenlight GitHub App on Probot: a thin dispatcher. It never clones, builds or
 * runs repository code and holds no model key; each handler makes a few API calls and
 * returns, so Probot answers GitHub in well under a second (docs/security.md §25).
 *
 * | event | → |
 * | --- | --- |
 * | `issues.labeled`, `issue_comment.created` | authorize, acknowledge, dispatch the workflow (handle-trigger) |
 * | `pull_request_review.submitted/dismissed`, `pull_request.synchronize/opened/reopened/labeled` on greenlight PRs | recompute the review gate as the App (handle-gate) |
 * | `workflow_run.completed` of the greenlight workflow | free a fleet slot, dispatch what is queued |
 * | `workflow_run.completed` failed, on a greenlight PR | dispatch a CI repair (handle-failed-run) |
 * | `pull_request_review.submitted` requesting changes or with the fix command | dispatch a fix of its comments (handle-trigger), then the gate |
 *
 * Every delivery id is processed at most once (a DeliveryLedger: in memory, or shared
 * through Redis); a handler that fails makes the delivery fail (HTTP 500, or 503 when
 * the state store is unreachable or another process is still on it), which GitHub
 * shows and the redelivery loop retries. Signatures are verified by Probot's webhooks
 * middleware before any of this runs.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { DEFAULT_CONFIG_PATH } from '../core/config/parse-config.ts';
import { defaultConfig } from '../core/config/repo-config.ts';
import { isGreenlightError } from '../ports/errors.ts';
import type { FleetStore } from '../core/fleet/fleet-store.ts';
import { MemoryFleetStore } from '../core/fleet/memory-fleet-store.ts';
import { GREENLIGHT_LABEL } from '../core/github/greenlight-labels.ts';
import { routeEvent } from '../core/github/route-event.ts';
import { installationGitHub } from '../compose/app-github.ts';
import { appIdentityLoader, type AppClient, type AppIdentity } from './app-identity.ts';
import type { AppLog } from './app-log.ts';
import { DeliveryLog } from './delivery-log.ts';
import { recomputeGate } from './handle-gate.ts';
import { handleFailedRun } from './handle-failed-run.ts';
import { handleTrigger, type TriggerDeps } from './handle-trigger.ts';
import { handleWorkflowRun } from './handle-workflow-run.ts';
import { octokitDeliveriesApi, Redeliverer } from './redeliver-failed.ts';
import type { RunRequest } from './run-request.ts';
import { RunScheduler } from './run-scheduler.ts';
import type { DeliveryLedger } from './state/delivery-ledger.ts';
import { StateUnavailableError } from './state/state-unavailable.ts';
import { GREENLIGHT_WORKFLOW_TEMPLATE } from './workflow-template.ts';

/** Every event the App handles; app.yml subscribes to exactly their names. */
export const APP_EVENTS = {
  trigger: ['issues.labeled', 'issue_comment.created'],
  gate: [
    'pull_request_review.submitted',
    'pull_request_review.dismissed',
    'pull_request.synchronize',
    'pull_request.opened',
    'pull_request.reopened',
    'pull_request.labeled',
  ],
  runs: ['workflow_run.completed'],
} as const;

export interface GreenlightAppOptions {
  /** The repository workflow the App dispatches; default `.github/workflows/greenlight.yml`. */
  workflowFile?: string;
  configPath?: string;
  /** The workflow quoted when it is missing; default the shipped example. */
  workflowTemplate?: string;
  /** Known identity (skips `GET /app`). */
  identity?: AppIdentity;
  store?: FleetStore<RunRequest>;
  deliveries?: DeliveryLedger;
  /** How often queued requests are looked at; null: only when a run completes. Default 60 s. */
  queueIntervalMs?: number | null;
  /** The failed-delivery sweep; null: off. */
  redelivery?: { intervalMs: number; windowMs: number; maxPages?: number; maxRedeliveries?: number } | null;
  now?: () => number;
}

/** What the App exposes besides its Probot function: its parts, and a way to stop its timers. */
export interface GreenlightApp {
  appFn: ApplicationFunction;
  stop(): void;
  /** Resolves when no delivery handler and no queue drain is running (graceful shutdown). */
  settled(): Promise<void>;
  readonly deliveries: DeliveryLedger;
  scheduler(): RunScheduler;
  redeliverer(): Redeliverer | null;
}

type AnyContext = Context;
type Payload = Record<string, unknown> & {
  repository?: { name?: string; owner?: { login?: string }; default_branch?: string; html_url?: string };
  installation?: { id?: number };
};

export function createGreenlightApp(options: GreenlightAppOptions = {}): GreenlightApp {
  const workflowFile = options.workflowFile ?? '.github/workflows/greenlight.yml';
  const configPath = options.configPath ?? DEFAULT_CONFIG_PATH;
  const workflowTemplate = options.workflowTemplate ?? GREENLIGHT_WORKFLOW_TEMPLATE;
  const deliveries =
    options.deliveries ?? new DeliveryLog({ ...(options.now === undefined ? {} : { now: options.now }) });
  const now = options.now ?? Date.now;
  let scheduler: RunScheduler | null = null;
  let redeliverer: Redeliverer | null = null;
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.then(
      () => running.delete(work),
      () => running.delete(work),
    );
    return work;
  };

  const appFn: ApplicationFunction = (app: Probot) => {
    const log: AppLog = app.log;
    const appOctokit = async () => (await app.auth()) as unknown as AppClient;
    const identity =
      options.identity === undefined ? appIdentityLoader(appOctokit) : async () => options.identity as AppIdentity;
    const runs = new RunScheduler({
      store: options.store ?? new MemoryFleetStore<RunRequest>(),
      forgeFor: async (request) =>
        installationGitHub(await app.auth(request.installationId), request.repo, request.defaultBranch).forge,
      botLogin: async () => (await identity()).botLogin,
      workflowTemplate,
      log,
      now,
    });
    scheduler = runs;
    const queueInterval = options.queueIntervalMs === undefined ? 60_000 : options.queueIntervalMs;
    if (queueInterval !== null) runs.start(queueInterval);
    if (options.redelivery != null) {
      const api = {
        list: async (cursor: string | null) => octokitDeliveriesApi((await app.auth()) as never).list(cursor),
        redeliver: async (id: number) => octokitDeliveriesApi((await app.auth()) as never).redeliver(id),
      };
      redeliverer = new Redeliverer(api, {
        windowMs: options.redelivery.windowMs,
        maxPages: options.redelivery.maxPages ?? 10,
        maxRedeliveries: options.redelivery.maxRedeliveries ?? 100,
        now,
        log,
      });
      redeliverer.start(options.redelivery.intervalMs);
    }

    /**
     * Runs `work` once per delivery id; a failure releases the id (a redelivery may
     * retry) and fails the delivery. A copy of a delivery that is still being handled
     * is answered 503 rather than 200: should the first attempt fail, GitHub's record
     * must not show a success.
     */
    const once = (work: (context: AnyContext, payload: Payload) => Promise<unknown>) => async (context: AnyContext) => {
      const payload = context.payload as Payload;
      const fields = { delivery: context.id, event: `${context.name}.${String(payload.action ?? '')}` };
      const claim = await deliveries.claim(context.id);
      if (claim === 'done') {
        context.log.info(fields, 'duplicate delivery ignored');
        return;
      }
      if (claim === 'busy') {
        context.log.info(fields, 'duplicate delivery refused: still being handled');
        throw new StateUnavailableError(`delivery ${context.id} is still being handled; deliver it again later`);
      }
      try {
        const outcome = await track(work(context, payload));
        await deliveries.complete(context.id);
        context.log.info({ ...fields, outcome }, 'delivery handled');
      } catch (error) {
        if (isGreenlightError(error, 'event-invalid')) {
          // A payload that is not what GitHub sends will not improve on redelivery.
          await deliveries.complete(context.id);
          context.log.warn({ ...fields, err: error }, 'delivery ignored: malformed payload');
          return;
        }
        await deliveries.release(context.id);
        context.log.error({ ...fields, err: error }, 'delivery failed');
        throw error;
      }
    };

    const repoOf = (payload: Payload) => {
      const repository = payload.repository;
      const installationId = payload.installation?.id;
      if (repository?.name === undefined || repository.owner?.login === undefined || installationId === undefined)
        return null;
      return {
        repo: { owner: repository.owner.login, repo: repository.name },
        defaultBranch: repository.default_branch ?? null,
        repoUrl: repository.html_url ?? `https://github.com/${repository.owner.login}/${repository.name}`,
        installationId,
      };
    };

    /** What a handler that may dispatch a run needs, for the installation and repository of one delivery. */
    const runDeps = async (
      context: AnyContext,
      where: NonNullable<ReturnType<typeof repoOf>>,
    ): Promise<TriggerDeps> => {
      const { forge, gateSources } = installationGitHub(context.octokit, where.repo, where.defaultBranch);
      return {
        forge,
        gateSources,
        identity: await identity(),
        scheduler: runs,
        installationId: where.installationId,
        repoUrl: where.repoUrl,
        defaultBranch: where.defaultBranch ?? (await forge.getDefaultBranch()),
        workflowFile,
        workflowTemplate,
        configPath,
        log: context.log,
      };
    };

    const onTrigger = once(async (context, payload) => {
      // Cheap filters first: most comments are not commands, and no call is needed to tell.
      if (context.name === 'issue_comment') {
        const body = (payload.comment as { body?: string | null } | undefined)?.body ?? '';
        if (!body.trimStart().startsWith('/')) return { kind: 'ignored', reason: 'not a command' };
      }
      const where = repoOf(payload);
      if (where === null) return { kind: 'ignored', reason: 'no repository or installation in the payload' };
      return handleTrigger(await runDeps(context, where), context.name, payload);
    });

    const onGate = once(async (context, payload) => {
      const where = repoOf(payload);
      if (where === null) return { kind: 'ignored', reason: 'no repository or installation in the payload' };
      if (context.name === 'pull_request_review' && asksForFix(payload)) {
        // A review asking for changes starts a fix run, which recomputes the gate itself
        // when it gets that far; a refused or ignored request still gets the gate below.
        const outcome = await handleTrigger(await runDeps(context, where), context.name, payload);
        if (!['ignored', 'refused', 'config-invalid', 'fork'].includes(outcome.kind)) return outcome;
      }
      const pr = gateTarget(context.name, payload);
      if (pr === null) return { kind: 'ignored', reason: 'not a greenlight pull request event that changes the gate' };
      const { forge, gateSources } = installationGitHub(context.octokit, where.repo, where.defaultBranch);
      return recomputeGate({ forge, gateSources, identity: await identity(), configPath, log: context.log }, pr);
    });

    const onWorkflowRun = once(async (context, payload) => {
      const slotFreed = await handleWorkflowRun({ scheduler: runs, identity, workflowFile }, payload);
      if (slotFreed) return { slotFreed };
      const run = payload.workflow_run as { conclusion?: string | null } | undefined;
      const where = repoOf(payload);
      // Cheap filter first: most completed runs succeeded.
      if (run?.conclusion !== 'failure' || where === null) return { slotFreed };
      const repair = await handleFailedRun(await runDeps(context, where), payload);
      return { slotFreed, repair };
    });

    app.on([...APP_EVENTS.trigger], onTrigger);
    app.on([...APP_EVENTS.gate], onGate);
    app.on([...APP_EVENTS.runs], onWorkflowRun);
  };

  return {
    appFn,
    deliveries,
    stop: () => {
      scheduler?.stop();
      redeliverer?.stop();
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
      await scheduler?.idle();
    },
    scheduler: () => {
      if (scheduler === null) throw new Error('the App is not loaded yet');
      return scheduler;
    },
    redeliverer: () => redeliverer,
  };
}

/** A submitted review that may ask for a fix: requesting changes, or a body that starts with a command. */
function asksForFix(payload: Payload): boolean {
  const review = payload.review as { state?: string; body?: string | null } | undefined;
  return (
    payload.action === 'submitted' &&
    (review?.state?.toLowerCase() === 'changes_requested' || (review?.body ?? '').trimStart().startsWith('/'))
  );
}

/** The pull request whose gate an event changes, or null. */
function gateTarget(name: string, payload: Payload): { pr: number; beforeSha: string | null; pusher?: string } | null {
  const action = String(payload.action ?? '');
  if (name === 'pull_request' && (action === 'opened' || action === 'reopened' || action === 'labeled')) {
    const pr = payload.pull_request as { number?: number; state?: string; labels?: { name?: string }[] } | undefined;
    const label = (payload.label as { name?: string } | undefined)?.name;
    const isGreenlight = (name: string | undefined) => name?.toLowerCase() === GREENLIGHT_LABEL;
    if (pr?.number === undefined || pr.state !== 'open') return null;
    if (action === 'labeled' ? !isGreenlight(label) : !(pr.labels ?? []).some((l) => isGreenlight(l.name))) return null;
    return { pr: pr.number, beforeSha: null };
  }
  const route = routeEvent(name, payload, defaultConfig(), { botLogin: null, modeInput: 'gate' });
  if (route.kind !== 'gate') return null;
  // The sender of a push is who pushed: the API does not say it anywhere else (docs/security.md §34).
  const sender = payload.sender as { login?: string; type?: string } | undefined;
  const pusher =
    route.source === 'push' && typeof sender?.login === 'string' && sender.type !== 'Bot' ? sender.login : undefined;
  return {
    pr: route.pr,
    beforeSha: typeof payload.before === 'string' ? payload.before : null,
    ...(pusher === undefined ? {} : { pusher }),
  };
}
