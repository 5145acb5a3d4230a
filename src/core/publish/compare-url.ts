/** The GitHub page comparing two branches, with the "open a pull request" form expanded. */

/**
 * @example compareUrl('https://github.com', { owner: 'acme', repo: 'shop' }, 'main', 'greenlight/issue-4-x')
 * // 'https://github.com/acme/shop/compare/main...greenlight/issue-4-x?expand=1'
 */
export function compareUrl(
  serverUrl: string,
  repo: { owner: string; repo: string },
  base: string,
  head: string,
): string {
  const ref = (name: string) => name.split('/').map(encodeURIComponent).join('/');
  return `${serverUrl.replace(/\/+$/, '')}/${repo.owner}/${repo.repo}/compare/${ref(base)}...${ref(head)}?expand=1`;
}
