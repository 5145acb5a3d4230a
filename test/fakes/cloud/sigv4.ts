/**
 * AWS Signature Version 4, recomputed from the AWS specification for a request as a
 * server received it, so that a stand-in for Bedrock can check what the SDK signed:
 * method, path, query, the signed headers and the exact body bytes.
 */
import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query as they arrived (`req.url`). */
  url: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type SignatureCheck =
  { ok: true; region: string; service: string; signedHeaders: string[] } | { ok: false; why: string };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 percent-encoding, as SigV4 asks for: everything but A-Z a-z 0-9 - _ . ~. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Checks the `Authorization` header against the signature recomputed with `credentials`. */
export function checkSigV4(request: ReceivedRequest, credentials: AwsCredentials): SignatureCheck {
  const auth = String(request.headers['authorization'] ?? '');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (match === null) return { ok: false, why: `not a SigV4 Authorization header: ${auth.slice(0, 60)}` };
  const [, keyId = '', date = '', region = '', service = '', signedList = '', signature = ''] = match;
  if (keyId !== credentials.accessKeyId) return { ok: false, why: `signed with access key ${keyId}` };
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) return { ok: false, why: `x-amz-date ${amzDate} is not of ${date}` };
  const signedHeaders = signedList.split(';');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) return { ok: false, why: `${required} is not signed` };
  }
  if (credentials.sessionToken !== undefined) {
    if (request.headers['x-amz-security-token'] !== credentials.sessionToken)
      return { ok: false, why: 'the session token is missing or wrong' };
    if (!signedHeaders.includes('x-amz-security-token')) return { ok: false, why: 'the session token is not signed' };
  }

  const url = new URL(request.url, 'http://stand-in');
  // Each segment of the path as sent, encoded once more (every service but S3).
  const canonicalPath = url.pathname
    .split('/')
    .map((segment) => uriEncode(segment))
    .join('/');
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = request.headers[name];
      const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
      return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedList,
    sha256(request.body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (expected !== signature) return { ok: false, why: 'the signature does not match the request' };
  return { ok: true, region, service, signedHeaders };
}
