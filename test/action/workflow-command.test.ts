import { describe, expect, it } from 'vitest';
import { escapeCommandData, maskCommands, workflowCommand } from '../../src/action/workflow-command.ts';

describe('workflow commands', () => {
  it('escapes % and line breaks so a message cannot start another command', () => {
    expect(escapeCommandData('50%\r\n::add-mask::x')).toBe('50%25%0D%0A::add-mask::x');
    expect(workflowCommand('error', 'bad\n::warning::x')).toBe('::error::bad%0A::warning::x');
  });

  it('masks each secret once, and each line of a multi-line secret', () => {
    expect(
      maskCommands(['tok-123456', null, undefined, '', 'tok-123456', '-----BEGIN KEY-----\nabcdef\n-----END KEY-----']),
    ).toEqual([
      '::add-mask::tok-123456',
      '::add-mask::-----BEGIN KEY-----%0Aabcdef%0A-----END KEY-----',
      '::add-mask::-----BEGIN KEY-----',
      '::add-mask::abcdef',
      '::add-mask::-----END KEY-----',
    ]);
  });
});
