/**
 * The Action runner: reads inputs and the event, sets up the audit log, redaction and
 * the Forge, hands the event to the flow it asks for (run-requested, run-publish,
 * run-gate), and writes the outputs and the job summary. Everything the Action asks of
 * the world comes from ActionServices (src/compose/action-services.ts); the only other
 * I/O of this folder is here and in runtime-files.ts, so the rest of src/action is pure
 * (eslint.config.js) and its decisions and texts are tested as values.
 */
import { join } from 'node:path';
import { dryRunForge } from './dry-run-forge.ts';
import { appendStepSummary, readEventFile, writeJsonFile, writeStepOutputs } from './runtime-files.ts';
import { actionOutputs, exitCodeOf } from './action-outcome.ts';
import { renderJobSummary } from './render-job-summary.ts';
import { maskCommands, workflowCommand } from './workflow-command.ts';
import { buildEvidence } from '../core/evidence/build-evidence.ts';
import { EVIDENCE_SCHEMA_ID } from '../core/evidence/evidence-json-schema.ts';
import { EVIDENCE_FILE } from '../core/evidence/render-evidence.ts';
import { routeEvent } from '../core/github/route-event.ts';
import { createRedactor } from '../core/redact/create-redactor.ts';
import { secretsFromEnv } from '../core/redact/secrets-from-env.ts';
import { neutralizeWorkflowCommands } from '../core/sandbox/neutralize-workflow-commands.ts';
import type { ActionContext, FlowResult } from './action-context.ts';
import { describeError } from './describe-error.ts';
import { readActionInputs, readRuntimeEnv, type ActionInputs, type RuntimeEnv } from './inputs.ts';
import type { ActionServices } from '../compose/action-services.ts';
import { openAuditLog } from '../compose/open-audit-log.ts';
import type { AuditFile } from '../ports/audit.ts';

/** The login of the workflow token's comments; greenlight never reacts to it. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface ActionIo {
  /** One line of the step's log. */
  write(line: string): void;
}

const stdoutIo: ActionIo = { write: (line) => process.stdout.write(`${line}\n`) };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Runs the Action for the runtime's environment; returns the process exit code.
 * Inputs are read and masked before the engine's modules load (`services` defaults to
 * the real adapters, imported then, as each flow is): a bad input is reported at once
 * (docs/distribution.md, "Start-up").
 */
