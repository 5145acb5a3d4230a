/**
 * What `greenlight demo` says, at the start and again at the end, when its example
 * runs without a sandbox: what was not isolated, why that is acceptable for this
 * example and nothing else, and how to get the sandbox. Nothing when bubblewrap ran it.
 */
import type { DemoSandbox } from './run-demo.ts';

/** Install command for the one tool that gives the demo its sandbox (Debian and Ubuntu). */
export const INSTALL_BUBBLEWRAP = 'sudo apt-get install bubblewrap';

export function renderSandboxWarning(sandbox: DemoSandbox): string | null {
  if (sandbox.driver === 'bwrap') return null;
  if (sandbox.because === 'asked') {
    return [
      "WARNING: --sandbox none: the example's tests and the replayed model's tests run WITHOUT any isolation,",
      'WARNING: as your user, with network access and write access to everything you can write.',
      'WARNING: greenlight never does this unless asked; install bubblewrap to run the demo sandboxed.',
    ].join('\n');
  }
  return [
    `NO SANDBOX: ${sandbox.reason}, so this demo runs its example without isolation (sandbox driver none).`,
    "NO SANDBOX: Not isolated: the example's tests and the tests the replayed model writes run as your user, with your",
    'NO SANDBOX: network, read and write access to your files, and a view of your other processes.',
    'NO SANDBOX: Safe for this example only: its code, its tests and every edit of the replayed transcript ship with',
    'NO SANDBOX: greenlight; no model is called and no code from elsewhere runs. On your own repositories greenlight',
    'NO SANDBOX: refuses to run without a sandbox unless .github/greenlight.yml sets sandbox.driver: none.',
    `NO SANDBOX: To run the demo sandboxed (Linux): ${INSTALL_BUBBLEWRAP}`,
  ].join('\n');
}
