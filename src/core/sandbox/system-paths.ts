/**
 * The host trees a bwrap sandbox shows, read-only (docs/security.md §32): what programs
 * and their libraries, configuration and data need, and nothing that holds users' files
 * or services' sockets (`/home`, `/root`, `/run`, `/tmp`, `/srv`, `/mnt`, `/media`, the
 * runner's own directories). Merged-/usr systems have links for `/bin`, `/lib` and the
 * like; they are shown as the same links. `/var` is shown for the data packages keep there
 * (gems, alternatives, certificates on some distributions); its `tmp` is private, and its
 * `run` and `lock` are links into the sandbox's own `/run`.
 */
export const SYSTEM_PATHS = [
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/etc',
  '/opt',
  '/var',
  '/nix',
  '/sys',
] as const;

/** Directories that get an empty private tmpfs each (besides HOME and /dev/shm), when they exist or can. */
export const PRIVATE_DIRS = ['/tmp', '/var/tmp', '/run'] as const;
