/**
 * Google Cloud for Claude on Vertex AI, on 127.0.0.1: the workload identity federation
 * chain that google-github-actions/auth sets up with OIDC — GitHub's OIDC token endpoint,
 * Google's security token service (STS) and the IAM credentials API that impersonates
 * the service account — and Vertex's `:streamRawPredict`, which answers the next
 * scripted message as server-sent events only to the access token the chain issued.
 * `externalAccountFile()` is the credentials file the auth action would write, with
 * every URL pointing here. Every request is recorded.
 */
import { createServer, type Server } from 'node:http';
import { messageStream, SSE_HEADERS, type ScriptedMessage } from '../../adapters/model/anthropic-sse.ts';

export interface VertexRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export const OIDC_REQUEST_TOKEN = 'gh-oidc-request-token-0123456789';
const OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.github-oidc-subject-token.signature';
const FEDERATED_TOKEN = 'sts-federated-token-0123456789';
export const SERVICE_ACCOUNT = 'greenlight@acme-ml.iam.gserviceaccount.com';
const AUDIENCE = '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/acme';

export class FakeVertex {
  readonly requests: VertexRequest[] = [];
  /** The access tokens the IAM stand-in issued; Vertex accepts only these. */
  readonly issued: string[] = [];
  #script: ScriptedMessage[] = [];
  #server: Server | null = null;
  #url = '';

  script(messages: ScriptedMessage[]): void {
    this.#script = [...messages];
  }

  /** The Vertex model calls, parsed, in order. */
  get modelCalls(): (VertexRequest & { json: Record<string, unknown> })[] {
    return this.requests
      .filter((r) => r.path.includes(':streamRawPredict'))
      .map((r) => ({ ...r, json: JSON.parse(r.body) as Record<string, unknown> }));
  }

  /** The external-account credentials file google-github-actions/auth writes, pointing at this server. */
  externalAccountFile(): Record<string, unknown> {
    return {
      type: 'external_account',
      audience: AUDIENCE,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${this.#url}/sts/v1/token`,
      service_account_impersonation_url: `${this.#url}/iam/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`,
      credential_source: {
        url: `${this.#url}/github-oidc?audience=${encodeURIComponent(`https:${AUDIENCE}`)}`,
        headers: { Authorization: `Bearer ${OIDC_REQUEST_TOKEN}` },
        format: { type: 'json', subject_token_field_name: 'value' },
      },
    };
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '';
        this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        const bearer = String(req.headers['authorization'] ?? '').replace(/^Bearer /i, '');
        if (path.startsWith('/github-oidc')) {
          if (bearer !== OIDC_REQUEST_TOKEN) return json(401, { message: 'bad OIDC request token' });
          return json(200, { value: OIDC_TOKEN });
        }
        if (path === '/sts/v1/token') {
          const form = new URLSearchParams(body);
          const ok =
            form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:token-exchange' &&
            form.get('subject_token') === OIDC_TOKEN &&
            form.get('audience') === AUDIENCE &&
            form.get('subject_token_type') === 'urn:ietf:params:oauth:token-type:jwt';
          if (!ok) return json(400, { error: 'invalid_grant', error_description: `unexpected exchange: ${body}` });
          return json(200, {
            access_token: FEDERATED_TOKEN,
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3600,
          });
        }
        if (path === `/iam/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`) {
          if (bearer !== FEDERATED_TOKEN) return json(401, { error: { message: 'not the federated token' } });
          const scope = (JSON.parse(body) as { scope?: string[] }).scope ?? [];
          if (!scope.includes('https://www.googleapis.com/auth/cloud-platform'))
            return json(400, { error: { message: `scope ${scope.join(' ')}` } });
          const token = `ya29.vertex-test-${this.issued.length + 1}`;
          this.issued.push(token);
          return json(200, { accessToken: token, expireTime: new Date(Date.now() + 3_600_000).toISOString() });
        }
        if (
          /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/[^/]+:streamRawPredict$/.test(path)
        ) {
          if (!this.issued.includes(bearer))
            return json(401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
          const next = this.#script.shift();
          if (next === undefined) return json(500, { error: { message: 'fake Vertex: the script ran out' } });
          res.writeHead(200, SSE_HEADERS);
          res.end(messageStream(next));
          return;
        }
        json(404, { error: { message: `fake Vertex: no route for ${req.method} ${path}` } });
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.#url = `http://127.0.0.1:${address.port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#server === null ? resolve() : this.#server.close(() => resolve())));
  }
}
