/** The loud warning of `greenlight demo --sandbox none`, printed at the start and the end. */
export function renderSandboxWarning(): string {
  return [
    "WARNING: --sandbox none: the example's tests and the replayed model's tests run WITHOUT any isolation,",
    'WARNING: as your user, with network access and write access to everything you can write.',
    'WARNING: greenlight never does this unless asked; install bubblewrap to run the demo sandboxed.',
  ].join('\n');
}
