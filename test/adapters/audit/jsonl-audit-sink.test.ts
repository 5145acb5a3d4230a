import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonlAuditSink } from '../../../src/adapters/audit/jsonl-audit-sink.ts';
import { modelResponsesFromAudit } from '../../../src/adapters/audit/model-responses-from-audit.ts';
import { parseAuditLog, readAuditLog } from '../../../src/adapters/audit/read-audit-log.ts';
import { createReplayModel } from '../../../src/adapters/model/replay-model.ts';
import { createWorkspaceTools } from '../../../src/adapters/tools/workspace-tools.ts';
import { createRedactor } from '../../../src/core/redact/create-redactor.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import type { ModelRequest, ModelResponse } from '../../../src/ports/model.ts';

const SECRET = 'sk-ant-api03-FAKEfakeFAKEfake0123456789abcdef';
let dir: string;
let file: string;
const redactor = createRedactor({ secrets: [SECRET] });
const clock = () => new Date('2026-11-22T10:00:00.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'greenlight-audit-'));
  file = join(dir, 'logs', 'audit.jsonl');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const response: ModelResponse = {
  id: 'msg_1',
  content: [
    { type: 'text', text: 'Writing the test.' },
    {
      type: 'tool_use',
      id: 'toolu_1',
      name: 'str_replace_based_edit_tool',
      input: { command: 'create', path: 'test/a.test.ts', file_text: 'test()' },
    },
  ],
  stopReason: 'tool_use',
  usage: { inputTokens: 10, outputTokens: 5, cacheWriteTokens: 100, cacheReadTokens: 0 },
  model: 'claude-sonnet-4-6',
  durationMs: 1234,
};

async function expectAuditError(promise: Promise<unknown> | (() => unknown), text: string): Promise<void> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (caught) {
    error = caught;
  }
  expect(isGreenlightError(error, 'audit-invalid')).toBe(true);
  expect((error as Error).message).toContain(text);
}

describe('createJsonlAuditSink', () => {
  it('writes one redacted {at, event} record per line (docs/security.md §26, §27)', async () => {
    const sink = createJsonlAuditSink({ path: file, redactor, now: clock });
    const request: ModelRequest = {
      system: [{ text: 'system', cache: true }],
      tools: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: `my key is ${SECRET}` }] }],
      maxOutputTokens: 100,
    };

    sink.write({ kind: 'model-request', turn: 1, request });
    sink.write({
      kind: 'command',
      command: 'npm test',
      exitCode: 1,
      timedOut: false,
      outputExcerpt: `auth=${Buffer.from(SECRET).toString('base64')}`,
    });
    sink.close();

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 24));
    expect(text.split('\n')).toHaveLength(3);
    expect(parseAuditLog(text).records).toEqual([
      {
        at: '2026-11-22T10:00:00.000Z',
        event: {
          kind: 'model-request',
          turn: 1,
          request: {
            ...request,
            messages: [{ role: 'user', content: [{ type: 'text', text: 'my key is [REDACTED]' }] }],
          },
        },
      },
      {
        at: '2026-11-22T10:00:00.000Z',
        event: { kind: 'command', command: 'npm test', exitCode: 1, timedOut: false, outputExcerpt: 'auth=[REDACTED]' },
      },
    ]);
  });

  it('appends to an existing log and keeps it private to the owner', async () => {
    createJsonlAuditSink({ path: file, redactor, now: clock }).write({ kind: 'note', message: 'first run' });
    const second = createJsonlAuditSink({ path: file, redactor, now: clock });
    second.write({ kind: 'note', message: 'second run' });
    second.close();

    const log = await readAuditLog(file);
    expect(log.records.map((record) => record.event)).toEqual([
      { kind: 'note', message: 'first run' },
      { kind: 'note', message: 'second run' },
    ]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses writes after close', () => {
    const sink = createJsonlAuditSink({ path: file, redactor });
    sink.close();

    expect(() => sink.write({ kind: 'note', message: 'late' })).toThrow('already closed');
  });

  it('fails with a clear error when the log cannot be opened', async () => {
    await writeFile(join(dir, 'blocker'), 'a file, not a directory');

    await expectAuditError(
      () => createJsonlAuditSink({ path: join(dir, 'blocker', 'audit.jsonl'), redactor }),
      'Choose a writable path',
    );
  });

  it('records a tool refusal from the workspace tools (docs/security.md §18)', async () => {
    const sink = createJsonlAuditSink({ path: file, redactor, now: clock });
    const tools = createWorkspaceTools({
      root: dir,
      paths: { allow: ['**'], deny: ['.github/workflows/**'] },
      listFiles: () => Promise.resolve([]),
    });

    const outcome = await tools.execute({
      id: 'toolu_9',
      name: 'str_replace_based_edit_tool',
      input: { command: 'create', path: '../escape.txt', file_text: 'x' },
    });
    if (outcome.refusal !== undefined) {
      sink.write({ kind: 'tool-refused', turn: 3, name: 'str_replace_based_edit_tool', ...outcome.refusal });
    }
    sink.close();

    expect((await readAuditLog(file)).records.map((record) => record.event)).toEqual([
      {
        kind: 'tool-refused',
        turn: 3,
        name: 'str_replace_based_edit_tool',
        path: '../escape.txt',
        reason: "'..' is not allowed in paths; use a path relative to the repository root",
      },
    ]);
  });
});

