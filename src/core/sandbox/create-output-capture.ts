/**
 * Bounded capture of one output stream: the first half of the budget is kept as the
 * head, the last half as the tail, and the middle is replaced by a visible marker that
 * says how much was cut. Memory stays O(limit) however much the child prints.
 */
import type { CapturedOutput } from '../../ports/sandbox.ts';

export interface OutputCapture {
  /** Append a chunk as it arrives from the child. */
  push(chunk: Uint8Array): void;
  /** Bytes received so far, including the part that will be cut. */
  readonly bytes: number;
  /** The captured text (UTF-8, cut on character boundaries). */
  finish(): CapturedOutput;
}

/** The marker placed where bytes were cut; keeps the count visible in reports. */
export function cutMarker(cutBytes: number): string {
  return `\n[… greenlight cut ${cutBytes} bytes of output here …]\n`;
}

/**
 * Create a capture that keeps at most `limitBytes` bytes (head + tail).
 *
 * @example
 * const out = createOutputCapture(1_000_000);
 * child.stdout.on('data', (b) => out.push(b));
 * // later: out.finish() → { text, bytes, truncated }
 */
export function createOutputCapture(limitBytes: number): OutputCapture {
  const headLimit = Math.ceil(Math.max(0, limitBytes) / 2);
  const tailLimit = Math.max(0, limitBytes) - headLimit;
  const head = new Uint8Array(headLimit);
  let headLength = 0;
  let tailChunks: Uint8Array[] = [];
  let tailLength = 0;
  let total = 0;

  const trimTail = (): void => {
    // Only compact when the tail holds well over its budget, so trimming stays amortized O(1).
    if (tailLength <= tailLimit * 2 + 65_536) return;
    const joined = concat(tailChunks, tailLength);
    const kept = joined.slice(joined.length - tailLimit);
    tailChunks = [kept];
    tailLength = kept.length;
  };

  return {
    push(chunk: Uint8Array): void {
      total += chunk.length;
      let rest = chunk;
      if (headLength < headLimit) {
        const take = Math.min(headLimit - headLength, rest.length);
        head.set(rest.subarray(0, take), headLength);
        headLength += take;
        rest = rest.subarray(take);
      }
      if (rest.length === 0) return;
      tailChunks.push(rest.slice());
      tailLength += rest.length;
      trimTail();
    },
    get bytes(): number {
      return total;
    },
    finish(): CapturedOutput {
      const tailAll = concat(tailChunks, tailLength);
      const tail = tailAll.subarray(Math.max(0, tailAll.length - tailLimit));
      const cut = total - headLength - tail.length;
      const decoder = new TextDecoder('utf-8');
      if (cut <= 0) {
        return {
          text: decoder.decode(concat([head.subarray(0, headLength), tail], headLength + tail.length)),
          bytes: total,
          truncated: false,
        };
      }
      const headEnd = lastCharBoundary(head, headLength);
      const tailStart = firstCharBoundary(tail);
      const cutBytes = cut + (headLength - headEnd) + tailStart;
      const text =
        decoder.decode(head.subarray(0, headEnd)) + cutMarker(cutBytes) + decoder.decode(tail.subarray(tailStart));
      return { text, bytes: total, truncated: true };
    },
  };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** Length of `bytes[0, length)` without a trailing incomplete UTF-8 sequence. */
function lastCharBoundary(bytes: Uint8Array, length: number): number {
  let start = length;
  while (start > 0 && length - start < 4 && isContinuation(bytes[start - 1])) start -= 1;
  if (start === 0) return length;
  const lead = bytes[start - 1] ?? 0;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  const have = length - (start - 1);
  return need > have ? start - 1 : length;
}

/** Index of the first byte that starts a UTF-8 character. */
function firstCharBoundary(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length && index < 4 && isContinuation(bytes[index])) index += 1;
  return index;
}
