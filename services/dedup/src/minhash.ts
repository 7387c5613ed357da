/**
 * MinHash signatures over word shingles of the Arabic-normalised text (the analyzer's normalisation from
 * shared/, without stemming or stop words), for near-duplicate detection with LSH.
 */
import { normalizeForMatching } from '@arabic-news/shared';

/** Words per shingle: three keeps a sentence edit from touching more than a few shingles. */
export const SHINGLE_WORDS = 3;
/** LSH layout: 42 bands of 3 rows. A pair with Jaccard 0.5 becomes a candidate with probability 0.996. */
export const BANDS = 42;
export const ROWS = 3;
export const PERMUTATIONS = BANDS * ROWS;

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: a cheap, well-mixed permutation of 32-bit values. */
export function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** The text's words after the analyzer's normalisation (what shingles and the weighted sketch are made of). */
export function matchingWords(text: string, normalized = normalizeForMatching(text)): string[] {
  return normalized.split(' ').filter(Boolean);
}

/** Distinct hashes of the text's word shingles in the order they first occur (a text shorter than a shingle is one shingle). */
export function shingleHashes(text: string | string[]): Uint32Array {
  const words = typeof text === 'string' ? matchingWords(text) : text;
  const set = new Set<number>();
  if (words.length > 0 && words.length < SHINGLE_WORDS) set.add(fnv1a(words.join(' ')));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) set.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return Uint32Array.from(set);
}

/**
 * The MinHash signature, each minimum kept to its low 16 bits ("b-bit MinHash"): half the memory, and two
 * different minima agree by chance once in 65,536, which moves an estimate by less than 0.01.
 */
export function signature(shingles: Uint32Array): Uint16Array {
  const mins = new Uint32Array(PERMUTATIONS).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s += 1) {
    const shingle = shingles[s]!;
    for (let p = 0; p < PERMUTATIONS; p += 1) {
      const h = mix(shingle ^ SEEDS[p]!);
      if (h < mins[p]!) mins[p] = h;
    }
  }
  return Uint16Array.from(mins, (value) => value & 0xffff);
}

/** Estimated Jaccard similarity of two signatures: the share of equal positions. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let equal = 0;
  for (let i = 0; i < PERMUTATIONS; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / PERMUTATIONS;
}

/**
 * Estimated containment of set A in set B (the share of A's shingles that B has), from Jaccard and the
 * set sizes: |A∩B| = J·(|A|+|B|)/(1+J). By default A is the smaller set: a copy trimmed to its first
 * paragraphs, whose Jaccard is low, is contained in its original.
 */
export function estimateContainment(jaccard: number, sizeA: number, sizeB: number, of: 'smaller' | 'first' = 'smaller'): number {
  if (sizeA === 0 || sizeB === 0) return 0;
  const intersection = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, intersection / (of === 'first' ? sizeA : Math.min(sizeA, sizeB)));
}

/**
 * An article's opening, for telling a fuller version of a story from a digest that carries it: the
 * earlier article's first LEAD_SHINGLES shingles (a dateline and a name shared by two agency stories are
 * fewer)…
 */
export const LEAD_SHINGLES = 24;
/** …looked for among the later one's first LEAD_SCAN shingles. */
export const LEAD_SCAN = 60;

/** The LSH bucket key of band `band` of a signature. */
export function bandKey(sig: ArrayLike<number>, band: number): number {
  let hash = Math.imul(band + 1, 0x9e3779b1);
  for (let r = 0; r < ROWS; r += 1) hash = mix(hash ^ (sig[band * ROWS + r]! + (r << 16)));
  return hash;
}
