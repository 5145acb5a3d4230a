/**
 * Runs the registry's checks in order on one host: the config first (every later
 * check uses it), then each check whose surface this is; a check whose `needs` failed
 * is shown as skipped rather than run on a broken premise.
 */
import { DEFAULT_CONFIG_PATH, parseConfig } from '../config/parse-config.ts';
import { defaultConfig } from '../config/repo-config.ts';
import { DOCTOR_CHECKS } from './checks/index.ts';
import type {
  CheckLine,
  DoctorContext,
  DoctorCheck,
  DoctorHost,
  DoctorReport,
  DoctorResult,
  DoctorState,
  DoctorSurface,
} from './doctor-check.ts';

export interface RunDoctorOptions {
  surface: DoctorSurface;
  /** Run the test suite once (default true). */
  runBaseline?: boolean;
  /** The config to check with, when the caller has it (the Action reads it from the default branch). */
  config?: DoctorState['config'];
  /** The checks to run (default: the registry). */
  checks?: readonly DoctorCheck[];
}

async function initialState(host: DoctorHost, options: RunDoctorOptions): Promise<DoctorState> {
  if (options.config !== undefined)
    return { config: options.config, configErrors: [], configPath: DEFAULT_CONFIG_PATH, configFound: true };
  const { path, text } = await host.readConfig();
  const parsed = parseConfig(text, path);
  return parsed.ok
    ? { config: parsed.config, configErrors: [], configPath: path, configFound: text !== null }
    : { config: defaultConfig(), configErrors: parsed.errors, configPath: path, configFound: true };
}

/**
 * @example
 * const report = await runDoctor(host, { surface: 'cli' });
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function runDoctor(host: DoctorHost, options: RunDoctorOptions): Promise<DoctorReport> {
  const state = await initialState(host, options);
  const results: DoctorResult[] = [];
  const failed = new Set<string>();
  for (const check of options.checks ?? DOCTOR_CHECKS) {
    if (check.surfaces !== undefined && !check.surfaces.includes(options.surface)) continue;
    const blocking = (check.needs ?? []).filter((id) => failed.has(id));
    const lines =
      blocking.length > 0
        ? [
            {
              label: check.id.replace(/-/g, ' '),
              status: 'skip' as const,
              detail: `not checked: ${blocking.join(', ')} failed above`,
            },
          ]
        : await runCheck(check, { host, surface: options.surface, state, runBaseline: options.runBaseline ?? true });
    if (lines.some((line) => line.status === 'fail')) failed.add(check.id);
    results.push({ id: check.id, lines });
  }
  return { ok: failed.size === 0, results };
}

/** A check that throws is a ✗ of its own, not the end of the report. */
async function runCheck(check: DoctorCheck, context: DoctorContext): Promise<CheckLine[]> {
  try {
    return await check.run(context);
  } catch (error) {
    return [
      {
        label: check.id.replace(/-/g, ' '),
        status: 'fail',
        detail: `the check could not run: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}
