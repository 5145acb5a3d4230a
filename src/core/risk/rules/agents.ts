/**
 * Agent instruction files steer the next model run (greenlight's own included), so a
 * change to them is `high` whatever the extension or case.
 */
import type { RuleDefinition } from '../rule.ts';

export const agentRules: readonly RuleDefinition[] = [
  {
    name: 'agent-instructions',
    tier: 'high',
    category: 'agent-instructions',
    reason: 'instructions and tool settings that steer AI agents and the next model run',
    nocase: true,
    paths: [
      'AGENTS', 'AGENTS.*', 'AGENT.md', 'CLAUDE', 'CLAUDE.*', 'GEMINI', 'GEMINI.*',
      '.cursorrules', '.cursor/', '.windsurfrules', '.windsurf/', '.clinerules', '.clinerules/', '.roorules', '.roo/',
      '.github/copilot-instructions.md', '.github/instructions/', '.github/prompts/', '.github/chatmodes/',
      '.claude/', '.agents/', '.agent/', '.codex/', '.gemini/', '.junie/', '.kiro/', '.amazonq/', '.continue/',
      '.mcp.json', '.vscode/mcp.json', '.aider.conf.yml', '.aiderignore', '.goosehints', '.rules',
    ],
  },
];
