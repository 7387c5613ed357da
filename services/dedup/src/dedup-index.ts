/**
 * What dedup remembers: for each article of the window, its id, when it was seen, its content and URL
 * hashes, and its MinHash signature, with LSH buckets to find candidates. Typed arrays throughout so that
 * a million articles fit in well under a gigabyte (measured by `npm run bench:dedup`).
 */
import { BANDS, LEAD_SHINGLES, PERMUTATIONS, bandKey, estimateContainment, estimateJaccard } from './minhash.js';
import { IntMultiMap } from './multimap.js';
import { WEIGHTED_SAMPLES, estimateWeightedJaccard } from './weighted.js';

export interface RememberedArticle {
  id: string;
  /** Epoch milliseconds. */
  seenAt: number;
  /** 16 hex digits: hash of the normalised text. */
  contentHash: string;
  /** 16 hex digits: hash of the canonical URL, when the article has one. */
  urlHash?: string;
  signature: Uint16Array;
  /** Number of distinct shingles (for the containment estimate). */
  shingles: number;
  /**
   * The opening: the first distinct shingle hashes (LEAD_SCAN of them for an article being matched;
   * LEAD_SHINGLES are remembered). Empty when unknown (state written before openings were kept): the
   * opening is then not checked.
   */
  lead: Uint32Array;
  /** The weighted sketch of the article's words (weighted.ts); empty when unknown (older state records). */
  weighted: Uint16Array;
  /** When the article was published (epoch ms), when the cleaner found it; else when it was seen. */
  publishedAt: number;
  /** 32-bit hash of the article's source (0: unknown): an outlet's own stories on one template are not rewrites. */
  source?: number;
  /**
   * For a rewrite, remembered too (its wording is not the first article's, and later copies may repeat it):
   * the id of the story's first article, which its copies point to.
   */
  storyOf?: string;
}

export interface Match {
  id: string;
  reason: 'same-url' | 'same-text' | 'near-duplicate' | 'rewrite';
  /** Estimated Jaccard similarity of the shingle sets (1 for exact matches). */
  similarity: number;
  containment: number;
}

export interface Thresholds {
  /** Estimated Jaccard at or above which two articles are the same story. */
  jaccard: number;
  /**
   * Containment of the shorter in the longer at or above which a trimmed copy is the same story. When the
   * later article is the longer and holds much besides (it is less than this contained in the earlier),
   * it must also open like the earlier one: a fuller version of the story does, a digest that quotes the
   * story among others does not…
   */
  containment: number;
  /** …when the shorter has at least this many shingles (short texts share too much by chance). */
  minContainmentShingles: number;
  /**
   * A rewrite of the story by another outlet (honorifics added, sentences merged) shares fewer shingles
   * but the same rare words: from this estimated Jaccard…
   */
  rewriteJaccard: number;
  /** …an article whose weighted word similarity (weighted.ts) is at least this (above 1: never)… */
  rewriteWeighted: number;
  /** …and that was published by another source within this many days of the earlier one is the same story. */
  rewriteDays: number;
}

const SALT = { id: 0x1d, content: 0x2c, url: 0x3b } as const;
const hi = (hex: string) => Number.parseInt(hex.slice(0, 8), 16) >>> 0;
const lo = (hex: string) => Number.parseInt(hex.slice(8, 16), 16) >>> 0;
const exactKey = (hex: string, salt: number) => (hi(hex) ^ Math.imul(salt, 0x9e3779b1)) >>> 0;

export class DedupIndex {
  private ids: string[] = [];
  private storyOf: (string | undefined)[] = [];
  private seenAt = new Float64Array(0);
  private shingles = new Uint32Array(0);
  private contentHash = new Uint32Array(0);
  private urlHash = new Uint32Array(0);
  private signatures = new Uint16Array(0);
  private leads = new Uint32Array(0);
  private publishedAt = new Float64Array(0);
  private weighted = new Uint16Array(0);
  private sources = new Uint32Array(0);
  private byExact = new IntMultiMap();
  private byBand = new IntMultiMap();
  private live = 0;

  constructor(
    private readonly windowMs: number,
    private readonly thresholds: Thresholds,
  ) {}

  /** Articles remembered (including any past the window not yet evicted). */
  get size(): number {
    return this.live;
  }

  /** Bytes held by the index's arrays, ids excluded (strings live on the V8 heap). */
  get bytes(): number {
    return (
      this.seenAt.byteLength +
      this.shingles.byteLength +
      this.contentHash.byteLength +
      this.urlHash.byteLength +
      this.signatures.byteLength +
      this.leads.byteLength +
      this.publishedAt.byteLength +
      this.weighted.byteLength +
      this.sources.byteLength +
      this.byExact.bytes +
      this.byBand.bytes
    );
  }

