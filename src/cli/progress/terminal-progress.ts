/**
 * Progress of `greenlight run` on stderr. On a terminal: a line per finished step that
 * stays, and one live status line (step, round, tests, tokens, cost) redrawn in place.
 * Elsewhere (CI logs, pipes): plain lines only, one per finished step and one when a
 * round starts (with tests, tokens and cost so far).
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
      if (snapshot.iteration !== round && snapshot.steps.iterations.state === 'running') {
        round = snapshot.iteration;
        lines.push(renderProgressLine(snapshot));
      }
      if (lines.length > 0) write(lines.join('\n'));
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
