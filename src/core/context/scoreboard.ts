/**
 * The points ranking gives each file, with the reasons that make them up and the
 * regions to show first; shared by the scoring steps of rank-files.ts and the
 * demotions of demote-files.ts.
 */
import type { LineRange, Reason, ReasonSignal } from './types.ts';

/** Per-file scores with the reasons that make them up. */
export class Scoreboard {
  readonly scores: Float64Array;
  private readonly reasons = new Map<number, Reason[]>();
  private readonly anchors = new Map<number, LineRange[]>();

  constructor(size: number) {
    this.scores = new Float64Array(size);
  }

  add(i: number, signal: ReasonSignal, detail: string, points: number): void {
    if (!(points > 0)) return;
    this.scores[i]! += points;
    const list = this.reasons.get(i) ?? [];
    const same = list.find((r) => r.signal === signal && r.detail === detail);
    if (same) same.score += points;
    else list.push({ signal, detail, score: points });
    this.reasons.set(i, list);
  }

  anchor(i: number, range: LineRange): void {
    const list = this.anchors.get(i) ?? [];
    list.push(range);
    this.anchors.set(i, list);
  }

  /** Sets file `i`'s score to `score` (lower), explained by a reason with the points it lost. */
  demote(i: number, signal: ReasonSignal, detail: string, score: number): void {
    const lost = this.scores[i]! - score;
    if (!(lost > 0)) return;
    this.scores[i] = score;
    const list = this.reasons.get(i) ?? [];
    list.push({ signal, detail, score: -lost });
    this.reasons.set(i, list);
  }

  /** Points file `i` got from reasons of the given signals. */
  pointsOf(i: number, signals: ReadonlySet<ReasonSignal>): number {
    let points = 0;
    for (const r of this.reasons.get(i) ?? []) if (signals.has(r.signal)) points += r.score;
    return points;
  }

  /** The task names the file, or a stack frame points into it. */
  wasNamed(i: number): boolean {
    return (this.reasons.get(i) ?? []).some((r) => r.signal === 'mentioned-path' || r.signal === 'stack-frame');
  }

  reasonsOf(i: number): Reason[] {
    return (this.reasons.get(i) ?? []).map((r) => ({ ...r, score: round(r.score) })).sort(strongestFirst);
  }

  anchorsOf(i: number): LineRange[] {
    return this.anchors.get(i) ?? [];
  }
}

/** Largest effect first, a demotion included; ties by detail. */
export function strongestFirst(a: Reason, b: Reason): number {
  return Math.abs(b.score) - Math.abs(a.score) || (a.detail < b.detail ? -1 : 1);
}

export function sortedIndexes(scores: Float64Array, paths: readonly string[]): number[] {
  return [...scores.keys()].sort((a, b) => scores[b]! - scores[a]! || (paths[a]! < paths[b]! ? -1 : 1));
}

/** Scores are rounded so that floating-point noise never reorders equal files. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
