/**
 * Hosted-runner proof of docs/security.md §13 against the REAL checkout (not a fixture):
 * actions/checkout left the job token in the workspace's git config (or in a credentials
 * file under RUNNER_TEMP that the config includes). Runs a sandboxed program that dumps
 * everything it can reach that might hold it, and fails if the token or its basic-auth
 * form appears. Prints only which probe leaked, never the output (it would hold the token).
 *
 *   PROOF_TOKEN=<the job token> GREENLIGHT_TEST_SANDBOX_DRIVER=systemd-run node test/adapters/sandbox/prove-checkout-credential.ts
 */
import { createSandbox } from '../../../src/adapters/sandbox/create-sandbox.ts';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { describeSandbox } from '../../../src/core/sandbox/describe-sandbox.ts';
import { driverUnderTest } from './sandbox-fixture.ts';

const token = process.env.PROOF_TOKEN ?? '';
const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
if (token.length < 8) {
  process.stderr.write('PROOF_TOKEN must hold the job token (env: PROOF_TOKEN: ${{ github.token }}).\n');
  process.exit(2);
}
const forms = [token, Buffer.from(`x-access-token:${token}`).toString('base64')];
const dirs = [
  '.git',
  '"$HOME"',
  `"${process.env.HOME ?? '/home/runner'}"`,
  `"${process.env.RUNNER_TEMP ?? '/home/runner/work/_temp'}"`,
  '/tmp',
];
const probes: Record<string, string> = {
  'git config': 'cat .git/config; git config --list --show-origin 2>&1',
  environment: 'env; for p in /proc/[0-9]*; do tr "\\0" "\\n" < $p/environ 2>/dev/null; done',
  files: `for f in ${forms.map((_, index) => `"$FORM_${index}"`).join(' ')}; do grep -rIl -F "$f" ${dirs.join(' ')} 2>/dev/null; done; echo searched`,
};

const sandbox = await createSandbox(
  { ...defaultConfig().sandbox, driver: driverUnderTest() },
  { workspace, defaultTimeoutMs: 120_000 },
);
process.stdout.write(`${describeSandbox(sandbox.info)}\n`);
let leaks = 0;
try {
  for (const [name, script] of Object.entries(probes)) {
    // The token forms go in through explicit variables whose names are not secret-looking.
    const env = Object.fromEntries(forms.map((form, index) => [`FORM_${index}`, form]));
    const result = await sandbox.run(['sh', '-c', script], { cwd: workspace, env: name === 'files' ? env : {} });
    const text = `${result.stdout.text}\n${result.stderr.text}`;
    const leaked =
      name === 'files'
        ? result.stdout.text.replace(/\s*searched\s*$/, '').trim() !== ''
        : forms.some((form) => text.includes(form));
    if (name === 'files' && !result.stdout.text.includes('searched')) {
      process.stdout.write(`probe ${name}: did not complete (exit ${result.exitCode}, limit ${result.limitHit})\n`);
      leaks += 1;
      continue;
    }
    process.stdout.write(`probe ${name}: ${leaked ? 'TOKEN FOUND' : 'clean'}\n`);
    if (leaked) leaks += 1;
  }
} finally {
  await sandbox.close?.();
}
process.exit(leaks === 0 ? 0 : 1);
