/** Byte-wise (not locale) string order, so that every machine sorts paths the same way. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
