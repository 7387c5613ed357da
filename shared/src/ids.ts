import { createHash } from 'node:crypto';

const TRACKING_PARAMETER = /^(utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$/i;

/** URL without fragment, tracking parameters or default port, so that one article has one URL. */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
  url.searchParams.sort();
  return url.toString();
}

/** 16 hex digits of SHA-256: short enough for an `_id` and a Kafka key, collision-free at corpus scale. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The article id: from the canonical URL when there is one (the same page fetched twice is one article),
 * else from the body (the same file read twice is one article).
 */
export function articleId(input: { url?: string | undefined; body?: string }): string {
  if (input.url) {
    try {
      return shortHash(canonicalUrl(input.url));
    } catch {
      return shortHash(input.url);
    }
  }
  return shortHash(input.body ?? '');
}
