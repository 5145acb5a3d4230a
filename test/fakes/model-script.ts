/**
 * Builders for FakeModel scripts, so a test reads like the conversation it stages:
 * `[createFile('a.test.ts', '…'), endTurn('done')]`.
 */
import type { ContentBlock } from '../../src/ports/model.ts';
import type { ScriptedReply } from './fake-model.ts';
import { EDITOR_TOOL } from './fake-repo-tools.ts';

let nextId = 1;

export function toolUse(name: string, input: unknown, text?: string): ScriptedReply {
  const content: ContentBlock[] = text === undefined ? [] : [{ type: 'text', text }];
  content.push({ type: 'tool_use', id: `toolu_${String(nextId++).padStart(4, '0')}`, name, input });
  return { content };
}

/** Several tool calls in one reply. */
export function toolUses(calls: { name: string; input: unknown }[]): ScriptedReply {
  return {
    content: calls.map((c) => ({
      type: 'tool_use' as const,
      id: `toolu_${String(nextId++).padStart(4, '0')}`,
      name: c.name,
      input: c.input,
    })),
  };
}

export function createFile(path: string, fileText: string): ScriptedReply {
  return toolUse(EDITOR_TOOL, { command: 'create', path, file_text: fileText });
}

export function strReplace(path: string, oldStr: string, newStr: string): ScriptedReply {
  return toolUse(EDITOR_TOOL, { command: 'str_replace', path, old_str: oldStr, new_str: newStr });
}

/** A deletion through the fake tools (the real editor cannot delete; see FakeRepoTools). */
export function deleteFile(path: string): ScriptedReply {
  return toolUse(EDITOR_TOOL, { command: 'delete', path });
}

export function viewFile(path: string): ScriptedReply {
  return toolUse(EDITOR_TOOL, { command: 'view', path });
}

export function runTests(input: unknown = {}): ScriptedReply {
  return toolUse('run_tests', input);
}

export function endTurn(text = 'Done.'): ScriptedReply {
  return { content: [{ type: 'text', text }], stopReason: 'end_turn' };
}
