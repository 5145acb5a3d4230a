/** A risk assessment as the audit log records it for the evidence record: the tier and each file's deciding rule and reason. */
import type { AuditEvent } from '../../ports/audit.ts';
import type { RiskAssessment } from '../risk/assessment.ts';

/**
 * @example
 * audit.write(riskRecord(assessment, 'publish'));
 */
export function riskRecord(risk: RiskAssessment, source: 'job' | 'publish'): Extract<AuditEvent, { kind: 'risk' }> {
  return {
    kind: 'risk',
    source,
    tier: risk.tier,
    files: risk.files.map((f) => ({ path: f.path, tier: f.tier, rule: f.rule, reason: f.reason })),
  };
}
