/**
 * The spellings of a secret value that can show up in output: the value itself, its
 * URL-encoded and JSON-escaped forms, and its base64 / base64url forms. A secret
 * inside a larger base64 blob (an `Authorization: Basic` header, a git extraheader)
 * encodes differently depending on its byte offset modulo 3, so each of the three
 * alignments contributes the run of characters that depends on the secret alone.
 */

/** Base64 variants shorter than this are not used: they would match by chance. */
export const MIN_VARIANT_LENGTH = 8;

// Characters of a base64 text that depend only on the secret, for 0, 1 or 2 bytes
// of unrelated data before it.
const SKIP_CHARS = [0, 2, 3] as const;

/** All variants worth searching for, longest first, duplicates removed. */
export function secretVariants(secret: string): string[] {
  const variants = new Set<string>([secret]);
  const uriEncoded = encodeURIComponent(secret);
  variants.add(uriEncoded);
  variants.add(JSON.stringify(secret).slice(1, -1));
  const bytes = new TextEncoder().encode(secret);
  for (const [offset, skip] of SKIP_CHARS.entries()) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const determined = Math.floor((padded.length * 8) / 6);
    const core = toBase64(padded).slice(skip, determined);
    if (core.length >= MIN_VARIANT_LENGTH) {
      variants.add(core);
      variants.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...variants].filter((variant) => variant.length > 0).sort((a, b) => b.length - a.length);
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