  has(id: string, now: number): boolean {
    let found = false;
    this.byExact.find(exactKey(id, SALT.id), (slot) => (found = this.ids[slot] === id && this.fresh(slot, now)));
    return found;
  }

  /** The earliest remembered article this one repeats, or undefined. */
  match(article: Omit<RememberedArticle, 'seenAt'>, now: number): Match | undefined {
    const exact = (hex: string | undefined, salt: number, array: Uint32Array, reason: Match['reason']): Match | undefined => {
      if (!hex) return undefined;
      let slot = -1;
      this.byExact.find(exactKey(hex, salt), (candidate) => {
        if (array[candidate * 2] === hi(hex) && array[candidate * 2 + 1] === lo(hex) && this.fresh(candidate, now)) slot = candidate;
      });
      return slot >= 0 ? { id: this.ids[slot]!, reason, similarity: 1, containment: 1 } : undefined;
    };
    const byUrl = exact(article.urlHash, SALT.url, this.urlHash, 'same-url');
    if (byUrl) return byUrl;
    const byText = exact(article.contentHash, SALT.content, this.contentHash, 'same-text');
    if (byText) return byText;

    // The earliest article of a story is the one copies point to; a near duplicate is surer than a rewrite.
    let best: Match | undefined;
    let bestSlot = Infinity;
    let rewrite: Match | undefined;
    let rewriteSlot = Infinity;
    const checked = new Set<number>();
    for (let band = 0; band < BANDS; band += 1) {
      this.byBand.find(bandKey(article.signature, band), (slot) => {
        if (checked.has(slot) || !this.fresh(slot, now)) return;
        checked.add(slot);
        const other = this.signatures.subarray(slot * PERMUTATIONS, (slot + 1) * PERMUTATIONS);
        const similarity = estimateJaccard(article.signature, other);
        const containment = estimateContainment(similarity, article.shingles, this.shingles[slot]!);
        const smaller = Math.min(article.shingles, this.shingles[slot]!);
        // The later article holds the earlier and much besides: the same story only if it opens like it.
        const holdsMore =
          article.shingles > this.shingles[slot]! &&
          estimateContainment(similarity, article.shingles, this.shingles[slot]!, 'first') < this.thresholds.containment;
        const same =
          similarity >= this.thresholds.jaccard ||
          (containment >= this.thresholds.containment &&
            smaller >= this.thresholds.minContainmentShingles &&
            (!holdsMore || this.opensLike(slot, article.lead)));
        if (same && slot < bestSlot) {
          bestSlot = slot;
          best = { id: this.storyOf[slot] ?? this.ids[slot]!, reason: 'near-duplicate', similarity, containment };
        } else if (!same && slot < rewriteSlot && similarity >= this.thresholds.rewriteJaccard && this.rewrites(slot, article)) {
          rewriteSlot = slot;
          rewrite = { id: this.storyOf[slot] ?? this.ids[slot]!, reason: 'rewrite', similarity, containment };
        }
      });
    }
    return best ?? rewrite;
  }

  /** Whether `article` shares the rare words of `slot` (weighted similarity) and another source published it near in time. */
  private rewrites(slot: number, article: Omit<RememberedArticle, 'seenAt'>): boolean {
    if (article.source && article.source === this.sources[slot]) return false;
    if (Math.abs(article.publishedAt - this.publishedAt[slot]!) > this.thresholds.rewriteDays * 86_400_000) return false;
    const sketch = this.weighted.subarray(slot * WEIGHTED_SAMPLES, (slot + 1) * WEIGHTED_SAMPLES);
    // An article remembered from an older state record has no sketch (all zeros): the rule does not apply.
    if (article.weighted.length < WEIGHTED_SAMPLES || sketch.every((value) => value === 0)) return false;
    return estimateWeightedJaccard(article.weighted, sketch) >= this.thresholds.rewriteWeighted;
  }

  /** Whether at least half the remembered opening shingles of `slot` are among `lead` (true when unknown). */
  private opensLike(slot: number, lead: Uint32Array): boolean {
    const opening = this.leads.subarray(slot * LEAD_SHINGLES, (slot + 1) * LEAD_SHINGLES).filter((hash) => hash !== 0);
    if (opening.length === 0 || lead.length === 0) return true;
    const later = new Set(lead);
    return opening.filter((hash) => later.has(hash)).length * 2 >= opening.length;
  }

