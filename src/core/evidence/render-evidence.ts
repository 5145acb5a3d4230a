/**
 * The evidence section that ends every pull-request body and `/fix` comment: the
 * evidence record (built from the audit log by `buildEvidence`) as markdown, short at
 * the top and with every command in a collapsed table. It never grows past a bound,
 * so a body cut to GitHub's limit keeps it whole.
 */
import { cell, formatCount, formatDuration, formatUsd, inlineCode, plural } from '../report/format.ts';
import type { Evidence } from './evidence.ts';

/** Where the JSON form of the record goes (an Action output names its path). */
export const EVIDENCE_FILE = 'greenlight-evidence.json';
const MAX_COMMANDS = 40;
const MAX_FILES = 30;

/**
 * @example
 * renderEvidence(buildEvidence(records))
 * // '### Evidence\n\nBuilt by the engine from its audit log …\n\n| Commit | `1a2b3c4d5e6f` … |…'
 */
export function renderEvidence(evidence: Evidence): string {
  const rows: [string, string][] = [
    ['Commit', commitCell(evidence)],
    ['Tests before → after', `${totals(evidence.tests.before)} → ${totals(evidence.tests.after)}`],
    [
      evidence.failBeforeFix?.expectation === 'pass' ? 'New tests on the code before' : 'Fails before the fix',
      beforeFixCell(evidence),
    ],
    ['Reruns', rerunsCell(evidence)],
    ['Coverage', coverageCell(evidence)],
    ['Rounds', roundsCell(evidence)],
    [
      'Model calls',
      evidence.run === null
        ? formatCount(evidence.modelCalls)
        : `${formatCount(evidence.modelCalls)} to ${inlineCode(evidence.run.model)}${evidence.run.provider === null ? '' : ` (${evidence.run.provider})`}`,
    ],
    [
      'Tokens',
      `${formatCount(evidence.tokens.total)} (input ${formatCount(evidence.tokens.input)}, output ${formatCount(evidence.tokens.output)}, cache write ${formatCount(evidence.tokens.cacheWrite)}, cache read ${formatCount(evidence.tokens.cacheRead)})`,
    ],
    ['Cost', evidence.costUsd === null ? 'unpriced (a model call had no price)' : formatUsd(evidence.costUsd)],
    [
      'Test time',
      `${formatDuration(evidence.testMinutes * 60_000)} in ${plural(evidence.commands.filter((c) => c.purpose !== 'install').length, 'test command')}`,
    ],
    ['Sandbox', sandboxCell(evidence)],
    ['Risk', riskCell(evidence)],
  ];
  const parts = [
    '### Evidence',
    '',
    `Built by the engine from its audit log (${plural(evidence.auditLog.records, 'record')}${evidence.auditLog.truncatedTail ? ', the last one cut off' : ''}), not from anything the model wrote; the same record is the workflow's \`${EVIDENCE_FILE}\`.`,
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
  ];
  if (evidence.failBeforeFix !== null && evidence.failBeforeFix.tests.length > 0)
    parts.push('', beforeFixTable(evidence.failBeforeFix));
  if (evidence.commands.length > 0) parts.push('', commandsTable(evidence));
  if (evidence.risk !== null && evidence.risk.files.length > 0) parts.push('', riskTable(evidence));
  return parts.join('\n');
}

function commitCell(e: Evidence): string {
  if (e.commit === null) return 'none: nothing was committed';
  const what = { 'pull-request': '', fix: ', a fix', 'work-in-progress': ', unverified work in progress' }[
    e.commit.role
  ];
  return `${inlineCode(e.commit.sha.slice(0, 12))} on ${cell(inlineCode(e.commit.branch))}, parent ${inlineCode(e.commit.parent.slice(0, 12))}${what}${e.commit.pushed ? '' : ' (not pushed)'}`;
}

function totals(t: Evidence['tests']['before']): string {
  if (t === null) return 'not run';
  const failing = t.failed + t.errored;
  return `${formatCount(t.passed)} passed, ${formatCount(failing)} failing${t.skipped > 0 ? `, ${formatCount(t.skipped)} skipped` : ''}`;
}

function beforeFixCell(e: Evidence): string {
  const b = e.failBeforeFix;
  if (b === null) return 'not checked (no change was verified)';
  if (b.tests.length === 0) return `no new or changed test${b.required ? '; required, so not verified' : ''}`;
  const fails = b.tests.filter((t) => t.before !== 'passed' && t.before !== 'skipped').length;
  const of = `${formatCount(fails)} of ${plural(b.tests.length, 'new or changed test')} ${fails === 1 ? 'fails' : 'fail'} on the base`;
  if (b.timedOut) return `${of}; the run timed out, so it proves nothing`;
  if (b.expectation === 'pass') return `${of}${b.met ? ': all pass, as tests of existing code should' : ''}`;
  return `**${b.met ? 'yes' : 'no'}**: ${of}${b.required ? ' (required)' : ''}`;
}

