import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config/repo-config.ts';
import { MAX_BODY, publishBody } from '../../../src/core/publish/publish-body.ts';
import { createRedactor } from '../../../src/core/redact/create-redactor.ts';
import type { RiskAssessment } from '../../../src/core/risk/assessment.ts';

const TOKEN = 'ghs_0123456789abcdefghijABCDEFGHIJ012345';
const redactor = createRedactor({ secrets: [TOKEN] });
const review = defaultConfig().review;
const critical: RiskAssessment = {
  tier: 'critical',
  files: [
    {
      path: 'db/migrations/001.sql',
      status: 'added',
      tier: 'critical',
      category: 'migration',
      rule: 'migration-folder',
      reason: 'database migration',
      matched: ['migration-folder'],
    },
  ],
  overridesApplied: [],
};

describe('publishBody', () => {
  it('is the redacted report when the tiers agree', () => {
    const body = publishBody({
      reportMarkdown: `## Report\n\nleaked ${TOKEN}\n`,
      redactor,
      risk: { ...critical },
      claimedTier: 'critical',
      review,
    });
    expect(body).toBe('## Report\n\nleaked [REDACTED]\n');
  });

  it('warns on top and appends its own risk section when the claim was lower', () => {
    const body = publishBody({
      reportMarkdown: '## Report\n\n### Risk: `low`\n',
      redactor,
      risk: critical,
      claimedTier: 'low',
      review,
    });
    expect(
      body.startsWith(
        '> [!WARNING]\n> The publish step classified this change as **`critical`**; the report below was written for `low`.',
      ),
    ).toBe(true);
    expect(body).toContain('### Risk (publish step): `critical`');
    expect(body).toContain('`db/migrations/001.sql`');
  });

  it("fits GitHub's limit and keeps the publish step's risk section", () => {
    const body = publishBody({
      reportMarkdown: 'x'.repeat(200_000),
      redactor,
      risk: critical,
      claimedTier: 'low',
      review,
    });
    expect(body.length).toBeLessThanOrEqual(MAX_BODY + 1);
    expect(body).toContain('the report was cut');
    expect(body).toContain('### Risk (publish step): `critical`');
  });

  it('ends with the evidence section, redacted, which a cut never reaches', () => {
    const evidence = `### Evidence\n\n| Commit | \`abc\` |\n| Token | ${TOKEN} |`;
    const short = publishBody({
      reportMarkdown: '## Report\n',
      redactor,
      risk: critical,
      claimedTier: 'critical',
      review,
      evidence,
    });
    expect(short).toBe('## Report\n\n### Evidence\n\n| Commit | `abc` |\n| Token | [REDACTED] |\n');
    const long = publishBody({
      reportMarkdown: 'x'.repeat(200_000),
      redactor,
      risk: critical,
      claimedTier: 'low',
      review,
      evidence,
    });
    expect(long.length).toBeLessThanOrEqual(MAX_BODY + 1);
    expect(long).toContain('the report was cut');
    expect(long.endsWith('### Evidence\n\n| Commit | `abc` |\n| Token | [REDACTED] |\n')).toBe(true);
    expect(long.indexOf('### Risk (publish step)')).toBeLessThan(long.indexOf('### Evidence'));
  });
});
