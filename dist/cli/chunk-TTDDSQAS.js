import { createRequire as __greenlightCreateRequire } from 'node:module'; import { fileURLToPath as __greenlightFileURLToPath } from 'node:url'; import { dirname as __greenlightDirname } from 'node:path'; const require = __greenlightCreateRequire(import.meta.url); const __filename = __greenlightFileURLToPath(import.meta.url); const __dirname = __greenlightDirname(__filename);
import{e as M,g as G,i as J,j as D}from"./chunk-BUQDZNZH.js";import{h as R}from"./chunk-XJU646WH.js";import{b as W,c as C,h as N,i as b,j as E}from"./chunk-72H5FHL7.js";import{a as w,b as O}from"./chunk-B3MPJOAV.js";import{e as A}from"./chunk-BN7SRWTX.js";import{mkdir as Le,readFile as Se,writeFile as Fe}from"node:fs/promises";import{dirname as Oe,join as F}from"node:path";var X=A(C(),1);var x=A(C(),1);function H(e){let t=e.lockfile!==null;switch(e.client){case"npm":return t?"npm ci":"npm install";case"pnpm":return t?"pnpm install --frozen-lockfile":"pnpm install";case"yarn":return t?e.yarnBerry?"yarn install --immutable":"yarn install --frozen-lockfile":"yarn install";case"bun":return t?"bun install --frozen-lockfile":"bun install"}}function ge(e){let t=[];if(e.client==="bun")return t.push({uses:"oven-sh/setup-bun@v2"}),t.push({name:"Install dependencies",run:H(e)}),t;e.client==="pnpm"&&t.push(e.pinned?{uses:"pnpm/action-setup@v4"}:{uses:"pnpm/action-setup@v4",with:{version:10}}),e.client==="yarn"&&t.push({name:"Enable corepack",run:"corepack enable"});let n=e.versionFile===null?{"node-version":24}:{"node-version-file":e.versionFile};return e.lockfile!==null&&(n.cache=e.client),t.push({uses:"actions/setup-node@v4",with:n}),t.push({name:"Install dependencies",run:H(e)}),t}function K(e){return/^[\w./@:+-]+$/.test(e)?e:`'${e.replace(/'/g,"'\\''")}'`}function he(e,t){let n=e.requirements.map(s=>`python -m pip install -r ${K(s)}`);if(e.manifest!==null){let s=e.dir===""?".":`./${e.dir}`,i=e.extras.length===0?s:`${s}[${e.extras.join(",")}]`;n.push(`python -m pip install -e ${K(i)}`)}return t&&!e.listsPytest&&n.push("python -m pip install pytest"),n}function pe(e){if(e.python.length===0)return[];let t=e.pythonVersionFile===null?{"python-version":"3.x"}:{"python-version-file":e.pythonVersionFile},n=e.python.flatMap(a=>[...a.requirements,...a.manifest===null?[]:[a.manifest]]);n.length>0&&(t.cache="pip",t["cache-dependency-path"]=n.join(`
`));let s=e.test.runner==="pytest"&&!e.python.some(a=>a.listsPytest),i=["python -m pip install --upgrade pip"];return e.python.forEach((a,l)=>i.push(...he(a,s&&l===0))),[{uses:"actions/setup-python@v5",with:t},{name:e.node===null?"Install dependencies":"Install Python dependencies",run:i.join(`
`)}]}function z(e){return[...e.node===null?[]:ge(e.node),...pe(e)]}function U(e){let t=[];e.node!==null&&t.push(`JavaScript with ${e.node.client} (${e.node.evidence})`);for(let n of e.python){let s=n.dir===""?"at the root":`in ${n.dir}/`,i=[...n.requirements,...n.manifest===null?[]:[n.manifest]];t.push(`Python ${s} (${i.length===0?"no installable manifest":i.join(", ")})`)}return t}var B=`# greenlight, single job: label an issue \`ai-generate\` and a validated pull request
# appears; comment \`/fix \u2026\` on a pull request and a validated commit appears on it.
# After it opens: a review requesting changes on greenlight's pull request is answered
# in one commit with a reply per comment, and when your CI fails on it, greenlight
# repairs it (at most \`repair.maxAttempts\` commits, then it asks for a person).
# The greenlight GitHub App (if you use it) dispatches this same workflow with the
# inputs below; then remove the \`issues\`, \`issue_comment\`, \`pull_request_review\` and
# \`workflow_run\` triggers so that a request is not handled twice.
#
# Copy to .github/workflows/greenlight.yml and add the ANTHROPIC_API_KEY secret.
# For least privilege (the model key and the write token in different jobs), use
# greenlight-two-job.yml instead.
#
# Actions are named by their major tags (\`@v1\`, \`@v4\`) so that this file stays readable
# and picks up fixes; where your policy wants immutable references, pin each one by its
# full commit SHA with the release as a comment (\`@<sha> # v4.4.0\`), as greenlight's own
# workflows do (README, "Versions of the Action").
name: greenlight

on:
  issues:
    types: [labeled]
  issue_comment:
    types: [created]
  # A review requesting changes (or starting with /fix) on a greenlight pull request.
  pull_request_review:
    types: [submitted]
  # CI repair: name the workflows whose failures greenlight repairs (never this one).
  workflow_run:
    workflows: [CI]
    types: [completed]
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
      progress_comment:
        description: The App's acknowledgement, which the run edits into its progress (set by the App)
        required: false
      review_id:
        description: The review whose comments to address, with pr (set by the App)
        required: false
      run_id:
        description: The failed CI run to repair, with pr (set by the App)
        required: false

permissions:
  contents: write       # push the branch or the /fix commit
  issues: write         # \u{1F440} reaction, progress comment, labels
  pull-requests: write  # open the pull request, request reviewers
  checks: write         # the greenlight/review-gate check
  actions: read         # CI repair: the failed run's jobs and logs

# One run per issue or pull request at a time; a second request waits for the first.
concurrency:
  group: greenlight-\${{ github.event.issue.number || github.event.pull_request.number || github.event.workflow_run.pull_requests[0].number || inputs.issue || inputs.pr }}
  cancel-in-progress: false

jobs:
  greenlight:
    # A cheap pre-filter so that ordinary comments do not start a runner; greenlight
    # itself decides (trigger.label / trigger.fixCommand in .github/greenlight.yml).
    if: >-
      github.event_name == 'workflow_dispatch' ||
      (github.event_name == 'issues' && github.event.label.name == 'ai-generate') ||
      (github.event_name == 'issue_comment' && github.event.issue.pull_request && contains(github.event.comment.body, '/fix')) ||
      (github.event_name == 'pull_request_review' && contains(github.event.pull_request.labels.*.name, 'greenlight') &&
        (github.event.review.state == 'changes_requested' || startsWith(github.event.review.body, '/fix'))) ||
      (github.event_name == 'workflow_run' && github.event.workflow_run.conclusion == 'failure' &&
        github.event.workflow_run.pull_requests[0] != null)
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          # greenlight passes the token per git command; nothing needs it on disk.
          persist-credentials: false

      # Install what the tests need, as in any CI job (greenlight runs no install
      # itself unless tests.installCommand says so). Adapt to your project.
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: Install dependencies
        run: npm ci

      - id: greenlight
        uses: greenlight-bot/greenlight@v1
        with:
          anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
          # The App's comment for this request: the run edits it instead of posting its own.
          progress_comment: \${{ inputs.progress_comment }}

      - name: Upload the audit log and the evidence record
        if: always() && steps.greenlight.outputs.audit_log != ''
        uses: actions/upload-artifact@v4
        with:
          name: greenlight-audit-\${{ github.run_id }}-\${{ github.run_attempt }}
          path: |
            \${{ steps.greenlight.outputs.audit_log }}
            \${{ steps.greenlight.outputs.evidence }}
          retention-days: 30
`,V=`# greenlight with least privilege: two jobs that never hold the model key and a
# write token at the same time.
#
#   generate \u2014 holds ANTHROPIC_API_KEY and a token that cannot push (contents: read).
#              Runs the project's tests and the generated code (in greenlight's
#              sandbox) and writes a change bundle: the patch and a manifest.
#   publish  \u2014 holds the write token and no model key, runs no repository code. It
#              re-validates the bundle itself (it applies to the recorded base, path
#              rules, size limits, its own risk classification \u2014 never the bundle's
#              claim) and only then pushes and opens the pull request.
#
# Copy to .github/workflows/greenlight.yml and add the ANTHROPIC_API_KEY secret.
#
# Actions are named by their major tags (\`@v1\`, \`@v4\`) so that this file stays readable
# and picks up fixes; where your policy wants immutable references, pin each one by its
# full commit SHA with the release as a comment (\`@<sha> # v4.4.0\`), as greenlight's own
# workflows do (README, "Versions of the Action").
name: greenlight

on:
  issues:
    types: [labeled]
  issue_comment:
    types: [created]
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
      progress_comment:
        description: The App's acknowledgement, which the run edits into its progress (set by the App)
        required: false

# Nothing by default; each job asks for what it uses.
permissions: {}

concurrency:
  group: greenlight-\${{ github.event.issue.number || inputs.issue || inputs.pr }}
  cancel-in-progress: false

jobs:
  generate:
    if: >-
      github.event_name == 'workflow_dispatch' ||
      (github.event_name == 'issues' && github.event.label.name == 'ai-generate') ||
      (github.event_name == 'issue_comment' && github.event.issue.pull_request && contains(github.event.comment.body, '/fix'))
    runs-on: ubuntu-latest
    timeout-minutes: 60
    permissions:
      contents: read        # read only: this job cannot push
      issues: write         # \u{1F440} reaction and the progress comment
      pull-requests: write  # the progress comment on a pull request (/fix)
    outputs:
      outcome: \${{ steps.greenlight.outputs.outcome }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          persist-credentials: false

      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: Install dependencies
        run: npm ci

      - id: greenlight
        uses: greenlight-bot/greenlight@v1
        with:
          anthropic_api_key: \${{ secrets.ANTHROPIC_API_KEY }}
          bundle_path: \${{ runner.temp }}/greenlight-bundle
          # The App's comment for this request: the run edits it instead of posting its own.
          progress_comment: \${{ inputs.progress_comment }}

      - name: Upload the change bundle
        if: steps.greenlight.outputs.outcome == 'bundled'
        uses: actions/upload-artifact@v4
        with:
          name: greenlight-bundle-\${{ github.run_id }}-\${{ github.run_attempt }}
          path: \${{ steps.greenlight.outputs.bundle_path }}
          retention-days: 1
          if-no-files-found: error

      - name: Upload the audit log and the evidence record
        if: always() && steps.greenlight.outputs.audit_log != ''
        uses: actions/upload-artifact@v4
        with:
          name: greenlight-audit-generate-\${{ github.run_id }}-\${{ github.run_attempt }}
          path: |
            \${{ steps.greenlight.outputs.audit_log }}
            \${{ steps.greenlight.outputs.evidence }}
          retention-days: 30

  publish:
    needs: generate
    if: needs.generate.outputs.outcome == 'bundled'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: write       # push the branch or the /fix commit
      issues: write         # labels, the progress comment
      pull-requests: write  # open the pull request, request reviewers
      checks: write         # the greenlight/review-gate check
    steps:
      # Only git objects are read from the checkout; no repository code runs here.
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          persist-credentials: false

      - uses: actions/download-artifact@v4
        with:
          name: greenlight-bundle-\${{ github.run_id }}-\${{ github.run_attempt }}
          path: \${{ runner.temp }}/greenlight-bundle

      - id: greenlight
        uses: greenlight-bot/greenlight@v1
        with:
          mode: publish
          bundle_path: \${{ runner.temp }}/greenlight-bundle

      - name: Upload the audit log and the evidence record
        if: always() && steps.greenlight.outputs.audit_log != ''
        uses: actions/upload-artifact@v4
        with:
          name: greenlight-audit-publish-\${{ github.run_id }}-\${{ github.run_attempt }}
          path: |
            \${{ steps.greenlight.outputs.audit_log }}
            \${{ steps.greenlight.outputs.evidence }}
          retention-days: 30
`,Y=`# greenlight's review gate: recomputes the \`greenlight/review-gate\` check of a
# greenlight pull request when a review is submitted or dismissed and when someone
# pushes to it. The check passes only when the risk tier's approvals exist on the
# latest commit, from people with write access who are not bots, did not request the
# change and did not push to its branch; while it waits, it asks the tier's reviewers
# and the code owners to review. Make it binding with a ruleset that requires the
# check, pinned to its source (see README).
#
# It calls no model and runs no code from the pull request: it classifies the diff
# with git and reads reviews through the API. Pushes use \`pull_request_target\`, so the
# gate for a push is computed by this file as it is on the default branch, not by a
# copy the pull request could edit.
#
# Actions are named by their major tags (\`@v1\`, \`@v4\`) so that this file stays readable
# and picks up fixes; where your policy wants immutable references, pin each one by its
# full commit SHA with the release as a comment (\`@<sha> # v4.4.0\`), as greenlight's own
# workflows do (README, "Versions of the Action").
name: greenlight review gate

on:
  pull_request_review:
    types: [submitted, dismissed]
  pull_request_target:
    types: [synchronize]

permissions:
  contents: read        # read the diff with git
  checks: write         # the greenlight/review-gate check
  pull-requests: write  # reviews, commits, review requests and the risk label
  issues: write         # the risk label (labels go through the issues API)

# Only the newest state of a pull request matters.
concurrency:
  group: greenlight-gate-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

jobs:
  gate:
    if: contains(github.event.pull_request.labels.*.name, 'greenlight')
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      # The default branch (for pull_request_target) or the merge ref: only git objects
      # are read, nothing is run.
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
          persist-credentials: false

      - id: greenlight
        uses: greenlight-bot/greenlight@v1
        with:
          mode: gate

      - name: Upload the audit log
        if: always() && steps.greenlight.outputs.audit_log != ''
        uses: actions/upload-artifact@v4
        with:
          name: greenlight-audit-gate-\${{ github.run_id }}-\${{ github.run_attempt }}
          path: \${{ steps.greenlight.outputs.audit_log }}
          retention-days: 30
`;function d(e){return`'${e.replace(/'/g,"''")}'`}var de={"single-job":B,"two-job":V,gate:Y},fe={"single-job":{install:1,label:1,comment:1,review:1,ci:1},"two-job":{install:1,label:1,comment:1,review:0,ci:0},gate:{install:0,label:0,comment:0,review:0,ci:0}},me=/^(?: {6}#.*\n)*( {6})- uses: actions\/setup-node@v\d+\n {8}with:\n {10}node-version: \d+\n {6}- name: Install dependencies\n {8}run: npm ci\n/gm;function we(e,t){let{label:n,fixCommand:s}=t.trigger,i={"single-job":[`greenlight: label an issue \`${n}\` and a validated pull request appears; comment`,`\`${s} \u2026\` on a pull request and a validated commit appears on it. Reviews requesting`,"changes on its pull requests are answered, and failed CI on them is repaired."],"two-job":[`greenlight with least privilege: label an issue \`${n}\` or comment \`${s} \u2026\` on a pull`,"request. `generate` holds the model key and cannot push; `publish` holds the write","token, no model key, runs no repository code and re-validates the change bundle."],gate:["greenlight's review gate: recomputes the greenlight/review-gate check of greenlight's","pull requests when a review is submitted or dismissed and when someone pushes. Make it",'binding with a ruleset that requires the check (README "The review gate").']},a=e==="two-job"?"greenlight-two-job.yml":e==="gate"?"greenlight-gate.yml":"greenlight.yml",l=[...i[e],"",`Written by \`greenlight init\` from greenlight's examples/workflows/${a}.`];return e!=="gate"&&l.push("The job condition names trigger.label and trigger.fixCommand of .github/greenlight.yml:","after changing either, run `greenlight init --force` so that both agree again","(`greenlight init --check` says when they do not)."),`${l.map(r=>r===""?"#":`# ${r}`).join(`
`)}
`}function be(e,t){let n=z(e),s=U(e),i=[s.length===0?"# Install what the tests need here: greenlight init found neither JavaScript nor Python.":`# Install what the tests need: ${s.join("; ")}.`,"# greenlight itself runs no install unless tests.installCommand says so."],a=n.length===0?"":(0,x.stringify)(n,{lineWidth:0});return`${[...i,...a.split(`
`).filter(r=>r!=="")].map(r=>`${t}${r}`).join(`
`)}
`}function ye(e){return/^[A-Za-z0-9_.()-][A-Za-z0-9 _.()/-]*$/.test(e)&&!/ $/.test(e)?e:JSON.stringify(e)}function ke(e,t,n){let s=0;return{text:e.replace(t,(a,...l)=>(s+=1,n(a,...l))),count:s}}function I(e){let{kind:t,trigger:n,layout:s}=e;for(let[o,u]of[["trigger.label",n.label],["trigger.fixCommand",n.fixCommand]])if(/[\n\r\0]/.test(u))throw new w("usage",`${o} contains a line break; use one line.`);let i=e.template??de[t],a={install:0,label:0,comment:0,review:0,ci:0},l=i.replace(/^(?:#.*\n)+/,we(t,e)),r=[["install",me,(o,u)=>be(s,u??"      ")],["label",/github\.event\.label\.name == 'ai-generate'/g,()=>`github.event.label.name == ${d(n.label)}`],["comment",/contains\(github\.event\.comment\.body, '\/fix'\)/g,()=>`contains(github.event.comment.body, ${d(n.fixCommand)})`],["review",/startsWith\(github\.event\.review\.body, '\/fix'\)/g,()=>`startsWith(github.event.review.body, ${d(n.fixCommand)})`],["ci",/^( {4}workflows: )\[CI\]$/gm,(o,u)=>`${u??""}[${(s.ciWorkflows.length===0?["CI"]:s.ciWorkflows).map(ye).join(", ")}]`]];for(let[o,u,h]of r){let g=ke(l,u,h);l=g.text,a[o]=g.count}for(let[o,u]of Object.entries(fe[t]))if(a[o]!==u)throw new w("internal",`the ${t} workflow example no longer has the ${o} lines greenlight init adapts (found ${a[o]}, expected ${u}); regenerate src/core/init/workflow-templates.ts and adapt render-workflow.ts`);return(0,x.parse)(l),l}var ve={contents:"push the branch (write) or read the repository (read)",issues:"reactions, the progress comment and labels","pull-requests":"open and update pull requests, request reviewers",checks:"the greenlight/review-gate check",actions:"CI repair reads the failed run's jobs and logs"},$e=e=>typeof e=="string"&&/^greenlight-bot\/greenlight@/.test(e);function xe(e){let t=e.with?.mode;return t==="gate"?"gate":t==="publish"?"publish":e.with?.bundle_path===void 0?"runner":"generate"}function q(e){let t=e.on;return typeof t=="string"?{[t]:null}:Array.isArray(t)?Object.fromEntries(t.map(n=>[String(n),null])):t!==null&&typeof t=="object"?t:{}}function _e(e,t){let n="workflow_run"in q(t)?{actions:"read"}:{};switch(e){case"runner":return{contents:"write",issues:"write","pull-requests":"write",checks:"write",...n};case"generate":return{contents:"read",issues:"write","pull-requests":"write",...n};case"publish":return{contents:"write",issues:"write","pull-requests":"write",checks:"write"};case"gate":return{contents:"read",checks:"write","pull-requests":"write",issues:"write"}}}var _=e=>e==="write"?2:e==="read"?1:0,P=e=>Object.entries(e).map(([t,n])=>`${t}: ${n}`).join(", ");function qe(e){let t=`${e.path} (job ${e.name})`,n=_e(e.role,e.workflow),s=`permissions: { ${P(n)} }`,i=e.job.permissions??e.workflow.permissions;if(i===void 0)return{label:"permissions",status:"fail",detail:`${t} sets no permissions: the token gets the repository's default, which may be more or less than greenlight uses`,fix:[`add to the job: ${s}`]};if(typeof i=="string"||i===null||typeof i!="object")return{label:"permissions",status:"fail",detail:`${t} grants \`${String(i)}\`: greenlight uses only ${P(n)}`,fix:[`replace it with: ${s}`]};let a=[],l=[];for(let[r,o]of Object.entries(n)){let u=i[r];_(u)<_(o)?(a.push(`lacks ${r}: ${o}`),l.push(`set ${r}: ${o} (${ve[r]??r})`)):_(u)>_(o)&&(a.push(`grants ${r}: ${String(u)} where greenlight needs ${o}`),l.push(`set ${r}: ${o}`))}for(let[r,o]of Object.entries(i)){let u=r==="actions"&&o==="read"&&(e.role==="runner"||e.role==="generate")&&"workflow_dispatch"in q(e.workflow);r in n||o==="none"||u||(a.push(`grants ${r}: ${String(o)}, which greenlight does not use`),l.push(`remove ${r}: ${String(o)}`))}return a.length===0?{label:"permissions",status:"ok",detail:`${t} grants what greenlight uses: ${P(n)}`}:{label:"permissions",status:"fail",detail:`${t} ${a.join("; ")}`,fix:l}}function je(e){let t=`${e.path} (job ${e.name})`,n=e.job.steps??[],i=n.slice(0,n.indexOf(e.step)).find(a=>typeof a.uses=="string"&&a.uses.startsWith("actions/checkout@"));return i===void 0?{label:"checkout step",status:"fail",detail:`${t} runs greenlight without actions/checkout before it: greenlight works on a checkout`,fix:["add `- uses: actions/checkout@v4` with `fetch-depth: 0` and `persist-credentials: false` before it"]}:i.with?.["persist-credentials"]===!1?{label:"checkout step",status:"ok",detail:`${t} checks out with persist-credentials: false`}:{label:"checkout step",status:"fail",detail:`${t}: actions/checkout leaves the token in .git/config, where the repository's code could read it`,fix:["add `persist-credentials: false` under the checkout step's `with:`"]}}function Z(e,t){let n=e.with?.[t];return typeof n=="string"&&!n.includes("${{")?n:void 0}var Ae=e=>e.replace(/''/g,"'");function Re(e,t){let n=`${e.path} (job ${e.name})`,s=q(e.workflow),i=Z(e.step,"trigger_label")??t.label,a=Z(e.step,"fix_command")??t.fixCommand,l=[],r=[],o=[],u=(m,c)=>{let p=s[m];if(p==null)return m in s;let f=p.types;return f===void 0||(Array.isArray(f)?f.includes(c):f===c)};(e.role==="runner"||e.role==="generate")&&(!("issues"in s||"issue_comment"in s)&&"workflow_dispatch"in s?l.push({label:"triggers",status:"ok",detail:`${n} is started by workflow_dispatch only (the greenlight App dispatches it)`}):(u("issues","labeled")||(r.push(`issues labelled \`${i}\``),o.push("add under on: `issues: { types: [labeled] }`")),u("issue_comment","created")||(r.push(`\`${a}\` comments`),o.push("add under on: `issue_comment: { types: [created] }`")),l.push(r.length===0?{label:"triggers",status:"ok",detail:`${n} runs on labelled issues and new comments`}:{label:"triggers",status:"fail",detail:`${n} does not run on ${r.join(" or ")}`,fix:o})));let h=e.job.if;if(typeof h!="string"||e.role!=="runner"&&e.role!=="generate")return l;let g=[],y="'((?:[^']|'')*)'",k=[[new RegExp(`github\\.event\\.label\\.name == ${y}`,"g"),i,"label","trigger.label"],[new RegExp(`contains\\(github\\.event\\.comment\\.body, ${y}\\)`,"g"),a,"fix command","trigger.fixCommand"],[new RegExp(`startsWith\\(github\\.event\\.review\\.body, ${y}\\)`,"g"),a,"fix command","trigger.fixCommand"]];for(let[m,c,p,f]of k)for(let ue of h.matchAll(m)){let j=Ae(ue[1]??"");j!==c&&!g.some(ce=>ce.startsWith(`names the ${p} ${d(j)} `))&&g.push(`names the ${p} ${d(j)} where ${f} is ${d(c)}, so ${p==="label"?`labelling an issue \`${c}\``:`commenting \`${c}\``} starts nothing`)}return g.length===0?[...l,{label:"condition",status:"ok",detail:`${n}: the job condition agrees with trigger.label ${d(i)} and trigger.fixCommand ${d(a)}`}]:[...l,{label:"condition",status:"fail",detail:`${n}: the job condition ${g.join("; ")}`,fix:["run `greenlight init --force` to write the workflow from .github/greenlight.yml again",`or edit jobs.${e.name}.if to name ${d(i)} and ${d(a)}`]}]}function Q(e,t,n={}){let s=[],i=[];for(let r of e){let o;try{o=(0,X.parse)(r.text)??{}}catch(u){s.push({label:"workflow",status:"warn",detail:`${r.path} is not valid YAML (${u.message.split(`
`)[0]}); GitHub will not run it`,fix:["fix the file; `greenlight init --force` rewrites greenlight.yml and greenlight-gate.yml"]});continue}for(let[u,h]of Object.entries(o.jobs??{}))for(let g of h?.steps??[])$e(g?.uses)&&i.push({path:r.path,workflow:o,name:u,job:h,step:g,role:xe(g)})}let a=i.filter(r=>r.role==="runner"||r.role==="generate");if(a.length===0)return[...s,{label:"workflow",status:n.missing??"fail",detail:"no workflow in .github/workflows runs greenlight-bot/greenlight: labels and /fix comments start nothing",fix:["run `greenlight init` to write .github/workflows/greenlight.yml"]}];let l=a.filter(r=>"issues"in q(r.workflow));if(l.length>1)s.push({label:"workflow",status:"fail",detail:`${l.map(r=>`${r.path} (job ${r.name})`).join(" and ")} all start greenlight on labelled issues: each request would run ${l.length} times`,fix:["keep one of them (greenlight init writes .github/workflows/greenlight.yml)"]});else for(let r of a)s.push({label:"workflow",status:"ok",detail:`${r.path} runs greenlight (job ${r.name})`});for(let r of a)s.push(...Re(r,t.trigger));for(let r of i)s.push(qe(r),je(r));return i.some(r=>r.role==="gate")||s.push({label:"gate workflow",status:"warn",detail:"no workflow runs greenlight with mode: gate: the greenlight/review-gate check does not follow reviews and pushes",fix:["run `greenlight init` to write .github/workflows/greenlight-gate.yml"]}),s}var T=["requirements.txt","requirements-dev.txt","requirements-test.txt","dev-requirements.txt","test-requirements.txt","requirements/dev.txt","requirements/test.txt"],L=["pyproject.toml","setup.py"],We=["test","tests","testing","dev"],v=(e,t)=>e===""?t:`${e}/${t}`;function ee(e){let t=new Set;[...L,...T].some(n=>e.has(n))&&t.add("");for(let n of e){let s=/^([^/]+)\/(pyproject\.toml|setup\.py)$/.exec(n);s!==null&&/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s[1])&&t.add(s[1])}return[...t].sort()}var S=e=>/^\.github\/workflows\/[^/]+\.ya?ml$/.test(e);function te(e){let t=new Set(e),n=new Set(G.filter(s=>t.has(s)));for(let s of ee(t))for(let i of[...L,...T])t.has(v(s,i))&&n.add(v(s,i));for(let s of e)S(s)&&n.add(s);return[...n].sort()}function Ce(e,t){let n=e.texts["package.json"];if(n===void 0)return null;let s={};try{let o=JSON.parse(n);o!==null&&typeof o=="object"&&!Array.isArray(o)&&(s=o)}catch{}let{client:i,evidence:a}=M(t,s.packageManager),l=typeof s.packageManager=="string"?s.packageManager:"";return{client:i,evidence:a,lockfile:{npm:["package-lock.json","npm-shrinkwrap.json"],pnpm:["pnpm-lock.yaml"],yarn:["yarn.lock"],bun:["bun.lock","bun.lockb"]}[i].find(o=>t.has(o))??null,pinned:l.startsWith(`${i}@`),yarnBerry:i==="yarn"&&(t.has(".yarnrc.yml")||/^yarn@([2-9]|\d{2,})/.test(l)),versionFile:[".nvmrc",".node-version"].find(o=>t.has(o))??null}}function Ee(e){if(e===void 0)return[];let n=[...(/^\[project\.optional-dependencies\][^\n]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(e)?.[1]??"").matchAll(/^\s*["']?([A-Za-z0-9_.-]+)["']?\s*=/gm)].map(s=>s[1]);return We.filter(s=>n.includes(s))}function Ie(e,t,n){let s=T.map(o=>v(e,o)).filter(o=>n.has(o)),i=L.map(o=>v(e,o)).find(o=>n.has(o))??null,a=t.texts[v(e,"pyproject.toml")],l=i!==null&&(i.endsWith("setup.py")||/^\[(project|build-system|tool\.poetry)\]/m.test(a??"")),r=[...s,...i===null?[]:[i]].map(o=>t.texts[o]??"");return{dir:e,requirements:s,manifest:l?i:null,extras:l?Ee(a):[],listsPytest:r.some(o=>/(^|[\s"'[,])pytest\b/m.test(o))}}function Pe(e,t){let n=[];for(let s of e.files.filter(S).sort()){if(t.includes(s))continue;let i=e.texts[s]??"";if(/greenlight-bot\/greenlight@/.test(i))continue;let a=/^name:\s*["']?([^"'\n#]+?)["']?\s*(#.*)?$/m.exec(i)?.[1];a!==void 0&&/^\s*(push|pull_request)\s*:|^on:\s*\[?[^\n]*\b(push|pull_request)\b/m.test(i)&&n.push(a)}return n}function ne(e,t=[]){let n=new Set(e.files),s;try{let i=J(e);s={command:i.command,reason:i.reason,runner:i.runner}}catch(i){if(!O(i,"no-test-command"))throw i;s={command:null,reason:i.message,runner:null}}return{node:Ce(e,n),python:ee(n).map(i=>Ie(i,e,n)).filter(i=>i.requirements.length>0||i.manifest!==null||i.dir===""&&s.runner==="pytest"),pythonVersionFile:n.has(".python-version")?".python-version":null,test:s,ciWorkflows:Pe(e,t),otherGreenlightWorkflows:e.files.filter(i=>S(i)&&!t.includes(i)).filter(i=>/greenlight-bot\/greenlight@/.test(e.texts[i]??"")).sort()}}var ie=A(C(),1);var Te="https://raw.githubusercontent.com/greenlight-bot/greenlight/main/schema/greenlight.schema.json",se=`# yaml-language-server: $schema=${Te}`;function re(e){let t=N(),n=(0,ie.parseDocument)(e.existing??""),s=h=>n.hasIn(h),i=!1,a=(h,g)=>{n.getIn(h)!==g&&(n.setIn(h,g),i=!0)},{label:l,fixCommand:r}=e.trigger;l!==void 0&&(s(["trigger","label"])||l!==t.trigger.label)&&a(["trigger","label"],l),r!==void 0&&(s(["trigger","fixCommand"])||r!==t.trigger.fixCommand)&&a(["trigger","fixCommand"],r),e.testCommand!==null&&!s(["tests","command"])&&a(["tests","command"],e.testCommand);let o=i?n.toString({lineWidth:0}):e.existing??"";return o.includes("$schema=")?o:`${(e.existing===null?[se,"# greenlight settings: only what differs from the defaults (`greenlight config` prints them all;",'# README "Configuration").']:[se]).join(`
`)}
${o}`}var oe=".github/workflows/greenlight.yml",ae=".github/workflows/greenlight-gate.yml";async function $(e,t){try{return await Se(F(e,t),"utf8")}catch(n){if(n.code==="ENOENT")return null;throw new w("usage",`cannot read ${t}: ${n.message}`,{cause:n})}}async function le(e){let t=await $(e,b),n=E(t,b);if(!n.ok)throw new w("config-invalid",`${b} is invalid, and init builds the workflow from it:
${W(n.errors)}
Fix it (greenlight config shows the same) and run greenlight init again.`);return{text:t,config:n.config}}function Ne(e,t,n){return t===null?"create":t===e?"unchanged":n?"overwrite":"keep"}async function ht(e){let t=await R.open(e.dir),n=t.root,{text:s,config:i}=await le(n),a=await t.listFiles(),l=await D(a,c=>$(n,c),{command:i.tests.command,directory:i.tests.directory}),r={...l.texts};for(let c of te(a)){if(r[c]!==void 0)continue;let p=await $(n,c);p!==null&&(r[c]=p)}let o=ne({...l,texts:r},[oe,ae]),u=re({existing:s,testCommand:o.test.command,trigger:{label:e.label,fixCommand:e.fixCommand}}),h=E(u,b);if(!h.ok)throw new w("usage",`the config init would write is invalid:
${W(h.errors)}
Check --label and --fix-command.`);let g=h.config.trigger,y=[[oe,I({kind:e.twoJob?"two-job":"single-job",trigger:g,layout:o})],[ae,I({kind:"gate",trigger:g,layout:o})],[b,u]],k=[];for(let[c,p]of y){let f=c===b?s:await $(n,c);k.push({path:c,content:p,existing:f,status:Ne(p,f,e.force)})}let m=!1;if(!e.dryRun)for(let c of k)c.status!=="create"&&c.status!=="overwrite"||(await Le(Oe(F(n,c.path)),{recursive:!0}),await Fe(F(n,c.path),c.content),m=!0);return{root:n,layout:o,trigger:g,files:k,wrote:m}}async function Me(e){let t=(await e.listFiles()).filter(s=>/^\.github\/workflows\/[^/]+\.ya?ml$/.test(s)),n=[];for(let s of t){let i=await $(e.root,s);i!==null&&n.push({path:s,text:i})}return n}async function pt(e){let t=await R.open(e),{config:n}=await le(t.root);return Q(await Me(t),n)}export{U as a,Q as b,ht as c,Me as d,pt as e};
