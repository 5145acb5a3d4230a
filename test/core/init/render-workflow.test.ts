import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { initTemplatesModule } from '../../../scripts/write-init-templates.ts';
import { detectLayout } from '../../../src/core/init/detect-layout.ts';
import { expressionString, renderWorkflow } from '../../../src/core/init/render-workflow.ts';
import { SINGLE_JOB_TEMPLATE } from '../../../src/core/init/workflow-templates.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';

const npm = detectLayout({
  files: ['package.json', 'package-lock.json'],
  texts: { 'package.json': '{"scripts":{"test":"node --test"}}' },
});
const trigger = { label: 'ai-generate', fixCommand: '/fix' };

describe('the workflow templates', () => {
  it('are the shipped examples (run `node scripts/write-init-templates.ts` when this fails)', () => {
    const module = readFileSync(new URL('../../../src/core/init/workflow-templates.ts', import.meta.url), 'utf8');
    expect(module).toBe(initTemplatesModule());
  });

  it('an npm repository with the default trigger gets the example, its header and npm cache aside', () => {
    const written = renderWorkflow({ kind: 'single-job', trigger, layout: npm });
    const example = readFileSync(new URL('../../../examples/workflows/greenlight.yml', import.meta.url), 'utf8');
    const body = (text: string) =>
      text
        .replace(/^(#.*\n)+/, '')
        .replace(/ *# Install what the tests need[\s\S]*?(?= {6}- uses: actions\/setup-node)/, '')
        .replace('          cache: npm\n', '');
    expect(body(written)).toBe(body(example));
  });
});

describe('renderWorkflow', () => {
  it('quotes the label and fix command as expression strings', () => {
    expect(expressionString("it's")).toBe("'it''s'");
    const text = renderWorkflow({ kind: 'two-job', trigger: { label: "it's #1", fixCommand: '/go' }, layout: npm });
    const wf = parse(text) as { jobs: Record<string, { if?: string }> };
    expect(wf.jobs['generate']?.if).toContain("github.event.label.name == 'it''s #1'");
    expect(wf.jobs['generate']?.if).toContain("contains(github.event.comment.body, '/go')");
  });

  it('refuses a label with a line break', () => {
    let error: unknown;
    try {
      renderWorkflow({ kind: 'single-job', trigger: { label: 'a\nb', fixCommand: '/fix' }, layout: npm });
    } catch (caught) {
      error = caught;
    }
    expect(isGreenlightError(error, 'usage')).toBe(true);
    expect((error as Error).message).toBe('trigger.label contains a line break; use one line.');
  });

  it('fails loudly when an example lost a line it adapts, instead of keeping ai-generate', () => {
    const template = SINGLE_JOB_TEMPLATE.replace("github.event.label.name == 'ai-generate'", 'true');
    expect(() => renderWorkflow({ kind: 'single-job', trigger, layout: npm, template })).toThrow(
      /no longer has the label lines greenlight init adapts \(found 0, expected 1\)/,
    );
  });
});
