/**
 * The test command of a JavaScript package: its `test` script run by the client its
 * lockfile (or `packageManager`) names — unless that client is not installed where the
 * tests run, or the script also lints and type-checks: then the test runner the script
 * starts runs on its own, from the package's installed binaries, and the reason says so.
 * Without a test script: vitest, jest, mocha (config files, dependencies) or node:test.
 */
import type { DirectoryFacts } from './detect-test-command.ts';
import { detectJsRunner } from './detect-js-runner.ts';
import { detectPackageClient, execLauncher, scriptCommand } from './detect-package-client.ts';
import { inDir } from './find-test-packages.ts';
import { opaqueRunner, parseRunnerCommand } from './parse-runner-command.ts';
import { joinShellWords } from './shell-words.ts';
import { splitTestScript, type ScriptStep } from './split-test-script.ts';
import type { PackageClient, RunnerId, RunnerInvocation, TestPlan } from './test-plan.ts';
import { clientAccess, installedBin, type ClientAccess } from './tool-facts.ts';

const NPM_PLACEHOLDER = /no test specified/i;

export interface JavaScriptOptions {
  scriptName: string;
  /** The client `tests.command` names (`yarn run test:unit`); otherwise detected. */
  client?: PackageClient;
  /** The command as `tests.command` wrote it. */
  commandOverride?: string;
  /** Where the command came from, for the reason (default `from package.json`). */
  origin?: string;
}

