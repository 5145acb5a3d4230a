/**
 * Progress of `greenlight run` on stderr. On a terminal (is-interactive.ts): a line per
 * finished step that stays, and one live status line (step, round, the latest test
 * run's counts, tokens, cost) redrawn at every update. Elsewhere (CI logs, pipes): plain
 * lines only, one per finished step, one when a round starts and one when a run of that
 * round's tests ends. The counts always say which run they are (render-progress.ts).
 */
import { renderProgressLine } from '../../core/report/render-progress.ts';
import type { Progress, ProgressSnapshot, StepName, StepState } from '../../ports/progress.ts';

const STEPS: readonly StepName[] = ['understand', 'context', 'baseline', 'iterations', 'verify', 'publish'];
const FINISHED: Partial<Record<StepState, string>> = { done: '✓', failed: '✗' };
/** Cursor one line up, then clear that line: the live line is redrawn, not repeated. */
const ERASE_LIVE_LINE = '\u001b[1A\u001b[2K';

/**
 * @param write prints one line (the CLI's stderr writer adds the newline)
 * @param interactive stderr is a terminal that understands cursor movement
 */
export function createTerminalProgress(write: (line: string) => void, interactive: boolean): Progress {
  const seen = new Map<StepName, StepState>();
  let liveShown = false;
  let round = 0;
  let tests = '';
  return {
    async update(snapshot: ProgressSnapshot): Promise<void> {
      const lines: string[] = [];
      for (const step of STEPS) {
        const { state, detail } = snapshot.steps[step];
        if (seen.get(step) === state) continue;
        seen.set(step, state);
        const mark = FINISHED[state];
        if (mark !== undefined)
          lines.push(`${mark} ${step}${detail === undefined || detail === '' ? '' : ` — ${oneLine(detail)}`}`);
      }
      if (interactive) {
        write(`${liveShown ? ERASE_LIVE_LINE : ''}${[...lines, renderProgressLine(snapshot)].join('\n')}`);
        liveShown = true;
        return;
      }
      // Plain lines: one when a round starts, and one when a run of that round's tests
      // ends, so that a log shows each round's own counts under its own number.
      const running = snapshot.steps.iterations.state === 'running';
      const counts = JSON.stringify(snapshot.tests ?? null);
      const roundStarted = running && snapshot.iteration !== round;
      const roundTested = running && counts !== tests && snapshot.tests?.round === snapshot.iteration;
      if (roundStarted) round = snapshot.iteration;
      tests = counts;
      if (roundStarted || roundTested) lines.push(renderProgressLine(snapshot));
      if (lines.length > 0) write(lines.join('\n'));
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
