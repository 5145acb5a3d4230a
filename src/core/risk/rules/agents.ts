/**
 * Agent instruction files steer the next model run (greenlight's own included), so a
 * change to them is `high` whatever the extension or case.
 */
import type { RuleDefinition } from '../rule.ts';

/** A glob segment matching `word` in any letter case (`agents` → `[Aa][Gg]…`). */
const anyCase = (word: string) =>
  [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join('');

/**
 * `AGENTS.md`, `CLAUDE.md` and `GEMINI.md` in any case and any text extension, and the
 * upper-case names with any extension at all; `agents.ts` or `gemini.py` (an API
 * client) are source code, not instructions.
 */
const INSTRUCTION_NAMES = ['agents', 'agent', 'claude', 'gemini'].flatMap((name) => [
  `${anyCase(name)}.{md,mdc,markdown,txt,rst}`,
  `${anyCase(name)}.*.{md,mdc,markdown,txt}`,
]);

export const agentRules: readonly RuleDefinition[] = [
  {
    name: 'agent-instructions',
    tier: 'high',
    category: 'agent-instructions',
    reason: 'instructions and tool settings that steer AI agents and the next model run',
    paths: [
      'AGENTS',
      'AGENTS.*',
      'CLAUDE',
      'CLAUDE.*',
      'GEMINI',
      'GEMINI.*',
      ...INSTRUCTION_NAMES,
      '.cursorrules',
      '.cursor/',
      '.windsurfrules',
      '.windsurf/',
      '.clinerules',
      '.clinerules/',
      '.roorules',
      '.roo/',
      '.github/copilot-instructions.md',
      '.github/instructions/',
      '.github/prompts/',
      '.github/chatmodes/',
      '.claude/',
      '.agents/',
      '.agent/',
      '.codex/',
      '.gemini/',
      '.junie/',
      '.kiro/',
      '.amazonq/',
      '.continue/',
      '.mcp.json',
      '.vscode/mcp.json',
      '.aider.conf.yml',
      '.aiderignore',
      '.goosehints',
      '.rules',
    ],
  },
];
