/**
 * Vitest globalSetup: gives every test file a place to record the system tools it had
 * to do without (test/setup/require-tool.ts), and after the run prints them as one
 * line below vitest's own summary, with the command that installs them all.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { ToolSkip } from './require-tool.ts';

/** The summary line for `skips`, or null when nothing was skipped. */
export function summarizeToolSkips(skips: readonly ToolSkip[]): string | null {
  if (skips.length === 0) return null;
  const byTool = new Map<string, Set<string>>();
  for (const skip of skips) byTool.set(skip.tool, (byTool.get(skip.tool) ?? new Set()).add(skip.file));
  const files = new Set(skips.map((skip) => skip.file)).size;
  const detail = [...byTool]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tool, paths]) => `${tool} for ${[...paths].sort().join(', ')}`)
    .join('; ');
  return skips.some((skip) => skip.failed)
    ? `FAILED: ${files} test file(s) need system tools that are missing, and CI skips nothing: ${detail}. Install them all: npm run setup:system`
    : `SKIPPED: ${files} test file(s) need system tools that are missing here: ${detail}. Install them all: npm run setup:system`;
}

export default function toolSkips(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-tool-skips-'));
  const file = join(dir, 'skips.jsonl');
  project.provide('toolSkipsFile', file);
  return () => {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Nothing was recorded.
    }
    rmSync(dir, { recursive: true, force: true });
    const skips = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ToolSkip);
    const line = summarizeToolSkips(skips);
    if (line !== null) process.stdout.write(`\n${line}\n`);
  };
}
