/**
 * The workflow the App's missing-workflow comment tells people to add, embedded so the
 * App never reads files at run time. Keep it identical to
 * `examples/workflows/greenlight.yml` (test/app/workflow-template.test.ts checks it);
 * the App dispatches it with every input in DISPATCH_INPUT_NAMES.
 */
export const GREENLIGHT_WORKFLOW_TEMPLATE = `# greenlight: started by the greenlight GitHub App (workflow_dispatch), or by hand
# from the Actions tab. The App authorizes the requester and records what they asked
# for; this workflow does the work in your own runner.
name: greenlight

on:
  workflow_dispatch:
    inputs:
      issue:
        description: Issue number to generate a change for
        required: false
      pr:
        description: Pull request number to fix
        required: false
      requester:
        description: Who asked (set by the greenlight App)
        required: false
      head_sha:
        description: Pull request head when the fix was requested (set by the App)
        required: false
      comment_id:
        description: The /fix comment (set by the App)
        required: false
      instruction:
        description: What to fix
        required: false

permissions:
  contents: write
  pull-requests: write
  issues: write
  checks: write

concurrency:
  group: greenlight-\${{ inputs.issue || inputs.pr }}
  cancel-in-progress: false

jobs:
  greenlight:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: greenlight-bot/greenlight@v1
        with:
          anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
`;