/** Per test, the answer the check gives: "fails before the fix: yes/no" (or, for tests of existing code, "passes"). */
function beforeFixTable(b: NonNullable<Evidence['failBeforeFix']>): string {
  const fix = b.expectation === 'fail';
  const rows = b.tests.slice(0, MAX_FILES).map((t) => {
    const fails = t.before !== 'passed' && t.before !== 'skipped';
    const how = t.before === 'missing' ? 'did not run' : t.before;
    return `| ${cell(inlineCode(t.id))} | ${fails === fix ? '**yes**' : 'no'} (${how}) |`;
  });
  return [
    `| New or changed test | ${fix ? 'Fails before the fix' : 'Passes on the code before'} |`,
    '| --- | --- |',
    ...rows,
    ...(b.tests.length > MAX_FILES ? ['', `…and ${b.tests.length - MAX_FILES} more in the JSON record.`] : []),
  ].join('\n');
}

function rerunsCell(e: Evidence): string {
  const r = e.reruns;
  if (r === null) return 'not run';
  if (r.count === 0 || r.tests.length === 0) return r.count === 0 ? 'off' : 'no new or changed tests';
  const flaky = r.flaky.length === 0 ? 'none flaky' : `flaky: ${r.flaky.map(inlineCode).join(', ')}`;
  return cell(
    `${plural(r.tests.length, 'test')} × ${r.count}; ${flaky}${r.droppedFiles.length > 0 ? `; dropped ${r.droppedFiles.map(inlineCode).join(', ')}` : ''}`,
  );
}

function coverageCell(e: Evidence): string {
  const c = e.coverage;
  if (c === null) return 'not measured';
  const sign = c.deltaPercent >= 0 ? '+' : '';
  return `${c.beforePercent.toFixed(1)}% → ${c.afterPercent.toFixed(1)}% (${sign}${c.deltaPercent.toFixed(1)} points; ${c.raised ? 'raised' : 'not raised'})`;
}

function roundsCell(e: Evidence): string {
  if (e.rounds.length === 0) return 'none';
  return e.rounds.map((r) => `${r.round}: ${r.result}`).join('; ');
}

function sandboxCell(e: Evidence): string {
  const s = e.sandbox;
  if (s === null) return 'not recorded';
  const how = s.enforcement;
  const enforced =
    how === null
      ? ''
      : ` (memory: ${how.memory}, processes: ${how.pids}${how.disk === null ? '' : `, writes: ${how.disk}`})`;
  const writes =
    s.limits.maxDiskMb === null || s.limits.maxFiles === null
      ? ''
      : `, writes up to ${formatCount(s.limits.maxDiskMb)} MB and ${formatCount(s.limits.maxFiles)} files`;
  // The identity is a paragraph (the report's Sandbox section shows it); the JSON keeps it.
  const warn = s.warnings.length > 0 ? `; **${plural(s.warnings.length, 'warning')}**` : '';
  return `${inlineCode(s.driver)}, network ${s.network}; ${formatDuration(s.limits.timeoutMs)} per command, ${formatCount(s.limits.memoryMb)} MB, ${formatCount(s.limits.maxPids)} processes${writes}${enforced}${warn}`;
}

function riskCell(e: Evidence): string {
  if (e.risk === null) return 'not classified';
  return `${inlineCode(e.risk.tier)}${e.risk.source === 'publish' ? " (the publish step's own classification)" : ''}`;
}

function commandsTable(e: Evidence): string {
  const rows = e.commands.slice(0, MAX_COMMANDS).map((c) => {
    const tests = c.tests === null ? '—' : `${formatCount(c.tests.passed)}/${formatCount(c.tests.total)} passed`;
    const exit = c.timedOut ? 'timed out' : c.exitCode === null ? 'killed' : String(c.exitCode);
    const took = c.durationMs === null ? '—' : formatDuration(c.durationMs);
    return `| ${cell(inlineCode(c.command.length > 200 ? `${c.command.slice(0, 200)}…` : c.command))} | ${c.purpose ?? '—'} | ${exit} | ${took} | ${tests} |`;
  });
  const more =
    e.commands.length > MAX_COMMANDS ? ['', `…and ${e.commands.length - MAX_COMMANDS} more in the JSON record.`] : [];
  return [
    `<details><summary>Commands the engine ran (${formatCount(e.commands.length)})</summary>`,
    '',
    '| Command | For | Exit | Took | Tests |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows,
    ...more,
    '',
    '</details>',
  ].join('\n');
}

function riskTable(e: Evidence): string {
  const files = e.risk?.files ?? [];
  const rows = files
    .slice(0, MAX_FILES)
    .map(
      (f) =>
        `| ${cell(inlineCode(f.path))} | ${f.tier} | ${cell(inlineCode(f.rule))} | ${cell(f.reason.replace(/\r?\n/g, ' '))} |`,
    );
  return [
    `<details><summary>Risk, per file (${formatCount(files.length)})</summary>`,
    '',
    '| File | Tier | Rule | Reason |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(files.length > MAX_FILES ? ['', `…and ${files.length - MAX_FILES} more in the JSON record.`] : []),
    '',
    '</details>',
  ].join('\n');
}