export async function runAction(env: Env, services?: ActionServices, io: ActionIo = stdoutIo): Promise<number> {
  let runtime: RuntimeEnv;
  let inputs: ActionInputs;
  try {
    runtime = readRuntimeEnv(env);
    inputs = readActionInputs(env);
  } catch (error) {
    io.write(workflowCommand('error', createRedactor({ secrets: secretsFromEnv(env) }).redact(describeError(error))));
    return 1;
  }
  for (const line of maskCommands([inputs.githubToken, inputs.anthropicApiKey])) io.write(line);
  const redactor = createRedactor({
    secrets: [...secretsFromEnv(env), inputs.githubToken, inputs.anthropicApiKey ?? undefined],
  });
  const log = (line: string) => io.write(neutralizeWorkflowCommands(redactor.redact(line)));
  const fail = (message: string) => io.write(workflowCommand('error', redactor.redact(message)));

  const auditPath = join(
    runtime.runnerTemp,
    `greenlight-audit-${runtime.runId ?? 'local'}-${runtime.job ?? inputs.mode}-${runtime.runAttempt ?? '1'}.jsonl`,
  );
  let audit: AuditFile;
  try {
    audit = openAuditLog(auditPath, redactor);
  } catch (error) {
    fail(describeError(error));
    return 1;
  }

  let real = services;
  /** The evidence record so far, from the audit log as written (docs/architecture.md "The evidence record"). */
  const readEvidence = async () => {
    if (real === undefined) throw new Error('the audit log is read through the services, which did not load');
    const log = await real.readAuditLog(auditPath);
    return buildEvidence(log.records, { truncatedTail: log.truncatedTail });
  };
  const runUrl =
    runtime.runId === null
      ? null
      : `${runtime.serverUrl}/${runtime.repo.owner}/${runtime.repo.repo}/actions/runs/${runtime.runId}`;
  let result: FlowResult;
  try {
    real ??= (await import('../compose/action-services.ts')).defaultServices();
    const forge = real.createForge({ token: inputs.githubToken, apiUrl: runtime.apiUrl, repo: runtime.repo });
    const ctx: ActionContext = {
      env,
      runtime,
      inputs,
      services: real,
      audit,
      redactor,
      log,
      runUrl,
      forge: inputs.dryRun ? dryRunForge(forge, log) : forge,
      payload: readEventFile(runtime.eventPath),
      botLogin: ACTIONS_BOT_LOGIN,
      auth: { serverUrl: runtime.serverUrl, token: inputs.githubToken },
      readEvidence,
    };
    audit.write({
      kind: 'note',
      message: 'action start',
      data: { event: runtime.eventName, mode: inputs.mode, repo: runtime.repo, runUrl, dryRun: inputs.dryRun },
    });
    result = await runFlow(ctx);
  } catch (error) {
    result = {
      outcome: { kind: 'failed', what: 'handling the event', why: describeError(error) },
      report: null,
      review: null,
    };
  }

  const { outcome } = result;
  const reason =
    outcome.kind === 'failed' ? `${outcome.what}: ${outcome.why}` : 'reason' in outcome ? outcome.reason : undefined;
  try {
    audit.write({ kind: 'run-end', outcome: outcome.kind, ...(reason === undefined ? {} : { reason }) });
  } finally {
    audit.close();
  }
  if (outcome.kind === 'failed') fail(`greenlight failed while ${outcome.what}: ${outcome.why}`);
  else if (outcome.kind === 'skipped') log(`greenlight: nothing to do: ${outcome.reason}`);
  else log(`greenlight: ${outcome.kind}${reason === undefined ? '' : `: ${reason}`}`);

  try {
    // The evidence record of a run that changed something: built from the audit log as
    // written and closed, so that anyone holding the log can rebuild the same record.
    const evidence = real === undefined ? null : await readEvidence();
    let evidencePath: string | null = null;
    if (evidence !== null && (evidence.run !== null || evidence.commit !== null)) {
      evidencePath = join(runtime.runnerTemp, EVIDENCE_FILE);
      writeJsonFile(evidencePath, { $schema: EVIDENCE_SCHEMA_ID, ...evidence });
    }
    if (runtime.outputFile !== null)
      writeStepOutputs(runtime.outputFile, actionOutputs(outcome, auditPath, evidencePath));
    if (runtime.stepSummary !== null && outcome.kind !== 'skipped') {
      appendStepSummary(
        runtime.stepSummary,
        redactor.redact(
          renderJobSummary({
            outcome,
            review: result.review,
            report: result.report,
            eventName: runtime.eventName,
            mode: inputs.mode,
            auditLog: auditPath,
            evidence: evidencePath,
            runUrl,
          }),
        ),
      );
    }
  } catch (error) {
    fail(describeError(error));
    return 1;
  }
  return exitCodeOf(outcome);
}

async function runFlow(ctx: ActionContext): Promise<FlowResult> {
  const { inputs, runtime } = ctx;
  const { loadRunConfig } = await import('./load-run-config.ts');
  const loaded = await loadRunConfig(ctx.forge, inputs.configPath, inputs.overrides);
  if (loaded.ok)
    for (const warning of loaded.warnings)
      ctx.log(`greenlight: ${inputs.configPath}:${warning.line}: warning: ${warning.message}`);
  if (inputs.mode === 'publish') {
    const { runPublish } = await import('./run-publish.ts');
    return runPublish(ctx, loaded, inputs.bundlePath ?? '');
  }
  const trigger = (loaded.ok ? loaded.config : loaded.fallback).trigger;
  const route = routeEvent(
    runtime.eventName,
    ctx.payload,
    { trigger },
    { botLogin: ctx.botLogin, modeInput: inputs.mode, ownWorkflowPath: runtime.workflowPath },
  );
  switch (route.kind) {
    case 'ignore':
      return { outcome: { kind: 'skipped', reason: route.reason }, report: null, review: null };
    case 'gate':
      return (await import('./run-gate.ts')).runGate(ctx, route, loaded);
    case 'repair':
      return (await import('./run-repair.ts')).runRepair(ctx, route, loaded);
    default:
      return (await import('./run-requested.ts')).runRequested(ctx, route, loaded);
  }
}
