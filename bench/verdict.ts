/**
 * One line per bench target, in a fixed shape that `bench/run.ts` collects into the
 * summary at the end of `npm run bench`:
 *
 *   verdict: met      greenlight --version: 2.1x a trivial Node script (target ≤ 3x)
 */

/** Prints the verdict line for one target and returns whether it was met. */
export function verdict(what: string, figure: string, target: string, met: boolean): boolean {
  process.stdout.write(`verdict: ${(met ? 'met' : 'NOT MET').padEnd(8)} ${what}: ${figure} (target ${target})\n`);
  return met;
}

/** The lines `verdict` prints, recognised in a bench's output. */
export const VERDICT_LINE = /^verdict: (met|NOT MET) +(.*)$/;

/** min / median / max of `values`, for figures whose spread shows how noisy the machine was. */
export function spread(values: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { min: sorted[0] ?? Number.NaN, median, max: sorted.at(-1) ?? Number.NaN };
}
