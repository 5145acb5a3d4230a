/** Plain text for `greenlight classify --explain FILE` (explain-file.ts). */
import type { FileExplanation } from './explain-file.ts';

const MARK = { matched: 'yes', 'not-matched': 'no', 'not-applied': '—' } as const;
const EVIDENCE_MARK = (agrees: boolean | null) => (agrees === true ? '+' : agrees === false ? '-' : '·');

/**
 * The decision first, then one line per rule in the order they were considered, then
 * the content rule's findings when it judged the file.
 */
export function renderExplanation(explanation: FileExplanation): string {
  const { file, rules, evidence } = explanation;
  const moved = file.previousPath ? ` (renamed from ${file.previousPath})` : '';
  const lines = [
    `${file.path}${moved}: ${file.tier}, decided by ${file.rule} [${file.category}]`,
    `  ${file.reason}`,
    '',
    'rules considered, in order (built-in, the content rule, the default, then risk.rules):',
  ];
  const nameWidth = Math.max(...rules.map((r) => r.rule.length));
  const tierWidth = Math.max(...rules.map((r) => r.tier.length));
  for (const r of rules) {
    const origin = r.origin === 'config' ? ' (risk.rules)' : '';
    lines.push(
      `  ${MARK[r.outcome].padEnd(3)}  ${r.tier.padEnd(tierWidth)}  ${r.rule.padEnd(nameWidth)}  ${r.why}${origin}`,
    );
  }
  if (evidence.length > 0) {
    lines.push('', 'content evidence (+ agrees, - stands against, · says nothing):');
    for (const finding of evidence) lines.push(`  ${EVIDENCE_MARK(finding.agrees)} ${finding.text}`);
  }
  return `${lines.join('\n')}\n`;
}
