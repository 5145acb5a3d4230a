import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelResponsesFromAudit } from '../../src/adapters/audit/model-responses-from-audit.ts';
import { parseAuditLog } from '../../src/adapters/audit/read-audit-log.ts';
import { resolvePrice } from '../../src/core/cost/cost-of-usage.ts';
import { EXAMPLE_DIR, findDemoFiles, TRANSCRIPT } from '../../src/demo/demo-files.ts';
import { buildDemoTranscript, parseDemoScript, SCRIPT } from '../../scripts/record-demo-transcript.ts';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the demo transcript', () => {
  it('is what scripts/record-demo-transcript.ts makes from the script and the example (run it after changing either)', async () => {
    expect(await buildDemoTranscript(read(SCRIPT), join(root, EXAMPLE_DIR))).toBe(read(TRANSCRIPT));
  });

  it('says in its first record that it is scripted, and is in the real audit-log format', () => {
    const log = parseAuditLog(read(TRANSCRIPT));
    expect(log.truncatedTail).toBe(false);
    const first = log.records[0]?.event;
    expect(first).toMatchObject({
      kind: 'note',
      data: { scripted: true, script: SCRIPT, regenerate: 'node scripts/record-demo-transcript.ts' },
    });
    expect(first?.kind === 'note' && first.message).toContain('no model produced them');
    const kinds = new Set(log.records.map((r) => r.event.kind));
    expect([...kinds].sort()).toEqual(['model-response', 'note', 'run-end', 'run-start', 'tool-call', 'tool-result']);
    const responses = modelResponsesFromAudit(log.records);
    expect(responses).toHaveLength(5);
    expect(new Set(responses.map((r) => r.model))).toEqual(new Set(['claude-sonnet-4-6']));
    expect(resolvePrice('claude-sonnet-4-6')).toBeDefined();
  });

  it("is found next to greenlight's code", () => {
    expect(findDemoFiles()).toEqual({ exampleDir: join(root, EXAMPLE_DIR), transcript: join(root, TRANSCRIPT) });
    expect(() => findDemoFiles('/')).toThrow(/are not next to greenlight's code \(looked upwards from \/\)/);
  });

  it('refuses a script with a bad field, naming it', () => {
    expect(() => parseDemoScript(read(SCRIPT).replace('outcome: succeeded', 'outcome: maybe'))).toThrow(
      /examples\/demo-repo\.script\.yml is not a valid demo script: outcome: /,
    );
  });

  it('refuses a scripted tool call that fails on the example, so a broken script cannot be recorded', async () => {
    const broken = read(SCRIPT).replace(
      'input: { command: view, path: src/cart.js }',
      'input: { command: view, path: src/basket.js }',
    );
    await expect(buildDemoTranscript(broken, join(root, EXAMPLE_DIR))).rejects.toThrow(
      /^turn 1: the str_replace_based_edit_tool call fails on the example repository: /,
    );
  });
});
