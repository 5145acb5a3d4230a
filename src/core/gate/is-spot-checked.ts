/**
 * Deterministic spot-check selection: the same pull request of the same repository is
 * always in or out, whoever evaluates it and however often (the Action and the App
 * agree, and re-running the gate cannot re-roll the dice). FNV-1a of
 * `owner/name#number` (case-insensitive), in hundredths of a percent.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** True when pull request `number` of `repoFullName` falls in the `percent` share. */
export function isSpotChecked(repoFullName: string, number: number, percent: number): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return fnv1a(`${repoFullName.toLowerCase()}#${number}`) % 10_000 < Math.round(percent * 100);
}
