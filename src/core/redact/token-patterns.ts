/**
 * Common credential shapes, redacted even when greenlight was never told the value
 * (docs/security.md §26). `group` names the capture group that holds the secret when the
 * surrounding text (a header name, a key name) should stay readable.
 */

export interface TokenPattern {
  name: string;
  regex: RegExp;
  /** Capture group holding the secret; the whole match when unset. */
  group?: number;
  /**
   * Found by what surrounds it (a header name, `user:pass@`, a JWT's shape) rather than by
   * a shape only credentials have: common in test fixtures (`Authorization: Bearer test`),
   * so the publish scan (TOKEN_SHAPES) leaves it out; redaction keeps it.
   */
  contextual?: true;
}

export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  // A cut-off key block is redacted to the end of the text: fail closed.
  {
    name: 'private-key',
    regex: /-----BEGIN[ A-Z0-9]*PRIVATE KEY-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY-----|$)/g,
  },
  { name: 'github-token', regex: /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})/g },
  { name: 'anthropic-key', regex: /\bsk-ant-[A-Za-z0-9_-]{12,}/g },
  { name: 'openai-key', regex: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'aws-access-key-id', regex: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/g },
  {
    name: 'aws-secret-key',
    regex:
      /(aws_?secret(?:_?access)?_?key|secret_?access_?key)(["']?\s*[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/dgi,
    group: 3,
  },
  {
    name: 'authorization',
    regex: /\b((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:bearer|basic|token|digest)\s+)([^\s"',;]+)/dgi,
    group: 2,
    contextual: true,
  },
  {
    name: 'api-key-header',
    regex: /\b(x-api-key|x-auth-token|private-token)(["']?\s*:\s*["']?)([^\s"',;]{8,})/dgi,
    group: 3,
    contextual: true,
  },
  {
    name: 'url-credentials',
    regex: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)@/dgi,
    group: 2,
    contextual: true,
  },
  { name: 'jwt', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, contextual: true },
  { name: 'slack-token', regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { name: 'npm-token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'google-api-key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/g },
];

/** The shapes only credentials have: what the publish scan looks for besides the job's own secrets. */
export const TOKEN_SHAPES: readonly TokenPattern[] = TOKEN_PATTERNS.filter((pattern) => pattern.contextual !== true);
