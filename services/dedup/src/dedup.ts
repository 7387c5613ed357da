/**
 * The dedup step: the first article of a story goes to `articles.unique`; a later copy — same canonical
 * URL, same normalised text, or a near duplicate by MinHash/LSH — goes to `articles.duplicates` with the
 * first one's id and the similarity. Each remembered article is also emitted to the compacted
 * `dedup.state` topic, from which a restarted worker rebuilds its memory. Pure apart from the index it is
 * given.
 */
import {
  canonicalUrl,
  drop,
  normalizeForMatching,
  ok,
  shortHash,
  type CleanArticle,
  type DedupState,
  type DuplicateArticle,
  type Stage,
  type StepResult,
  type UniqueArticle,
} from '@arabic-news/shared';
import { DedupIndex, type Match, type RememberedArticle, type Thresholds } from './dedup-index.js';
import { fnv1a, LEAD_SCAN, LEAD_SHINGLES, matchingWords, shingleHashes, signature } from './minhash.js';
import { WEIGHTED_SAMPLES, weightedSketch } from './weighted.js';

/** Defaults chosen from `npm run bench:dedup` (see docs/BENCHMARKS.md). */
export const DEFAULT_THRESHOLDS: Thresholds = {
  jaccard: 0.5,
  containment: 0.8,
  minContainmentShingles: 60,
  rewriteJaccard: 0.3,
  rewriteWeighted: 0.55,
  rewriteDays: 2,
};

/**
 * Hash of the text after the analyzer's normalisation: tashkeel, letter variants, punctuation, spaces gone
 * (`normalized`: the text already normalised).
 */
export function contentHash(text: string, normalized = normalizeForMatching(text)): string {
  return shortHash(normalized);
}

function urlHash(url: string | undefined): string | undefined {
  if (!url || !/^https?:/i.test(url)) return undefined;
  try {
    return shortHash(canonicalUrl(url));
  } catch {
    return undefined;
  }
}

/** 32-bit hash of a source's name, never 0 (0 is "unknown"). */
const sourceHash = (source: string | undefined) => (source ? fnv1a(source) || 1 : 0);

/** Everything dedup computes about an article, and remembers if it is the first of its story. */
export function fingerprint(article: CleanArticle, seenAt: number): RememberedArticle {
  // Normalised once for the exact hash and the word sets (done for each apart, it took a third of the step).
  const normalized = normalizeForMatching(article.text);
  const words = matchingWords(article.text, normalized);
  const shingles = shingleHashes(words);
  const publishedAt = article.publishedAt ? Date.parse(article.publishedAt) : Number.NaN;
  return {
    id: article.id,
    seenAt,
    contentHash: contentHash(article.text, normalized),
    urlHash: urlHash(article.url),
    signature: signature(shingles),
    shingles: shingles.length,
    lead: shingles.slice(0, LEAD_SCAN),
    weighted: weightedSketch(words),
    publishedAt: Number.isNaN(publishedAt) ? seenAt : publishedAt,
    source: sourceHash(article.source),
  };
}

export type DedupDecision =
  | { kind: 'unique'; article: UniqueArticle; remembered: RememberedArticle }
  | { kind: 'duplicate'; article: DuplicateArticle; match: Match; remembered?: RememberedArticle }
  | { kind: 'replay' };

/** Decides, and remembers the article when it is the first of its story. */
export function decideDuplicate(article: CleanArticle, index: DedupIndex, now = Date.now()): DedupDecision {
  // Seen and passed on before (a redelivery after a crash, or a replay): not a story to emit again.
  if (index.has(article.id, now)) return { kind: 'replay' };
  const remembered = fingerprint(article, now);
  const unique: UniqueArticle = { ...article, contentHash: remembered.contentHash };
  const match = index.match(remembered, now);
  if (match) {
    const duplicate = { ...unique, duplicateOf: match.id, similarity: Number(match.similarity.toFixed(3)), reason: match.reason };
    if (match.reason !== 'rewrite') return { kind: 'duplicate', match, article: duplicate };
    // A rewrite is remembered as a member of the story: a later copy of its wording finds the story through it.
    const member = { ...remembered, storyOf: match.id };
    index.remember(member);
    return { kind: 'duplicate', match, article: duplicate, remembered: member };
  }
  index.remember(remembered);
  return { kind: 'unique', article: unique, remembered };
}

