/**
 * A branch-safe slug of free text (an issue title): ASCII letters and digits joined by
 * single dashes, lower case, cut at a word boundary. The text is untrusted, but the
 * slug can only hold `[a-z0-9-]`, so it is safe in a ref name and never special to git.
 */

/**
 * @example slugify('Add tests for `parseDate()` — ISO weeks') // 'add-tests-for-parsedate-iso-weeks'
 * @example slugify('日本語') // 'change'
 */
export function slugify(text: string, maxLength = 40): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // é → e once decomposed
    .toLowerCase()
    .replace(/['’`]+/g, '') // don't → dont, not don-t
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > maxLength) {
      // A single overlong first word is cut rather than dropped.
      if (slug === '') slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug === '' ? 'change' : slug;
}