describe('reading audit logs', () => {
  it('skips a last line cut off by a crash and says so', () => {
    const log = parseAuditLog(
      '{"at":"2026-01-01T00:00:00.000Z","event":{"kind":"note","message":"ok"}}\n{"at":"2026-01-01T00:00:01.0',
    );

    expect(log).toEqual({
      records: [{ at: '2026-01-01T00:00:00.000Z', event: { kind: 'note', message: 'ok' } }],
      truncatedTail: true,
    });
  });

  it.each([
    [
      'broken JSON in the middle',
      'not json\n{"at":"x","event":{"kind":"note"}}\n',
      'Line 1 of the audit log is not valid JSON',
    ],
    [
      'a line that is not a record',
      '{"at":"x","event":{"kind":"note"}}\n{"event":{}}\n',
      'Line 2 of the audit log is not an audit record',
    ],
  ])('rejects %s and names the line', async (_name, text, message) => {
    await expectAuditError(() => parseAuditLog(text), message);
  });

  it('reports a missing file', async () => {
    await expectAuditError(readAuditLog(join(dir, 'missing.jsonl')), 'Cannot read the audit log');
  });

  it('rebuilds model responses from a log and replays them', async () => {
    const sink = createJsonlAuditSink({ path: file, redactor, now: clock });
    const second: ModelResponse = {
      ...response,
      id: 'msg_2',
      content: [{ type: 'text', text: 'Done.' }],
      stopReason: 'end_turn',
    };
    sink.write({ kind: 'model-response', turn: 1, response });
    sink.write({
      kind: 'tool-result',
      turn: 1,
      name: 'str_replace_based_edit_tool',
      isError: false,
      output: 'created',
    });
    sink.write({ kind: 'model-response', turn: 2, response: second });
    sink.close();

    const responses = modelResponsesFromAudit((await readAuditLog(file)).records);
    const replay = createReplayModel(responses);
    const request: ModelRequest = {
      system: [],
      tools: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }],
      maxOutputTokens: 10,
    };

    expect(responses).toEqual([response, second]);
    expect(await replay.complete(request)).toEqual(response);
    expect(await replay.complete(request)).toEqual(second);
    await expect(replay.complete(request)).rejects.toThrow('turn 3 has none to replay');
    expect([replay.modelId, replay.requests.length]).toEqual(['claude-sonnet-4-6', 3]);
  });

  it('rejects a model-response event that does not hold a ModelResponse', async () => {
    const records = [
      { at: '2026-01-01T00:00:00.000Z', event: { kind: 'model-response' as const, turn: 4, response: { text: 'hi' } } },
    ];

    await expectAuditError(() => modelResponsesFromAudit(records), 'The model-response of turn 4');
  });
});
