/**
 * Regenerates examples/demo-repo.transcript.jsonl, the transcript `greenlight demo`
 * replays, from the readable script examples/demo-repo.script.yml.
 *
 * The transcript is honest about what it is: the model's side (text, tool calls, token
 * usage) is written by hand in the script, because no API key exists where greenlight
 * is developed; its first record says so. The tool results are real: each tool call is
 * executed by greenlight's own workspace tools on a fresh copy of the example
 * repository, so the replay can check that every edit still applies. Test runs and the
 * engine's feedback are not in it: the demo computes them live.
 *
 * Usage: node scripts/record-demo-transcript.ts   (a test fails when the file is stale)
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { createWorkspaceTools } from '../src/adapters/tools/workspace-tools.ts';
import { parseConfig } from '../src/core/config/parse-config.ts';
import { DEFAULT_LOOP_LIMITS } from '../src/core/loop/loop-request.ts';
import { RUN_TESTS_TOOL } from '../src/core/loop/run-tests-tool.ts';
import { EXAMPLE_DIR, TRANSCRIPT } from '../src/demo/demo-files.ts';
import { materializeExample } from '../src/compose/replay-checkout.ts';
import type { AuditEvent, AuditRecord } from '../src/ports/audit.ts';
import type { ContentBlock, ModelResponse } from '../src/ports/model.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCRIPT = 'examples/demo-repo.script.yml';

/** The recorded run's clock starts here; each record is stamped after the model time before it. */
const START = Date.parse('2026-01-01T00:00:00.000Z');

const Usage = z.strictObject({
  input: z.number().int().nonnegative(),
  cacheWrite: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
});

const Turn = z.strictObject({
  text: z.string().min(1),
  durationMs: z.number().int().nonnegative(),
  usage: Usage,
  tools: z.array(z.strictObject({ name: z.string().min(1), input: z.record(z.string(), z.unknown()) })).default([]),
});

export const DemoScript = z.strictObject({
  note: z.string().min(1),
  mode: z.enum(['generate', 'fix']),
  model: z.string().min(1),
  outcome: z.enum(['succeeded', 'gave-up', 'refused']),
  task: z.strictObject({ number: z.number().int().positive().optional(), title: z.string().min(1), body: z.string() }),
  turns: z.array(Turn).min(1),
});
export type DemoScript = z.infer<typeof DemoScript>;

/** Parses and checks the script; errors name the field. */
export function parseDemoScript(text: string): DemoScript {
  const parsed = DemoScript.safeParse(parse(text));
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`${SCRIPT} is not a valid demo script: ${problems}`);
  }
  return parsed.data;
}

/**
 * The transcript's JSONL text for `scriptText`, with the tool calls run on a fresh copy
 * of `exampleDir`. Deterministic: the same script and example give the same bytes.
 */
export async function buildDemoTranscript(scriptText: string, exampleDir: string): Promise<string> {
  const script = parseDemoScript(scriptText);
  const work = await mkdtemp(join(tmpdir(), 'greenlight-record-'));
  try {
    const repo = join(work, 'repo');
    const base = await materializeExample(exampleDir, repo);
    const config = parseConfig(await readFile(join(repo, '.github/greenlight.yml'), 'utf8'));
    if (!config.ok)
      throw new Error(
        `the example's .github/greenlight.yml is invalid: ${config.errors.map((e) => e.message).join('; ')}`,
      );
    const tools = createWorkspaceTools({
      root: repo,
      paths: config.config.paths,
      hidden: config.config.context.exclude,
    });

    let clock = START;
    const records: AuditRecord[] = [];
    const write = (event: AuditEvent) => records.push({ at: new Date(clock).toISOString(), event });
    write({
      kind: 'note',
      message: script.note.trim(),
      data: {
        scripted: true,
        script: SCRIPT,
        regenerate: 'node scripts/record-demo-transcript.ts',
        task: {
          ...(script.task.number === undefined ? {} : { number: script.task.number }),
          title: script.task.title,
          body: script.task.body,
        },
      },
    });
    write({ kind: 'run-start', mode: script.mode, task: script.task.title, model: script.model, base });
    for (const [index, turn] of script.turns.entries()) {
      const number = index + 1;
      clock += turn.durationMs;
      const content: ContentBlock[] = [{ type: 'text', text: turn.text.trim() }];
      turn.tools.forEach((tool, i) =>
        content.push({ type: 'tool_use', id: `toolu_demo_${number}_${i + 1}`, name: tool.name, input: tool.input }),
      );
      const response: ModelResponse = {
        content,
        stopReason: turn.tools.length > 0 ? 'tool_use' : 'end_turn',
        usage: {
          inputTokens: turn.usage.input,
          outputTokens: turn.usage.output,
          cacheWriteTokens: turn.usage.cacheWrite,
          cacheReadTokens: turn.usage.cacheRead,
        },
        model: script.model,
        durationMs: turn.durationMs,
        id: `msg_demo_${String(number).padStart(2, '0')}`,
      };
      write({ kind: 'model-response', turn: number, response });
      for (const block of content) {
        if (block.type !== 'tool_use') continue;
        if (block.name === RUN_TESTS_TOOL)
          throw new Error(
            `turn ${number}: the script cannot call ${RUN_TESTS_TOOL}; test runs are computed live by the demo.`,
          );
        write({ kind: 'tool-call', turn: number, name: block.name, input: block.input });
        const outcome = await tools.execute({ id: block.id, name: block.name, input: block.input });
        if (outcome.isError)
          throw new Error(`turn ${number}: the ${block.name} call fails on the example repository: ${outcome.content}`);
        write({
          kind: 'tool-result',
          turn: number,
          name: block.name,
          isError: false,
          output: outcome.content.slice(0, DEFAULT_LOOP_LIMITS.auditExcerptChars),
        });
      }
      if (turn.tools.length === 0 && number < script.turns.length) {
        write({
          kind: 'note',
          message:
            'scripted: the model ended its turn; here the engine runs the tests and sends its report (computed live by the demo, not recorded)',
        });
      }
    }
    write({ kind: 'run-end', outcome: script.outcome });
    return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await buildDemoTranscript(await readFile(join(root, SCRIPT), 'utf8'), join(root, EXAMPLE_DIR));
  await writeFile(join(root, TRANSCRIPT), text);
  process.stdout.write(`wrote ${TRANSCRIPT} (${text.split('\n').length - 1} records)\n`);
}
