/**
 * The reply to `/fix` on a pull request from a fork: greenlight runs the
 * pull request's code to test it, in a job that holds secrets and a write token, so
 * it does not do that for code from outside the repository.
 */
export function renderForkComment(input: { requester: string; headRepo: string | null; fixCommand: string }): string {
  const from = input.headRepo === null ? 'a fork that no longer exists' : `the fork \`${input.headRepo}\``;
  return [
    `@${input.requester}, greenlight does not run \`${input.fixCommand}\` on this pull request: its branch lives in ${from}.`,
    '',
    'To fix a pull request greenlight has to check out and run its code, in a job that holds the model API key and a token that can push. ' +
      'Code from outside this repository could read those secrets, so greenlight only works on branches of this repository.',
    '',
    'A maintainer can push the branch to this repository (or open an issue labelled for greenlight) and ask again there.',
    '',
  ].join('\n');
}
