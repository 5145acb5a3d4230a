import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messagesFor(path: string, code: string): Promise<string[]> {
  const [result] = await lint.lintText(code, { filePath: path });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture rule: src/core stays pure', () => {
  it.each([
    ["import { execa } from 'execa';"],
    ["import { spawn } from 'node:child_process';"],
    ["import { readFileSync } from 'node:fs';"],
    ["import { readFile } from 'fs/promises';"],
    ["import net from 'node:net';"],
    ["import { Probot } from 'probot';"],
    ["import { Octokit } from '@octokit/rest';"],
    ["import * as core from '@actions/core';"],
    ["import Anthropic from '@anthropic-ai/sdk';"],
    ["import { x } from '../../adapters/git/local-workspace.ts';"],
    ["import { y } from '../cli/run-command.ts';"],
    ['export const env = process.env;'],
  ])('rejects %s in src/core', async (code) => {
    const messages = await messagesFor('src/core/example.ts', `${code}\nexport {};\n`);
    expect(messages.some((m) => /no-restricted-(imports|globals)/.test(m))).toBe(true);
  });

  it('allows the same imports in an adapter', async () => {
    const messages = await messagesFor(
      'src/adapters/example.ts',
      "import { execa } from 'execa';\nexport const run = execa;\n",
    );
    expect(messages).toEqual([]);
  });

  it('allows pure imports in core', async () => {
    const messages = await messagesFor(
      'src/core/example.ts',
      "import { z } from 'zod';\nimport type { Sandbox } from '../ports/sandbox.ts';\nexport const s = z.string();\nexport type S = Sandbox;\n",
    );
    expect(messages).toEqual([]);
  });
});
