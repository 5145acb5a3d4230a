/**
 * Each reviewer's standing review, as GitHub computes it: the latest APPROVED,
 * CHANGES_REQUESTED or DISMISSED review per user. A later COMMENTED review does not
 * withdraw an approval, and PENDING (unsubmitted) reviews do not exist yet.
 */
import type { ReviewInfo } from '../../ports/forge.ts';

export function latestReviews(reviews: readonly ReviewInfo[]): ReviewInfo[] {
  const ordered = reviews
    .map((review, index) => ({ review, index }))
    .filter(({ review }) => review.state !== 'COMMENTED' && review.state !== 'PENDING')
    .sort((a, b) => {
      const at = Date.parse(a.review.submittedAt ?? '') || 0;
      const bt = Date.parse(b.review.submittedAt ?? '') || 0;
      return at - bt || a.review.id - b.review.id || a.index - b.index;
    });
  const latest = new Map<string, ReviewInfo>();
  for (const { review } of ordered) latest.set(review.user.login.toLowerCase(), review);
  return [...latest.values()];
}
