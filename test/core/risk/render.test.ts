import { describe, expect, it } from 'vitest';
import { defaultConfig, RepoConfig } from '../../../src/core/config/repo-config.ts';
import { classifyRisk } from '../../../src/core/risk/classify-risk.ts';
import { describeReview } from '../../../src/core/risk/describe-review.ts';
import { renderRiskMarkdown } from '../../../src/core/risk/render-risk-markdown.ts';
import { renderRiskText } from '../../../src/core/risk/render-risk-text.ts';
import { added, modified, renamed } from './changes.ts';

const review = defaultConfig().review;

describe('describeReview', () => {
  it.each([
    ['low', 'no approval required'],
    ['low-medium', 'no approval required, except spot checks: 20% of pull requests need 1 approval'],
    ['medium', '1 approval on the latest commit from people with write access other than the requester'],
    [
      'high',
      '2 approvals on the latest commit from people with write access other than the requester; opened as a draft',
    ],
    [
      'critical',
      '2 approvals on the latest commit from people with write access other than the requester, including a code owner; opened as a draft',
    ],
  ] as const)('%s (defaults)', (tier, text) => {
    expect(describeReview(tier, review[tier])).toBe(text);
  });

  it('mentions auto-merge only for low, and the reviewers asked', () => {
    const custom = RepoConfig.parse({
      review: {
        low: { approvals: 0, autoMerge: true },
        medium: { approvals: 1, autoMerge: true, reviewers: ['alice'], teams: ['acme/dba'] },
      },
    }).review;
    expect(describeReview('low', custom.low)).toBe('no approval required; auto-merge enabled');
    expect(describeReview('medium', custom.medium)).toContain('review requested from @alice, team acme/dba');
    expect(describeReview('medium', custom.medium)).not.toContain('auto-merge');
  });
});

describe('renderRiskMarkdown', () => {
  it('renders tier, review, validation, a table riskiest first, and overrides', () => {
    const risk = RepoConfig.parse({
      risk: { overrides: [{ rule: 'lockfile', tier: 'medium', reason: 'Renovate | bot updates only' }] },
    }).risk;
    const assessment = classifyRisk(
      [
        modified('README.md', 'docs'),
        added('db/migrate/20240101_add_users.rb', 'def change; end'),
        modified('yarn.lock', 'x'),
        renamed('src/a|b.ts', 'src/api.gen.ts', 'x'),
      ],
      { risk },
    );
    expect(renderRiskMarkdown(assessment, review)).toBe(
      [
        '### Risk: `critical`',
        '',
        '**Review needed:** 2 approvals on the latest commit from people with write access other than the requester, including a code owner; opened as a draft.',
        '**Validation:** never executed by the bot.',
        '',
        '| File | Tier | Category | Rule | Why |',
        '| --- | --- | --- | --- | --- |',
        '| `db/migrate/20240101_add_users.rb` | critical | migration | `migration-folder` | database migrations change production schema or data; the bot never executes them |',
        '| `src/a\\|b.ts` → `src/api.gen.ts` | medium | generated (generated) | `generated-code` | generated code: review the generator input as well |',
        '| `yarn.lock` | medium (overridden from high) | dependencies | `lockfile` | lockfiles pin every installed package; a changed pin changes the code that runs |',
        '| `README.md` | low | docs | `documentation` | documentation |',
        '',
        '**Overrides from `.github/greenlight.yml` applied to this change:**',
        '',
        '- `lockfile`: high → medium, because “Renovate \\| bot updates only” (`yarn.lock`)',
        '',
      ].join('\n'),
    );
  });

  it('summarizes rows beyond the limit by tier', () => {
    const changes = [
      added('Dockerfile', 'FROM x'),
      ...Array.from({ length: 4 }, (_, i) => modified(`docs/p${i}.md`, 'x')),
      modified('src/x.ts', 'y'),
    ];
    const text = renderRiskMarkdown(classifyRisk(changes), review, { maxRows: 2 });
    expect(text).toContain('| `Dockerfile` |');
    expect(text).toContain('| `src/x.ts` |');
    expect(text).not.toContain('docs/p0.md');
    expect(text).toContain('…and 4 more files (4 low).');
  });

  it('says so when nothing changed', () => {
    expect(renderRiskMarkdown(classifyRisk([]), review)).toContain(
      '### Risk: `low`\n\n**Review needed:** no approval required.\n**Validation:** runs the tests; generated tests must pass reliably.\n\nNo files changed.',
    );
  });

  it('keeps hostile path characters inside their cell', () => {
    const text = renderRiskMarkdown(classifyRisk([added('src/`x`|<img src=x>.ts', 'x'), added('``y', 'x')]), review);
    expect(text).toContain('| ``src/`x`\\|<img src=x>.ts`` | medium |');
    expect(text).toContain('| ``` ``y ``` | medium |');
  });
});

describe('renderRiskText', () => {
  it('prints the tier, the review and one entry per file', () => {
    const assessment = classifyRisk([
      added('db/migrate/20240101_add_users.rb', 'def change; end'),
      renamed('tests/test_a.py', 'tests/test_b.py'),
    ]);
    expect(renderRiskText(assessment, review)).toBe(
      [
        'risk: critical (2 files)',
        'review: 2 approvals on the latest commit from people with write access other than the requester, including a code owner; opened as a draft',
        '',
        '  critical  db/migrate/20240101_add_users.rb',
        '            migration-folder [migration]: database migrations change production schema or data; the bot never executes them',
        '',
        '  low       tests/test_a.py -> tests/test_b.py',
        '            test-file [tests]: tests only: generated tests must pass reliably',
        '',
      ].join('\n'),
    );
  });

  it('notes deletions, generated files and overrides', () => {
    const risk = RepoConfig.parse({
      risk: { overrides: [{ rule: 'test-deleted', tier: 'low', reason: 'legacy suite retired' }] },
    }).risk;
    const text = renderRiskText(
      classifyRisk(
        [
          {
            path: 'tests/test_old.py',
            status: 'deleted',
            binary: false,
            addedLines: [],
            removedLines: ['def test_x():'],
          },
          added('src/__generated__/t.ts', 'x'),
        ],
        { risk },
      ),
    );
    expect(text).toContain('tests/test_old.py (deleted, overridden from medium)');
    expect(text).toContain('src/__generated__/t.ts (generated)');
    expect(text).toContain('override: test-deleted medium -> low (legacy suite retired); files: tests/test_old.py');
  });
});