  remember(article: RememberedArticle): void {
    const slot = this.ids.length;
    this.ensureCapacity(slot + 1);
    this.leads.set(article.lead.subarray(0, LEAD_SHINGLES), slot * LEAD_SHINGLES);
    this.publishedAt[slot] = article.publishedAt;
    this.sources[slot] = article.source ?? 0;
    if (article.weighted.length === WEIGHTED_SAMPLES) this.weighted.set(article.weighted, slot * WEIGHTED_SAMPLES);
    this.ids.push(article.id);
    this.storyOf.push(article.storyOf);
    this.seenAt[slot] = article.seenAt;
    this.shingles[slot] = article.shingles;
    this.contentHash[slot * 2] = hi(article.contentHash);
    this.contentHash[slot * 2 + 1] = lo(article.contentHash);
    this.signatures.set(article.signature.subarray(0, PERMUTATIONS), slot * PERMUTATIONS);
    this.byExact.add(exactKey(article.id, SALT.id), slot);
    this.byExact.add(exactKey(article.contentHash, SALT.content), slot);
    if (article.urlHash) {
      this.urlHash[slot * 2] = hi(article.urlHash);
      this.urlHash[slot * 2 + 1] = lo(article.urlHash);
      this.byExact.add(exactKey(article.urlHash, SALT.url), slot);
    }
    for (let band = 0; band < BANDS; band += 1) this.byBand.add(bandKey(article.signature, band), slot);
    this.live += 1;
  }

  /** Drops every article seen before `now - window` by rebuilding the arrays; returns how many went. */
  evictExpired(now: number): number {
    const keep: RememberedArticle[] = [];
    for (let slot = 0; slot < this.ids.length; slot += 1) {
      if (!this.fresh(slot, now)) continue;
      keep.push({
        id: this.ids[slot]!,
        seenAt: this.seenAt[slot]!,
        shingles: this.shingles[slot]!,
        contentHash: this.hex(this.contentHash, slot)!,
        urlHash: this.hex(this.urlHash, slot),
        signature: this.signatures.slice(slot * PERMUTATIONS, (slot + 1) * PERMUTATIONS),
        lead: this.leads.slice(slot * LEAD_SHINGLES, (slot + 1) * LEAD_SHINGLES).filter((hash) => hash !== 0),
        weighted: this.weighted.slice(slot * WEIGHTED_SAMPLES, (slot + 1) * WEIGHTED_SAMPLES),
        publishedAt: this.publishedAt[slot]!,
        source: this.sources[slot]!,
        storyOf: this.storyOf[slot],
      });
    }
    const evicted = this.ids.length - keep.length;
    if (evicted === 0) return 0;
    this.ids = [];
    this.storyOf = [];
    this.seenAt = new Float64Array(0);
    this.shingles = new Uint32Array(0);
    this.contentHash = new Uint32Array(0);
    this.urlHash = new Uint32Array(0);
    this.signatures = new Uint16Array(0);
    this.leads = new Uint32Array(0);
    this.publishedAt = new Float64Array(0);
    this.weighted = new Uint16Array(0);
    this.sources = new Uint32Array(0);
    this.byExact = new IntMultiMap(keep.length * 3);
    this.byBand = new IntMultiMap(keep.length * BANDS);
    this.live = 0;
    this.ensureCapacity(keep.length);
    for (const article of keep) this.remember(article);
    return evicted;
  }

  private fresh(slot: number, now: number): boolean {
    return this.seenAt[slot]! >= now - this.windowMs;
  }

  private hex(array: Uint32Array, slot: number): string | undefined {
    const high = array[slot * 2]!;
    const low = array[slot * 2 + 1]!;
    if (high === 0 && low === 0) return undefined;
    return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
  }

  private ensureCapacity(wanted: number): void {
    if (wanted <= this.seenAt.length) return;
    const capacity = Math.max(1024, this.seenAt.length * 2, wanted);
    const grow = <T extends Float64Array | Uint32Array | Uint16Array>(old: T, make: (n: number) => T, width: number): T => {
      const next = make(capacity * width);
      next.set(old as never);
      return next;
    };
    this.seenAt = grow(this.seenAt, (n) => new Float64Array(n), 1);
    this.shingles = grow(this.shingles, (n) => new Uint32Array(n), 1);
    this.contentHash = grow(this.contentHash, (n) => new Uint32Array(n), 2);
    this.urlHash = grow(this.urlHash, (n) => new Uint32Array(n), 2);
    this.signatures = grow(this.signatures, (n) => new Uint16Array(n), PERMUTATIONS);
    this.leads = grow(this.leads, (n) => new Uint32Array(n), LEAD_SHINGLES);
    this.publishedAt = grow(this.publishedAt, (n) => new Float64Array(n), 1);
    this.weighted = grow(this.weighted, (n) => new Uint16Array(n), WEIGHTED_SAMPLES);
    this.sources = grow(this.sources, (n) => new Uint32Array(n), 1);
  }
}
