import type { RawArticle, RawInput } from './contracts.js';
import { articleId } from './ids.js';

/**
 * A complete raw article from partial input: the id from the URL or the body, the source from the input,
 * else the URL's host, else `defaults.source`, and the fetch time now.
 */
export function toRawArticle(input: RawInput, defaults: { source: string; now?: Date }): RawArticle {
  const source = input.source ?? (input.url ? new URL(input.url).hostname : defaults.source);
  return {
    schemaVersion: 1,
    ...input,
    id: input.id ?? articleId(input),
    source,
    fetchedAt: input.fetchedAt ?? (defaults.now ?? new Date()).toISOString(),
  };
}
