/**
 * The end of a log read as a stream: at most `maxBytes`, cut at a line start, so that a
 * job that printed gigabytes costs memory in proportion to what is kept. The end of a
 * job's log is where its failing step and its errors are (docs/architecture.md "CI repair").
 */
import type { JobLog } from '../../ports/forge.ts';

/**
 * @example
 * const { text, truncated } = await readLogTail(response.body, 1_000_000);
 */
export async function readLogTail(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<JobLog> {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let dropped = false;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    kept += chunk.byteLength;
    while (chunks.length > 1 && kept - (chunks[0]?.byteLength ?? 0) >= maxBytes) {
      kept -= chunks.shift()?.byteLength ?? 0;
      dropped = true;
    }
  }
  let bytes = Buffer.concat(chunks);
  if (bytes.byteLength > maxBytes) {
    bytes = bytes.subarray(bytes.byteLength - maxBytes);
    dropped = true;
  }
  let text = bytes.toString('utf8');
  if (dropped) {
    // The first line is cut somewhere in its middle (perhaps in a character): drop it.
    const newline = text.indexOf('\n');
    text = newline < 0 ? '' : text.slice(newline + 1);
  }
  return { text, truncated: dropped };
}
