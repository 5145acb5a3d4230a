// Claude on Amazon Bedrock and Google Vertex AI through createModel, against local
// stand-ins (test/fakes/cloud/): Bedrock checks each request's SigV4 signature, recomputed
// with the test credentials, and answers in AWS's event stream framing; Vertex accepts
// only the access token its workload identity chain (GitHub OIDC → STS → IAM) issued.
import { constants, createSign, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createModel } from '../../../src/adapters/model/create-model.ts';
import { placeCacheBreakpoints } from '../../../src/core/prompt/cache-breakpoints.ts';
import { isGreenlightError } from '../../../src/ports/errors.ts';
import { isModelError } from '../../../src/ports/model-error.ts';
import type { ModelRequest } from '../../../src/ports/model.ts';
import { FakeBedrock } from '../../fakes/cloud/fake-bedrock.ts';
import { FakeVertex, SERVICE_ACCOUNT } from '../../fakes/cloud/fake-vertex.ts';

const AWS = {
  accessKeyId: 'AKIAGREENLIGHTTEST01',
  secretAccessKey: 'greenlight/test/secret+Key0123456789abcdefGHIJ',
  sessionToken: 'IQoJb3JpZ2luX2VjEGreenlightTestSessionToken',
};
const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const VERTEX_MODEL = 'claude-sonnet-4-5@20250929';

/** A request as the loop sends it: the text editor and a custom tool, a cached prefix. */
const request: ModelRequest = placeCacheBreakpoints({
  system: [{ text: 'You are greenlight.', cache: true }],
  tools: [
    { kind: 'text-editor', name: 'str_replace_based_edit_tool' },
    {
      kind: 'custom',
      name: 'run_tests',
      description: 'Run the tests.',
      inputSchema: { type: 'object', properties: {} },
    },
  ],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Add tests for clamp.' }] }],
  maxOutputTokens: 1024,
});
const reply = {
  content: [
    {
      type: 'tool_use' as const,
      id: 'toolu_1',
      name: 'str_replace_based_edit_tool',
      input: { command: 'view', path: 'src' },
    },
  ],
  stopReason: 'tool_use',
  usage: { input: 50, output: 20, cacheWrite: 900, cacheRead: 0 },
};

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A Bedrock stand-in that knows the test key pair (and the session token when `session`). */
async function bedrock(
  options: { apiKey?: string; session?: boolean } = {},
): Promise<{ fake: FakeBedrock; url: string }> {
  const { sessionToken, ...keys } = AWS;
  const fake = new FakeBedrock(options.session === true ? { ...keys, sessionToken } : keys, options);
  const url = await fake.start();
  cleanup.push(() => fake.stop());
  return { fake, url };
}

async function vertex(): Promise<{ fake: FakeVertex; url: string }> {
  const fake = new FakeVertex();
  const url = await fake.start();
  cleanup.push(() => fake.stop());
  return { fake, url };
}

