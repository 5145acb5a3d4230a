import type { Clock } from '../../src/ports/clock.ts';

/** A clock that moves only when told to (fakes advance it by their simulated durations). */
export class FakeClock implements Clock {
  private t: number;

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
