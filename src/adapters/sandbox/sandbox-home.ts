/**
 * Where HOME is inside a sandbox: at the engine's own home path, so that nothing of the
 * engine's home shows there (docs/security.md §30) and tools that expect their home at
 * its usual place find an empty, writable one. An engine without a usable HOME gets a
 * fixed path.
 */
import { normalize } from 'node:path';

/** HOME for engines whose own is unset, relative or `/`. */
export const FALLBACK_SANDBOX_HOME = '/home/greenlight-sandbox';

export function sandboxHome(engineHome: string | undefined): string {
  if (engineHome === undefined || !engineHome.startsWith('/')) return FALLBACK_SANDBOX_HOME;
  const home = normalize(engineHome).replace(/\/+$/, '');
  return home === '' ? FALLBACK_SANDBOX_HOME : home;
}