function tempFile(name: string, value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-cloud-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** What the SDK sent, minus what differs per provider: the text editor tool and the cache breakpoints. */
function expectCachedToolsAndSystem(body: Record<string, unknown>): void {
  expect(body['tools']).toEqual([
    { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' },
    {
      name: 'run_tests',
      description: 'Run the tests.',
      input_schema: { type: 'object', properties: {} },
      cache_control: { type: 'ephemeral' },
    },
  ]);
  expect(body['system']).toEqual([{ type: 'text', text: 'You are greenlight.', cache_control: { type: 'ephemeral' } }]);
  expect(body['max_tokens']).toBe(1024);
  expect(typeof body['anthropic_version']).toBe('string');
  expect(body).not.toHaveProperty('model');
}

describe('model.provider: bedrock', () => {
  it('signs with the AWS credentials of the environment; prompt caching and the text editor tool reach Bedrock', async () => {
    const { fake, url } = await bedrock({ session: true });
    fake.script([reply]);
    const model = createModel(
      { provider: 'bedrock', name: BEDROCK_MODEL, region: 'us-east-1' },
      {
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
        AWS_SESSION_TOKEN: AWS.sessionToken,
        AWS_REGION: 'eu-west-1', // model.region wins
        ANTHROPIC_BEDROCK_BASE_URL: url,
      },
    );

    const response = await model.complete(request);

    expect([model.provider, model.modelId]).toEqual(['bedrock', BEDROCK_MODEL]);
    expect(response.content).toEqual(reply.content);
    expect(response.usage).toEqual({ inputTokens: 50, outputTokens: 20, cacheWriteTokens: 900, cacheReadTokens: 0 });
    const [sent] = fake.requests;
    expect(sent?.signature).toMatchObject({ ok: true, region: 'us-east-1', service: 'bedrock' });
    // The `:` of the id stays as it is in the path, and is encoded once more for the signature.
    expect(sent?.path).toBe(`/model/${BEDROCK_MODEL}/invoke-with-response-stream`);
    expect(sent?.headers['x-api-key']).toBeUndefined();
    expectCachedToolsAndSystem(fake.bodies[0] ?? {});
    expect(fake.bodies[0]).not.toHaveProperty('stream');
  });

  it('the signature covers the body: a request changed on the way fails the check', async () => {
    const { fake, url } = await bedrock();
    fake.script([reply]);
    let tampered = false;
    const model = createModel(
      { provider: 'bedrock', name: BEDROCK_MODEL, region: 'us-east-1' },
      {
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
        ANTHROPIC_BEDROCK_BASE_URL: url,
      },
      {
        maxRetries: 0,
        // A proxy that rewrites the body after signing.
        fetch: async (input, init) => {
          tampered = true;
          const body = String(init?.body).replace('Add tests for clamp.', 'Delete every test.');
          return fetch(input, { ...init, body });
        },
      },
    );

    const error = await model.complete(request).catch((e: unknown) => e);

    expect(tampered).toBe(true);
    expect(fake.requests[0]?.signature).toEqual({ ok: false, why: 'the signature does not match the request' });
    expect(isModelError(error, 'auth')).toBe(true);
    expect((error as Error).message).toMatch(
      /^The credentials may not use this model or endpoint of Amazon Bedrock \(403: /,
    );
    expect((error as Error).message).toContain('aws-actions/configure-aws-credentials');
  });

  it('wrong credentials are refused by the stand-in and reported as an auth problem with what to set', async () => {
    const { fake, url } = await bedrock();
    const model = createModel(
      { provider: 'bedrock', name: BEDROCK_MODEL, region: 'us-east-1' },
      { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: 'not-the-secret', ANTHROPIC_BEDROCK_BASE_URL: url },
      { maxRetries: 0 },
    );
    const error = await model.complete(request).catch((e: unknown) => e);
    expect(fake.requests).toHaveLength(1);
    expect(isModelError(error, 'auth')).toBe(true);
  });

  it('a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) is sent instead of a signature', async () => {
    const { fake, url } = await bedrock({ apiKey: 'bedrock-api-key-0123456789' });
    fake.script([reply]);
    const model = createModel(
      { provider: 'bedrock', name: BEDROCK_MODEL, region: 'us-west-2' },
      { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-0123456789', ANTHROPIC_BEDROCK_BASE_URL: url },
    );
    expect((await model.complete(request)).content).toEqual(reply.content);
    expect(fake.requests[0]?.headers['authorization']).toBe('Bearer bedrock-api-key-0123456789');
    expect(fake.requests[0]?.headers['x-amz-date']).toBeUndefined();
  });

  it.each([
    [
      'no region',
      {},
      'model.provider "bedrock" needs a region: set model.region in .github/greenlight.yml, or AWS_REGION',
    ],
    [
      'half a key pair',
      { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: AWS.accessKeyId },
      'model.provider "bedrock": AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.',
    ],
  ])('refuses %s before any request, saying what to set', (_name, env, message) => {
    let error: unknown;
    try {
      createModel({ provider: 'bedrock', name: BEDROCK_MODEL }, env);
    } catch (e) {
      error = e;
    }
    expect(isGreenlightError(error, 'config-invalid')).toBe(true);
    expect((error as Error).message).toContain(message);
  });

  it('takes the region from AWS_DEFAULT_REGION when nothing else names one', async () => {
    const { fake, url } = await bedrock();
    fake.script([reply]);
    const model = createModel(
      { provider: 'bedrock', name: BEDROCK_MODEL },
      {
        AWS_DEFAULT_REGION: 'ap-southeast-2',
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
        ANTHROPIC_BEDROCK_BASE_URL: url,
      },
    );
    await model.complete(request);
    expect(fake.requests[0]?.signature).toMatchObject({ ok: true, region: 'ap-southeast-2' });
  });
  it('without a key pair in its environment, signs with the AWS profile of the default chain (AWS_PROFILE, shared credentials file)', async () => {
    const { fake, url } = await bedrock();
    fake.script([reply]);
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-aws-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      `[default]\naws_access_key_id = AKIAWRONGDEFAULT0000\naws_secret_access_key = wrong\n\n[greenlight]\naws_access_key_id = ${AWS.accessKeyId}\naws_secret_access_key = ${AWS.secretAccessKey}\n`,
    );
    // The AWS chain reads the process environment; no instance metadata is ever asked (nock).
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_BEARER_TOKEN_BEDROCK'])
      vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', file);
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    vi.stubEnv('AWS_PROFILE', 'greenlight');
    cleanup.push(async () => {
      vi.unstubAllEnvs();
    });
    const model = createModel(
      { provider: 'bedrock', name: BEDROCK_MODEL, region: 'us-east-1' },
      { AWS_PROFILE: 'greenlight', ANTHROPIC_BEDROCK_BASE_URL: url },
    );

    await model.complete(request);

    expect(fake.requests[0]?.signature).toMatchObject({ ok: true, region: 'us-east-1', service: 'bedrock' });
  });
});

describe('model.provider: vertex', () => {
  it('OIDC through workload identity federation: GitHub token → STS → service account → Vertex; caching and the editor tool arrive', async () => {
    const { fake, url } = await vertex();
    fake.script([reply, { ...reply, usage: { input: 10, output: 5, cacheWrite: 0, cacheRead: 900 } }]);
    const model = createModel(
      { provider: 'vertex', name: VERTEX_MODEL },
      {
        GOOGLE_APPLICATION_CREDENTIALS: tempFile('gha-creds.json', fake.externalAccountFile()),
        CLOUD_ML_REGION: 'us-east5',
        GOOGLE_CLOUD_PROJECT: 'acme-ml',
        ANTHROPIC_VERTEX_BASE_URL: `${url}/v1`,
      },
    );

    const first = await model.complete(request);
    const second = await model.complete(request);

    expect([model.provider, model.modelId]).toEqual(['vertex', VERTEX_MODEL]);
    expect(first.content).toEqual(reply.content);
    expect(second.usage.cacheReadTokens).toBe(900);
    expect(fake.requests.map((r) => r.path.split('?')[0])).toEqual([
      '/github-oidc',
      '/sts/v1/token',
      `/iam/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`,
      `/v1/projects/acme-ml/locations/us-east5/publishers/anthropic/models/${VERTEX_MODEL}:streamRawPredict`,
      `/v1/projects/acme-ml/locations/us-east5/publishers/anthropic/models/${VERTEX_MODEL}:streamRawPredict`,
    ]);
    const [call] = fake.modelCalls;
    expect(call?.headers['authorization']).toBe('Bearer ya29.vertex-test-1');
    expect(call?.headers['anthropic-version']).toBeUndefined();
    expectCachedToolsAndSystem(call?.json ?? {});
    expect(call?.json['stream']).toBe(true);
  });

  it('a service-account key: the signed JWT assertion is checked with its public key', async () => {
    const { fake, url } = await vertex();
    fake.script([reply]);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = {
      type: 'service_account',
      project_id: 'acme-ml',
      private_key_id: 'test-key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: SERVICE_ACCOUNT,
      client_id: '1234567890',
      token_uri: 'https://oauth2.googleapis.com/token',
    };
    // google-auth-library always asks Google's token endpoint for a service account.
    let claims: Record<string, unknown> = {};
    nock('https://oauth2.googleapis.com')
      .post('/token', (body: Record<string, string>) => {
        const [header = '', payload = '', signature = ''] = (body['assertion'] ?? '').split('.');
        const valid = verify(
          'RSA-SHA256',
          Buffer.from(`${header}.${payload}`),
          { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
          Buffer.from(signature, 'base64url'),
        );
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
        return valid && body['grant_type'] === 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      })
      .reply(200, () => {
        fake.issued.push('ya29.service-account-token');
        return { access_token: 'ya29.service-account-token', expires_in: 3600, token_type: 'Bearer' };
      });
    const model = createModel(
      { provider: 'vertex', name: VERTEX_MODEL, region: 'us-east5' },
      { GOOGLE_APPLICATION_CREDENTIALS: tempFile('key.json', key), ANTHROPIC_VERTEX_BASE_URL: `${url}/v1` },
    );

    expect((await model.complete(request)).content).toEqual(reply.content);
    expect(claims).toMatchObject({ iss: SERVICE_ACCOUNT, aud: 'https://oauth2.googleapis.com/token' });
    expect(String(claims['scope'])).toContain('https://www.googleapis.com/auth/cloud-platform');
    // The project comes from the key when nothing else names one.
    expect(fake.modelCalls[0]?.path).toContain('/projects/acme-ml/locations/us-east5/');
    expect(fake.modelCalls[0]?.headers['authorization']).toBe('Bearer ya29.service-account-token');
    // A self-check of the stand-in's verification: a JWT signed with another key does not verify.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = createSign('RSA-SHA256').update('a.b').sign(other, 'base64url');
    expect(verify('RSA-SHA256', Buffer.from('a.b'), publicKey, Buffer.from(forged, 'base64url'))).toBe(false);
  });

  it('credentials the chain refuses: an auth error that says what to give the job', async () => {
    const { fake, url } = await vertex();
    const file = { ...fake.externalAccountFile() };
    file['credential_source'] = {
      ...(file['credential_source'] as Record<string, unknown>),
      headers: { Authorization: 'Bearer expired-request-token' },
    };
    const model = createModel(
      { provider: 'vertex', name: VERTEX_MODEL, region: 'us-east5', project: 'acme-ml' },
      { GOOGLE_APPLICATION_CREDENTIALS: tempFile('gha-creds.json', file), ANTHROPIC_VERTEX_BASE_URL: `${url}/v1` },
      { maxRetries: 0 },
    );
    const error = await model.complete(request).catch((e: unknown) => e);
    expect(isModelError(error, 'auth')).toBe(true);
    expect((error as Error).message).toMatch(
      /^No credentials for Google Vertex AI: Failed to acquire Google OAuth credentials/,
    );
    expect((error as Error).message).toContain('google-github-actions/auth');
    expect(fake.modelCalls).toEqual([]);
  });

  it('refuses a run without a region before any request', () => {
    expect(() => createModel({ provider: 'vertex', name: VERTEX_MODEL }, {})).toThrow(
      'model.provider "vertex" needs a region: set model.region in .github/greenlight.yml, or CLOUD_ML_REGION',
    );
  });
});
