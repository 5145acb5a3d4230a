/**
 * The user turns the engine writes after the first: the feedback that starts the next
 * round (what the engine found, in a few lines, with the compact test report), and the
 * nudge after a reply the output limit cut off. They go after the cached prefix, so they
 * may vary freely.
 */
import type { TamperFinding } from '../loop/detect-test-tampering.ts';

/** Sent when a reply stopped at the output limit (or paused), so that the model goes on. */
export const CONTINUE_AFTER_CUT = 'Your reply was cut off by the output limit. Continue exactly where you stopped.';

export type Feedback =
  | { kind: 'no-changes' }
  | { kind: 'tampered'; findings: TamperFinding[] }
  | { kind: 'failed'; scope: 'related' | 'full'; why: string; report: string }
  /** The suite passes but verification asks for more (coverage, a test that reproduces the bug). */
  | { kind: 'not-verified'; text: string }
  /** The suite passed in the working copy but not on a fresh checkout of the change. */
  | { kind: 'not-reproducible'; text: string };

/** The feedback turn that starts round `iteration`. */
export function renderFeedback(feedback: Feedback, iteration: number, maxIterations: number): string {
  const round = `(round ${iteration} of ${maxIterations})`;
  switch (feedback.kind) {
    case 'no-changes':
      return `You ended your turn without changing any file ${round}. Make the change with the tools, then end your turn.`;
    case 'tampered': {
      const harness = feedback.findings.some((f) => f.kind === 'harness-changed');
      const tests = feedback.findings.some((f) => f.kind !== 'harness-changed');
      const what = [tests ? 'deletes, skips or weakens existing tests' : '', harness ? 'changes how the tests run' : '']
        .filter((part) => part !== '')
        .join(' and ');
      return [
        `The engine rejected your change ${round}: it ${what}.`,
        ...feedback.findings.map((f) => `- ${f.detail}`),
        ...(tests
          ? [
              'Put those tests back as they were (compare with the base commit) and reach the goal without removing, skipping or ' +
                'weakening any test. A test that fails because of a real bug needs a fix in the code, not in the test.',
            ]
          : []),
        ...(harness
          ? [
              'Put test-runner configuration, setup files and reporters back as they were: the task does not ask for them. ' +
                'Keep fixtures and helpers in your own test files.',
            ]
          : []),
      ].join('\n');
    }
    case 'failed': {
      const what = feedback.scope === 'related' ? 'the tests related to your change' : 'the full test suite';
      return [
        `The engine ran ${what} ${round}: ${feedback.why}.`,
        '',
        feedback.report,
        '',
        'Find the cause, fix it (in the code or in your new tests, never by deleting or skipping tests), then end your turn.',
      ].join('\n');
    }
    case 'not-verified':
      return `The tests pass, but ${round}: ${feedback.text}`;
    case 'not-reproducible':
      return `The engine did not accept your change ${round}. ${feedback.text}`;
  }
}
