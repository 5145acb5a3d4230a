// runJob with model.provider bedrock and vertex, end to end on a real repository, sandbox
// and test runner, against the local stand-ins of test/fakes/cloud/: every Bedrock
// request's SigV4 signature is recomputed and checked, Vertex accepts only the token its
// workload identity chain issued, and every turn sends the same cached prefix (tools with
// the text editor, system prompt, repository context) with its cache breakpoints.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_CONFIG } from '../fixtures/repos/calc-repo.ts';
import { FakeBedrock } from '../fakes/cloud/fake-bedrock.ts';
import { FakeVertex } from '../fakes/cloud/fake-vertex.ts';
import { requireTool, skipWithout } from '../setup/require-tool.ts';
import { buildEvidence } from '../../src/core/evidence/build-evidence.ts';
import { calcRepo, clampTest, engineEnv, runOn } from './job-harness.ts';

const haveBwrap = await requireTool('bwrap');
beforeEach((test) => skipWithout(test, haveBwrap, 'bubblewrap'));

const GOOD = clampTest([
  "test('clamp keeps values inside the range', () => { assert.equal(clamp(5, 0, 10), 5); });",
  "test('clamp raises values below min', () => { assert.equal(clamp(-1, 0, 10), 0); });",
]);
const usage = (n: number) => ({
  input: 200,
  output: 100,
  cacheWrite: n === 0 ? 3_000 : 50,
  cacheRead: n === 0 ? 0 : 3_000,
});
const SCRIPT = [
  {
    content: [
      {
        type: 'tool_use' as const,
        id: 'toolu_c1',
        name: 'str_replace_based_edit_tool',
        input: { command: 'view', path: 'src/calc.js' },
      },
    ],
    stopReason: 'tool_use',
    usage: usage(0),
  },
  {
    content: [
      {
        type: 'tool_use' as const,
        id: 'toolu_c2',
        name: 'str_replace_based_edit_tool',
        input: { command: 'create', path: 'test/clamp.test.js', file_text: GOOD },
      },
    ],
    stopReason: 'tool_use',
    usage: usage(1),
  },
  { content: [{ type: 'text' as const, text: 'Added tests for clamp.' }], stopReason: 'end_turn', usage: usage(2) },
];

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** Every body shares the tools-system-context prefix byte for byte, which ends in a cache breakpoint; the editor tool is in it. */
function expectCachedPrefix(bodies: string[]): void {
  expect(bodies.length).toBeGreaterThan(1);
  const first = bodies[0] ?? '';
  const messagesAt = first.indexOf(',"messages":');
  const prefix = first.slice(0, messagesAt);
  for (const body of bodies) expect(body.startsWith(prefix)).toBe(true);
  expect(prefix).toContain('{"type":"text_editor_20250728","name":"str_replace_based_edit_tool"}');
  expect(prefix.endsWith('</repository_context>\\n","cache_control":{"type":"ephemeral"}}]')).toBe(true);
}

describe('runJob on Claude through Amazon Bedrock and Google Vertex AI', () => {
  it("bedrock: a verified change, every request signed with the job's AWS credentials", async () => {
    const credentials = {
      accessKeyId: 'AKIAGREENLIGHTJOB001',
      secretAccessKey: 'job/secret+Key0123456789abcdefGHIJKLMN',
      sessionToken: 'IQoJjobSessionToken',
    };
    const bedrock = new FakeBedrock(credentials);
    const url = await bedrock.start();
    stops.push(() => bedrock.stop());
    bedrock.script(SCRIPT);
    const repo = calcRepo({
      config: FAST_CONFIG.replace(
        'model:\n  name: claude-sonnet-4-6',
        'model:\n  provider: bedrock\n  name: us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ),
    });

    const { result, audit } = await runOn(
      repo,
      {},
      engineEnv({
        ANTHROPIC_API_KEY: undefined,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_SESSION_TOKEN: credentials.sessionToken,
        ANTHROPIC_BEDROCK_BASE_URL: url,
      }),
    );

    expect(result.outcome.kind).toBe('succeeded');
    expect(bedrock.requests).toHaveLength(3);
    for (const r of bedrock.requests)
      expect(r.signature).toMatchObject({ ok: true, region: 'us-east-1', service: 'bedrock' });
    expectCachedPrefix(bedrock.requests.map((r) => r.body));
    expect(result.outcome.report.turns.map((t) => t.usage.cacheReadTokens)).toEqual([0, 3_000, 3_000]);
    // Priced as the model it is (us.anthropic.…-v1:0 is claude-sonnet-4-5), and said so in the evidence.
    expect(result.costUsd).toBeGreaterThan(0);
    const evidence = buildEvidence(audit.events.map((event) => ({ at: '2026-01-01T00:00:00.000Z', event })));
    expect(evidence.run).toMatchObject({ provider: 'bedrock', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
    expect(evidence.modelCalls).toBe(3);
    // The AWS secret never reaches the report.
    expect(result.reportMarkdown).not.toContain(credentials.secretAccessKey);
  });

  it('vertex: a verified change, authorized through workload identity federation (OIDC)', async () => {
    const vertex = new FakeVertex();
    const url = await vertex.start();
    stops.push(() => vertex.stop());
    vertex.script(SCRIPT);
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-creds-'));
    stops.push(() => rmSync(dir, { recursive: true, force: true }));
    const credentialsFile = join(dir, 'gha-creds.json');
    writeFileSync(credentialsFile, JSON.stringify(vertex.externalAccountFile()));
    const repo = calcRepo({
      config: FAST_CONFIG.replace(
        'model:\n  name: claude-sonnet-4-6',
        'model:\n  provider: vertex\n  name: claude-sonnet-4-5@20250929\n  region: us-east5\n  project: acme-ml',
      ),
    });

    const { result } = await runOn(
      repo,
      {},
      engineEnv({
        ANTHROPIC_API_KEY: undefined,
        GOOGLE_APPLICATION_CREDENTIALS: credentialsFile,
        ANTHROPIC_VERTEX_BASE_URL: `${url}/v1`,
      }),
    );

    expect(result.outcome.kind).toBe('succeeded');
    const calls = vertex.modelCalls;
    expect(calls).toHaveLength(3);
    // One token exchange for the whole run; every call carries the token it gave.
    expect(vertex.issued).toEqual(['ya29.vertex-test-1']);
    for (const call of calls) {
      expect(call.headers['authorization']).toBe('Bearer ya29.vertex-test-1');
      expect(call.path).toBe(
        '/v1/projects/acme-ml/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict',
      );
    }
    expectCachedPrefix(calls.map((c) => c.body));
    expect(result.outcome.report.model).toBe('claude-sonnet-4-5@20250929');
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('vertex: a credentials file inside the checkout is refused before any work', async () => {
    const repo = calcRepo({
      config: FAST_CONFIG.replace(
        'model:\n  name: claude-sonnet-4-6',
        'model:\n  provider: vertex\n  region: us-east5',
      ),
    });
    await expect(
      runOn(repo, {}, engineEnv({ GOOGLE_APPLICATION_CREDENTIALS: join(repo.root, 'gha-creds-1234.json') })),
    ).rejects.toThrow(
      /^GOOGLE_APPLICATION_CREDENTIALS names a credentials file inside the checkout \(gha-creds-1234\.json\)/,
    );
  });
});