function scriptsOf(pkg: Record<string, unknown>): Record<string, string> {
  const value = pkg['scripts'];
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function runnerName(runner: RunnerId): string {
  return runner === 'node-test' ? 'node:test' : runner;
}

function runnerNote(invocation: RunnerInvocation | null, runner: RunnerId, body: string): string {
  if (invocation !== null) return `it runs ${runnerName(runner)}`;
  if (runner === 'node-test' || runner === 'pytest') {
    return `it is not a single runner command, so ${runnerName(runner)} results are requested through the environment`;
  }
  const mentioned = /\b(vitest|jest|mocha)\b/.exec(body)?.[1];
  return mentioned === undefined
    ? 'results come from its exit code and output'
    : `it is not a single ${mentioned} command, so no reporter can be added safely: results come from its exit code and output`;
}

/**
 * The command that installs the package's dependencies with its client, from where the
 * lockfile is. A client that is missing where the tests run is started through npx
 * (the install step has the network, and npx comes with Node), at the version
 * `packageManager` pins for pnpm, so the hint works on a runner that only has Node.
 */
function installHint(local: DirectoryFacts, client: PackageClient, yarnBerry: boolean, declared: unknown): string {
  const at = local.lockfiles.size > 0 ? local.lockDir : local.dir;
  const cd = at === '' ? '' : `cd ${at} && `;
  const tools = local.tools;
  const viaNpx = client !== 'npm' && tools !== undefined && tools.onPath.has('npx') && !clientAccess(tools, client).ok;
  const pinned = typeof declared === 'string' ? /^pnpm@([\w.-]+)/.exec(declared)?.[1] : undefined;
  const start = !viaNpx
    ? client
    : `npx --yes ${client}${client === 'pnpm' && pinned !== undefined ? `@${pinned}` : ''}`;
  switch (client) {
    case 'npm':
      return `${cd}${local.lockfiles.has('package-lock.json') || local.lockfiles.has('npm-shrinkwrap.json') ? 'npm ci' : 'npm install'}`;
    case 'pnpm':
      return `${cd}${start} install --frozen-lockfile`;
    case 'yarn':
      return `${cd}${start} install ${yarnBerry ? '--immutable' : '--frozen-lockfile'}`;
    case 'bun':
      return `${cd}${start} install --frozen-lockfile`;
  }
}

/** Whether the launcher words of a step can start here (`npx`, `pnpm exec`, …); unchecked without tool facts. */
function launcherWorks(local: DirectoryFacts, launcher: readonly string[]): boolean {
  const tools = local.tools;
  const first = launcher[0];
  if (tools === undefined || first === undefined) return true;
  const name = first.slice(first.lastIndexOf('/') + 1);
  if (name === 'cross-env') return false; // a binary of the package itself: handled as plain variables
  if (name === 'npx') return tools.onPath.has('npx');
  if (name === 'bunx') return tools.onPath.has('bunx') || clientAccess(tools, 'bun').ok;
  if (['npm', 'pnpm', 'yarn', 'bun'].includes(name)) return clientAccess(tools, name as PackageClient).ok;
  return tools.onPath.has(name);
}

interface DirectRun {
  command: string;
  /** How it is started, for the reason: "from node_modules/.bin", "with `pnpm exec`". */
  how: string;
  /** Said when it will not work until something is installed. */
  missing: string | null;
  /** The short form of `missing`, for `TestPlan.blocked`. */
  blocked?: string;
}

/**
 * The command that starts `invocation`'s runner without the package's script: its own
 * launcher when that works here, else the installed binary, else the client's launcher.
 */
function directRun(
  local: DirectoryFacts,
  client: PackageClient,
  access: ClientAccess | null,
  invocation: RunnerInvocation,
): DirectRun {
  const { env, launcher, program, args } = invocation;
  const crossEnv = launcher[0]?.endsWith('cross-env') === true ? launcher.slice(1) : [];
  const ownLauncher = crossEnv.length > 0 ? [] : launcher;
  if (ownLauncher.length > 0 && launcherWorks(local, ownLauncher))
    return {
      command: joinShellWords([...env, ...ownLauncher, ...program, ...args]),
      how: `with \`${ownLauncher.join(' ')}\``,
      missing: null,
    };
  const name = program[0] ?? '';
  if (name === 'node' || invocation.runner === 'pytest')
    return {
      command: joinShellWords([...env, ...crossEnv, ...program, ...args]),
      how: 'as it is written',
      missing: null,
    };
  const bin = local.tools === undefined ? null : installedBin(local.tools, local.dir, name);
  if (bin !== null)
    return {
      command: joinShellWords([...env, ...crossEnv, bin, ...program.slice(1), ...args]),
      how: `from ${bin.replace(/\/[^/]+$/, '')}`,
      missing: null,
    };
  if (access === null || access.ok) {
    const words = access?.ok === true && access.words.length > 1 ? [...access.words, 'exec'] : execLauncher(client);
    return {
      command: joinShellWords([...env, ...crossEnv, ...words, ...program, ...args]),
      how: `with \`${words.join(' ')}\``,
      missing: null,
    };
  }
  const path = `node_modules/.bin/${name}`;
  return {
    command: joinShellWords([...env, ...crossEnv, path, ...program.slice(1), ...args]),
    how: `from node_modules/.bin`,
    missing: `${inDir(local.dir, path)} is not there either: the dependencies are not installed, so this cannot run until they are`,
    blocked: `the dependencies are not installed (${inDir(local.dir, path)} is missing)`,
  };
}

/** The plan for a package.json script of `local`, or null when there is none (or npm's placeholder). */
export function planJavaScript(local: DirectoryFacts, options: JavaScriptOptions): TestPlan | null {
  let pkg: Record<string, unknown> | null = null;
  try {
    const value: unknown = JSON.parse(local.texts['package.json'] ?? 'null');
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) pkg = value as Record<string, unknown>;
  } catch {
    return null;
  }
  if (pkg === null) return null;
  const declared = pkg['packageManager'] ?? local.rootPackage?.['packageManager'];
  const detected = detectPackageClient(local.lockfiles, declared);
  const client = options.client ?? detected.client;
  const evidence = options.client === undefined ? detected.evidence : `${client} from tests.command`;
  const yarnBerry = typeof declared === 'string' && /^yarn@[2-9]/.test(declared);
  const common = {
    directory: local.dir,
    installHint: installHint(local, client, yarnBerry, declared),
  };
  const scripts = scriptsOf(pkg);
  const body = scripts[options.scriptName];
  const manifest = inDir(local.dir, 'package.json');
  if (body === undefined || (options.scriptName === 'test' && NPM_PLACEHOLDER.test(body))) {
    if (options.commandOverride !== undefined || options.scriptName !== 'test') return null;
    return planWithoutScript(local, pkg, client, common);
  }

  const access = local.tools === undefined ? null : clientAccess(local.tools, client);
  const invocation = parseRunnerCommand(body);
  const runner: RunnerId = invocation?.runner ?? opaqueRunner(body);
  const steps = invocation === null ? splitTestScript(body, scripts) : null;
  const runners = (steps ?? []).filter((s): s is Extract<ScriptStep, { kind: 'runner' }> => s.kind === 'runner');
  const checks = (steps ?? []).filter((s) => s.kind === 'check');
  const wrapped = steps !== null && runners.length === 1 && checks.length > 0 && checks.length + 1 === steps.length;
  const clientMissing = access !== null && !access.ok;
  const hooks = scripts[`pre${options.scriptName}`] !== undefined || scripts[`post${options.scriptName}`] !== undefined;
  const origin = options.origin ?? `from ${manifest}`;

  // tests.command always wins: a script it names runs as it is written.
  if (options.commandOverride !== undefined || (!wrapped && !clientMissing)) {
    const { command, append } = scriptCommand(client, options.scriptName);
    const viaCorepack = access?.ok === true && access.words.length > 1;
    const shown = options.commandOverride ?? (viaCorepack ? `corepack ${command}` : command);
    const corepackNote = viaCorepack && access.ok ? `; ${access.note}` : '';
    return {
      runner,
      command: shown,
      reason: `using \`${shown}\` ${origin} (${evidence}); the script \`${body}\`: ${runnerNote(invocation, runner, body)}${corepackNote}`,
      source: 'package-script',
      invocation,
      append: invocation === null ? null : append,
      script: options.scriptName,
      body,
      client,
      lifecycleHooks: hooks,
      ...common,
    };
  }

  // Without the client, a script of several test steps runs its first one (the others are named in the reason).
  const step = invocation !== null ? invocation : (runners[0]?.invocation ?? null);
  const leftOut = !wrapped && invocation === null ? (steps ?? []).filter((s) => s !== runners[0]) : [];
  if (step === null) {
    // The client is missing and the script starts no runner greenlight could run without it.
    const { command } = scriptCommand(client, options.scriptName);
    const why = access !== null && !access.ok ? access.why : '';
    return {
      runner,
      command,
      reason: `using \`${command}\` ${origin} (${evidence}); the script \`${body}\`: ${runnerNote(null, runner, body)}; ${why}, and the script starts no test runner greenlight could run without it, so this cannot run until ${client} is installed`,
      blocked: why === '' ? `${client} is not installed` : why,
      source: 'package-script',
      invocation: null,
      append: null,
      script: options.scriptName,
      body,
      client,
      lifecycleHooks: hooks,
      ...common,
    };
  }
  const direct = directRun(local, client, access, step);
  const parsed = parseRunnerCommand(direct.command);
  const because: string[] = [];
  if (wrapped)
    because.push(`also runs ${checks.map((c) => `\`${c.text}\``).join(', ')}, which check the code but are not tests`);
  if (clientMissing && !access.ok)
    because.push(`${because.length > 0 ? 'it ' : ''}needs ${client} (${evidence}), but ${access.why}`);
  if (leftOut.length > 0)
    because.push(
      `its other steps (${leftOut.map((s) => `\`${s.text}\``).join(', ')}) cannot run without ${client} and are left out`,
    );
  const skipped = hooks ? ` (its pre${options.scriptName}/post${options.scriptName} scripts do not run)` : '';
  return {
    runner: step.runner,
    command: direct.command,
    reason:
      `using \`${direct.command}\`: the test script \`${body}\` in ${manifest} ${because.join('; and ')}, ` +
      // A script that is one runner command has no other step to leave out: it is run directly.
      `so greenlight runs ${invocation !== null ? `${runnerName(step.runner)} directly` : `its ${runnerName(step.runner)} step alone`}, ${direct.how}${skipped}` +
      (direct.missing === null ? '' : `; ${direct.missing}`),
    ...(direct.blocked === undefined ? {} : { blocked: direct.blocked }),
    source: 'package-script',
    invocation: parsed,
    append: parsed === null ? null : 'direct',
    script: null,
    body: direct.command,
    client,
    lifecycleHooks: false,
    ...common,
  };
}