const base64 = (array: Uint16Array | Uint32Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

export function toStateMessage(remembered: RememberedArticle): DedupState {
  return {
    schemaVersion: 1,
    id: remembered.id,
    seenAt: new Date(remembered.seenAt).toISOString(),
    contentHash: remembered.contentHash,
    urlHash: remembered.urlHash,
    signature: base64(remembered.signature),
    shingles: remembered.shingles,
    lead: base64(remembered.lead.subarray(0, LEAD_SHINGLES)),
    weighted: base64(remembered.weighted),
    publishedAt: new Date(remembered.publishedAt).toISOString(),
    source: remembered.source || undefined,
    storyOf: remembered.storyOf,
  };
}

/** The bytes of a base64 string in a fresh, aligned buffer (for a Uint16Array or Uint32Array view). */
const aligned = (text: string) => new Uint8Array(Buffer.from(text, 'base64')).buffer;

export function fromStateMessage(state: DedupState): RememberedArticle {
  const signature = aligned(state.signature);
  const lead = aligned(state.lead ?? '');
  const weighted = aligned(state.weighted ?? '');
  return {
    id: state.id,
    seenAt: Date.parse(state.seenAt),
    contentHash: state.contentHash,
    urlHash: state.urlHash,
    signature: new Uint16Array(signature, 0, signature.byteLength >> 1),
    shingles: state.shingles,
    lead: new Uint32Array(lead, 0, lead.byteLength >> 2),
    weighted: weighted.byteLength === WEIGHTED_SAMPLES * 2 ? new Uint16Array(weighted) : new Uint16Array(0),
    // Older records: when the article was seen.
    publishedAt: Date.parse(state.publishedAt ?? state.seenAt),
    source: state.source ?? 0,
    storyOf: state.storyOf,
  };
}

export interface DedupOptions {
  index: DedupIndex;
  now?: () => number;
}

/** A dedup index with the window and thresholds of the configuration. */
export function createDedupIndex(options: {
  windowDays: number;
  jaccard?: number;
  containment?: number;
  /** Weighted word similarity from which a rewrite published within `rewriteDays` is the same story; false: never. */
  rewriteWeighted?: number | false;
  rewriteDays?: number;
}): DedupIndex {
  return new DedupIndex(options.windowDays * 24 * 3600 * 1000, {
    ...DEFAULT_THRESHOLDS,
    jaccard: options.jaccard ?? DEFAULT_THRESHOLDS.jaccard,
    containment: options.containment ?? DEFAULT_THRESHOLDS.containment,
    rewriteWeighted: options.rewriteWeighted === false ? Infinity : (options.rewriteWeighted ?? DEFAULT_THRESHOLDS.rewriteWeighted),
    rewriteDays: options.rewriteDays ?? DEFAULT_THRESHOLDS.rewriteDays,
  });
}

export function createDedup({ index, now = Date.now }: DedupOptions): Stage<CleanArticle> {
  let lastSweep = now();
  return {
    name: 'dedup',
    input: 'clean',
    step: (article): StepResult => {
      const time = now();
      // Eviction rebuilds the index: once a day is enough to keep it bounded by the window.
      if (time - lastSweep > 24 * 3600 * 1000) {
        index.evictExpired(time);
        lastSweep = time;
      }
      const decision = decideDuplicate(article, index, time);
      switch (decision.kind) {
        case 'replay':
          return drop('already passed on (replayed message)');
        case 'duplicate':
          return decision.remembered
            ? ok(
                { topic: 'duplicates', key: article.id, value: decision.article },
                { topic: 'dedupState', key: article.id, value: toStateMessage(decision.remembered) },
              )
            : ok({ topic: 'duplicates', key: article.id, value: decision.article });
        case 'unique':
          // The state record goes after the output: if it was written, the article was passed on.
          return ok(
            { topic: 'unique', key: article.id, value: decision.article },
            { topic: 'dedupState', key: article.id, value: toStateMessage(decision.remembered) },
          );
      }
    },
  };
}
