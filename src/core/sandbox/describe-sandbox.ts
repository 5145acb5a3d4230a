/**
 * One line saying which sandbox is in force (docs/security.md §17), for the job summary, the
 * PR body, the progress comment and the CLI. Warnings are never dropped: a weaker
 * sandbox must be loud in every report.
 */
import type { LimitMechanism, SandboxInfo } from '../../ports/sandbox.ts';

export type DescribeFormat = 'text' | 'markdown';

/**
 * @example
 * describeSandbox(info)
 * // 'sandbox: bwrap, network off; limits: time 15 min, memory 4096 MB (cgroup), 1024 processes (cgroup),
 * //  writes 2048 MB and 20000 files (watched), output 4 MB per stream'
 * // plus a line on who commands run as, when the driver says (e.g. a root engine's unprivileged user)
 * describeSandbox(info, 'markdown') // '**Sandbox:** `bwrap` · network off · …' plus a > [!WARNING] block per warning
 */
export function describeSandbox(info: SandboxInfo, format: DescribeFormat = 'text'): string {
  const { limits } = info;
  const network = info.networkIsolation ? 'network off' : 'network NOT isolated';
  const memory = `memory ${limits.memoryMb} MB${mechanism(info.enforcement?.memory)}`;
  const pids = `${limits.maxPids} processes${mechanism(info.enforcement?.pids)}`;
  const writes = `writes ${limits.maxDiskMb} MB and ${limits.maxFiles} files${info.enforcement?.disk === undefined ? '' : ` (${info.enforcement.disk})`}`;
  const parts = [
    `time ${formatDuration(limits.timeoutMs)}`,
    memory,
    pids,
    writes,
    `output ${formatBytes(limits.maxOutputBytes)} per stream`,
  ];
  if (format === 'markdown') {
    const line = `**Sandbox:** \`${info.driver}\` · ${network} · ${parts.join(' · ')}`;
    const identity = info.identity === undefined ? '' : `\n\n${oneLine(info.identity)}`;
    const warnings = info.warnings.map((warning) => `\n\n> [!WARNING]\n> ${oneLine(warning)}`);
    return line + identity + warnings.join('');
  }
  const line = `sandbox: ${info.driver}, ${network}; limits: ${parts.join(', ')}`;
  return [
    line,
    ...(info.identity === undefined ? [] : [oneLine(info.identity)]),
    ...info.warnings.map((warning) => `WARNING: ${oneLine(warning)}`),
  ].join('\n');
}

function mechanism(value: LimitMechanism | undefined): string {
  if (value === undefined) return '';
  return value === 'none' ? ' (NOT enforced)' : ` (${value})`;
}

/** `900000` → `15 min`, `30000` → `30 s`, `250` → `250 ms`. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000) return `${Math.round(ms / 100) / 10} s`;
  return `${ms} ms`;
}

/** Decimal units, as the config documents them: `4000000` → `4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${round(bytes / 1e9)} GB`;
  if (bytes >= 1e6) return `${round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${round(bytes / 1e3)} kB`;
  return `${bytes} bytes`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