/** No test script: a runner by its config file, dependency or test files, started directly. */
function planWithoutScript(
  local: DirectoryFacts,
  pkg: Record<string, unknown>,
  client: PackageClient,
  common: { directory: string; installHint: string },
): TestPlan | null {
  const js = detectJsRunner(local.files, pkg);
  // In a package below the root, test files alone are weak evidence: the root's runner may run them.
  if (js === null || (local.dir !== '' && js.runner === 'node-test')) return null;
  let words: string[];
  let how = '';
  let blocked: string | undefined;
  if (js.runner === 'node-test') words = ['node', '--test'];
  else {
    const program = [js.runner, ...(js.runner === 'vitest' ? ['run'] : [])];
    const access = local.tools === undefined ? null : clientAccess(local.tools, client);
    const launcher = execLauncher(client);
    if (access === null || (access.ok && launcherWorks(local, launcher))) words = [...launcher, ...program];
    else {
      const direct = directRun(local, client, access, {
        runner: js.runner,
        env: [],
        launcher: [],
        program: [js.runner],
        args: program.slice(1),
      });
      words = [direct.command];
      blocked = direct.blocked;
      how = `; ${access.ok ? `\`${launcher.join(' ')}\` is not on the PATH` : access.why}, so it runs ${direct.how}${direct.missing === null ? '' : `; ${direct.missing}`}`;
    }
  }
  const command = words.join(' ');
  const invocation = parseRunnerCommand(command);
  return {
    runner: js.runner,
    command,
    reason: `using \`${command}\`: no test script in ${inDir(local.dir, 'package.json')}, ${js.evidence}${how}`,
    ...(blocked === undefined ? {} : { blocked }),
    source: 'detected',
    invocation,
    append: invocation === null ? null : 'direct',
    script: null,
    body: command,
    client,
    lifecycleHooks: false,
    ...common,
  };
}
