/**
 * Who the App is: its id (to recognise its own check runs) and its bot login (so it
 * never reacts to itself). Read once from `GET /app` with the App's JWT and cached; a
 * failed read is retried at the next need.
 */
export interface AppIdentity {
  id: number;
  slug: string;
  /** `<slug>[bot]`, the login its comments and check runs show. */
  botLogin: string;
}

export function identityFromSlug(id: number, slug: string): AppIdentity {
  return { id, slug, botLogin: `${slug}[bot]` };
}

/** What the identity is read with: the App's own client (its JWT), as `app.auth()` gives it. */
export interface AppClient {
  rest: {
    apps: {
      getAuthenticated(): Promise<{ data: { id: number; slug?: string; name: string } | null | undefined }>;
    };
  };
}

/** A cached loader of the identity through `appOctokit` (Probot's `app.auth()`). */
export function appIdentityLoader(appOctokit: () => Promise<AppClient>): () => Promise<AppIdentity> {
  let pending: Promise<AppIdentity> | null = null;
  return () => {
    pending ??= (async () => {
      const { data } = await (await appOctokit()).rest.apps.getAuthenticated();
      if (data === null || data === undefined) throw new Error('GET /app returned nothing: is APP_ID right?');
      return identityFromSlug(data.id, data.slug ?? data.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
    })();
    pending.catch(() => {
      pending = null;
    });
    return pending;
  };
}
