import { describe, expect, it } from 'vitest';
import { DEFUSE_MARKER, neutralizeWorkflowCommands } from '../../../src/core/sandbox/neutralize-workflow-commands.ts';

describe('neutralizeWorkflowCommands', () => {
  it.each([
    ['::error::boom', '␣::error::boom'],
    ['::add-mask::secret', '␣::add-mask::secret'],
    ['::stop-commands::tok', '␣::stop-commands::tok'],
    ['   ::warning file=a.ts::x', '   ␣::warning file=a.ts::x'],
    ['\t::set-output name=a::b', '\t␣::set-output name=a::b'],
    ['\u00a0::error::nbsp', '\u00a0␣::error::nbsp'],
    ['##[error]legacy', '##␣[error]legacy'],
    ['text before ##[add-mask]secret', 'text before ##␣[add-mask]secret'],
    ['##[group]a ##[endgroup]', '##␣[group]a ##␣[endgroup]'],
    ['a::b is fine', 'a::b is fine'],
    ['std::vector<int>', 'std::vector<int>'],
    ['plain text', 'plain text'],
  ])('%j → %j', (input, expected) => {
    expect(neutralizeWorkflowCommands(input)).toBe(expected);
  });

  it('treats \\n, \\r\\n and a lone \\r as line breaks (the runner does) and keeps them', () => {
    const input = 'ok\n::error::a\r\n::error::b\r::error::c';
    expect(neutralizeWorkflowCommands(input)).toBe('ok\n␣::error::a\r\n␣::error::b\r␣::error::c');
  });

  it('is idempotent and uses a visible marker', () => {
    const once = neutralizeWorkflowCommands('::error::x\n##[group]y');
    expect(neutralizeWorkflowCommands(once)).toBe(once);
    expect(DEFUSE_MARKER).toBe('\u2423');
    expect(once).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
  });

  it('leaves no line that the runner would parse as a command', () => {
    const hostile = ['::error::a', ' \t::add-mask::b', 'x##[error]c', '\u3000::debug::d'].join('\n');
    const lines = neutralizeWorkflowCommands(hostile).split(/\r\n|\r|\n/);
    expect(lines.filter((line) => line.trimStart().startsWith('::') || line.includes('##['))).toEqual([]);
  });
});
