/**
 * CI repair reads a failed job's log and keeps its relevant part. A job log can be tens
 * of megabytes (a chatty test suite), so the log is read as a stream keeping only its
 * last MB (`readLogTail`), and the excerpt (`excerptJobLog`) is cut from that MB. Both
 * run once per failed job, before the model's first turn.
 *
 * Figures, measured in this run: memory a 50 MB log's read keeps (after collection; the
 * peak, garbage included, is printed too), keeping its end against reading it whole (the
 * ratio is the point: target ≤ 0.05x); and the excerpt of a 1 MB log (target ≤ 100 ms).
 *
 *   node --expose-gc bench/repair.bench.ts
 */
import { readLogTail } from '../src/adapters/github/read-log-tail.ts';
import { excerptJobLog } from '../src/core/repair/excerpt-job-log.ts';
import { spread, verdict } from './verdict.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function logLines(bytes: number): string[] {
  const lines = ['2025-06-30T10:00:00.0000000Z ##[group]Run npm test', '2025-06-30T10:00:00.0000000Z ##[endgroup]'];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const line = `2025-06-30T10:00:${String(i % 60).padStart(2, '0')}.0000000Z ${i % 499 === 0 ? '✖' : '✔'} test ${i} renders the invoice table (${i % 17} ms)`;
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('2025-06-30T10:09:59.0000000Z ##[error]Process completed with exit code 1.');
  return lines;
}

/** A stream of `total` bytes of log, in 64 KB chunks, made as it is read. */
function logStream(total: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(
    `${logLines(64 * 1024)
      .slice(2)
      .join('\n')}\n`,
  );
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      controller.enqueue(chunk.slice());
      sent += chunk.byteLength;
    },
  });
}

const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;

/** Memory the read's result keeps after collection, and the highest sample while it ran (garbage included). */
async function memoryOf(read: () => Promise<unknown>): Promise<{ retained: number; peak: number }> {
  gc();
  gc();
  const before = used();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, used() - before)), 1);
  const result = await read();
  clearInterval(timer);
  peak = Math.max(peak, used() - before);
  gc();
  gc();
  const retained = Math.max(0, used() - before);
  if (result === undefined) throw new Error('nothing read');
  return { retained, peak };
}

const TOTAL = 50_000_000;
const tail = await memoryOf(() => readLogTail(logStream(TOTAL), 1_000_000));
const whole = await memoryOf(async () => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of logStream(TOTAL) as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
});
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = tail.retained / whole.retained;
console.log(
  `reading a 50 MB job log: keeping its last MB retains ${mb(tail.retained)} (peak ${mb(tail.peak)}), reading it whole ${mb(whole.retained)} (peak ${mb(whole.peak)}): ${ratio.toFixed(3)}x`,
);
const memoryMet = verdict(
  'job log read, memory kept against a whole read',
  `${ratio.toFixed(3)}x`,
  '≤ 0.05x',
  ratio <= 0.05,
);

const log = logLines(1_000_000).join('\n');
excerptJobLog(log, ['Run npm test']); // warm-up
const times: number[] = [];
for (let run = 0; run < 7; run += 1) {
  const started = performance.now();
  excerptJobLog(log, ['Run npm test']);
  times.push(performance.now() - started);
}
const { min, median, max } = spread(times);
console.log(
  `excerpt of a 1 MB job log: median ${median.toFixed(1)} ms (min ${min.toFixed(1)}, max ${max.toFixed(1)}, 7 runs)`,
);
const timeMet = verdict('excerpt of a 1 MB job log', `${median.toFixed(1)} ms`, '≤ 100 ms', median <= 100);
process.exitCode = memoryMet && timeMet ? 0 : 1;
