/**
 * Regenerates src/core/init/workflow-templates.ts from examples/workflows/, so that
 * `greenlight init` writes the shipped examples (adapted to the repository) without
 * reading files at run time:
 *
 *   node scripts/write-init-templates.ts
 *
 * test/core/init/workflow-templates.test.ts fails when the embedded text is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const EXAMPLES = new URL('../examples/workflows/', import.meta.url);
const TARGET = new URL('../src/core/init/workflow-templates.ts', import.meta.url);

const TEMPLATES = [
  ['SINGLE_JOB_TEMPLATE', 'greenlight.yml', 'the single-job workflow'],
  ['TWO_JOB_TEMPLATE', 'greenlight-two-job.yml', 'the least-privilege generate/publish pair'],
  ['GATE_TEMPLATE', 'greenlight-gate.yml', 'the review-gate workflow'],
] as const;

/** The module text for the current examples. */
export function initTemplatesModule(read = (file: string) => readFileSync(new URL(file, EXAMPLES), 'utf8')): string {
  return [
    '// Generated from examples/workflows/ by `node scripts/write-init-templates.ts`; do not edit.',
    '// The workflows `greenlight init` adapts to a repository (src/core/init/render-workflow.ts).',
    ...TEMPLATES.flatMap(([name, file, what]) => [
      '',
      `/** examples/workflows/${file}: ${what}. */`,
      `export const ${name} = ${JSON.stringify(read(file))};`,
    ]),
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && new URL(`file://${process.argv[1]}`).href === import.meta.url) {
  writeFileSync(TARGET, initTemplatesModule());
  console.log(`wrote ${TARGET.pathname}`);
}
