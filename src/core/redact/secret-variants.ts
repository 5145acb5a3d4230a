/**
 * The spellings of a secret value that can show up in output or in a change: the value
 * itself, its URL-encoded and JSON-escaped forms, its base64 / base64url forms, its
 * bytes in hex, and the value reversed. A secret inside a larger base64 blob (an
 * `Authorization: Basic` header, a git extraheader) encodes differently depending on
 * its byte offset modulo 3, so each of the three alignments contributes the run of
 * characters that depends on the secret alone.
 */

/** Base64 variants shorter than this are not used: they would match by chance. */
export const MIN_VARIANT_LENGTH = 8;

// Characters of a base64 text that depend only on the secret, for 0, 1 or 2 bytes
// of unrelated data before it.
const SKIP_CHARS = [0, 2, 3] as const;

export type SecretSpelling = 'as is' | 'URL-encoded' | 'JSON-escaped' | 'base64' | 'base64url' | 'hex' | 'reversed';

export interface SecretVariant {
  text: string;
  spelling: SecretSpelling;
}

/** All variants worth searching for, with how each is spelled, longest first, each text once. */
export function secretSpellings(secret: string): SecretVariant[] {
  const variants = new Map<string, SecretSpelling>();
  const add = (text: string, spelling: SecretSpelling): void => {
    if (text.length > 0 && !variants.has(text)) variants.set(text, spelling);
  };
  add(secret, 'as is');
  add(encodeURIComponent(secret), 'URL-encoded');
  add(JSON.stringify(secret).slice(1, -1), 'JSON-escaped');
  const bytes = new TextEncoder().encode(secret);
  for (const [offset, skip] of SKIP_CHARS.entries()) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const determined = Math.floor((padded.length * 8) / 6);
    const core = toBase64(padded).slice(skip, determined);
    if (core.length >= MIN_VARIANT_LENGTH) {
      add(core, 'base64');
      add(core.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
    }
  }
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  add(hex, 'hex');
  add(hex.toUpperCase(), 'hex');
  add([...secret].reverse().join(''), 'reversed');
  return [...variants].map(([text, spelling]) => ({ text, spelling })).sort((a, b) => b.text.length - a.text.length);
}

/** All variants worth searching for, longest first, duplicates removed. */
export function secretVariants(secret: string): string[] {
  return secretSpellings(secret).map((variant) => variant.text);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without padding (core code cannot use Buffer). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    if (c !== undefined) out += ALPHABET[c & 63];
  }
  return out;
}
