/**
 * The dedup step: the first article of a story goes to `articles.unique`, a later exact copy (same
 * canonical URL, or same text after Arabic normalisation) goes to `articles.duplicates` with the first
 * one's id. State comes in through a store; the step itself does no I/O.
 */
import {
  canonicalUrl,
  normalizeForMatching,
  ok,
  shortHash,
  type CleanArticle,
  type DuplicateArticle,
  type Stage,
  type StepResult,
  type UniqueArticle,
} from '@arabic-news/shared';

/** Remembers which article first had a given fingerprint. */
export interface DedupStore {
  get(fingerprint: string): string | undefined;
  remember(fingerprint: string, articleId: string): void;
}

/** In-memory store: the JSON-lines filter's memory and the embedded default's. */
export class MemoryDedupStore implements DedupStore {
  private readonly seen = new Map<string, string>();
  get(fingerprint: string): string | undefined {
    return this.seen.get(fingerprint);
  }
  remember(fingerprint: string, articleId: string): void {
    if (!this.seen.has(fingerprint)) this.seen.set(fingerprint, articleId);
  }
  get size(): number {
    return this.seen.size;
  }
}

/** Hash of the text after the analyzer's normalisation: tashkeel, letter variants, punctuation, spaces gone. */
export function contentHash(text: string): string {
  return shortHash(normalizeForMatching(text));
}

function urlFingerprint(url: string | undefined): string | undefined {
  if (!url || !/^https?:/i.test(url)) return undefined;
  try {
    return `url:${canonicalUrl(url)}`;
  } catch {
    return undefined;
  }
}

export type DedupDecision = { kind: 'unique'; article: UniqueArticle } | { kind: 'duplicate'; article: DuplicateArticle };

export function decideDuplicate(article: CleanArticle, store: DedupStore): DedupDecision {
  const hash = contentHash(article.text);
  const unique: UniqueArticle = { ...article, contentHash: hash };
  const checks: [string | undefined, DuplicateArticle['reason']][] = [
    [urlFingerprint(article.url), 'same-url'],
    [`text:${hash}`, 'same-text'],
  ];
  for (const [fingerprint, reason] of checks) {
    if (!fingerprint) continue;
    const first = store.get(fingerprint);
    // The same article seen again (a replay after a crash) is not a duplicate of itself.
    if (first && first !== article.id) return { kind: 'duplicate', article: { ...unique, duplicateOf: first, similarity: 1, reason } };
  }
  for (const [fingerprint] of checks) if (fingerprint) store.remember(fingerprint, article.id);
  return { kind: 'unique', article: unique };
}

export function createDedup(options: { store: DedupStore }): Stage<CleanArticle> {
  return {
    name: 'dedup',
    input: 'clean',
    step: (article): StepResult => {
      const decision = decideDuplicate(article, options.store);
      return decision.kind === 'unique'
        ? ok({ topic: 'unique', key: article.id, value: decision.article })
        : ok({ topic: 'duplicates', key: article.id, value: decision.article });
    },
  };
}
